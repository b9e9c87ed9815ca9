/** Starts cooperative host processes and collects their cooperatives. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { HostedCoop } from './coopHost';

export interface Hosts {
  coops: HostedCoop[];
  /** Requests served by all cooperatives so far. */
  calls(): Promise<number>;
  /** Process ids of the host processes (for their CPU time). */
  pids: number[];
  close(): Promise<void>;
}

export async function startHosts(total: number, processes: number, products: number, latency: [number, number]): Promise<Hosts> {
  const per = Math.ceil(total / processes);
  const children: ChildProcess[] = [];
  const parts = await Promise.all(
    Array.from({ length: processes }, (_, p) => {
      const first = p * per;
      const count = Math.max(0, Math.min(per, total - first));
      const child = spawn(process.execPath, [join(__dirname, 'coopHost.js'), String(first), String(count), String(products), String(latency[0]), String(latency[1])], {
        stdio: ['ignore', 'pipe', 'inherit'],
        // Production, like a cooperative's server (graphql-js skips its development checks).
        env: { ...process.env, NODE_ENV: 'production' },
      });
      children.push(child);
      return new Promise<{ coops: HostedCoop[]; control: string }>((resolve, reject) => {
        let out = '';
        child.stdout!.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]));
        });
        child.once('exit', (code) => reject(new Error(`cooperative host exited with ${code}`)));
      });
    }),
  );
  return {
    coops: parts.flatMap((p) => p.coops),
    pids: children.map((c) => c.pid!),
    calls: async () => {
      const counts = await Promise.all(parts.map(async (p) => ((await (await fetch(p.control)).json()) as { calls: number }).calls));
      return counts.reduce((a, b) => a + b, 0);
    },
    close: async () => {
      for (const child of children) child.kill('SIGTERM');
    },
  };
}
