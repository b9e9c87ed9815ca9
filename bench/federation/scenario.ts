/**
 * Scenario 1, standard federation: this project's gateway against stock
 * @apollo/gateway + @apollo/server over the same four subgraphs, both checked
 * to return the oracle's answer before any load, then alternating A/B load
 * rounds (same run, same machine).
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cpuMs, peakRssMb, startChild, type Child } from '../proc';
import { load, median, range, type LoadResult } from '../load';
import { expectedFederationAnswer } from './expected';
import { FEDERATION_QUERY } from './schemas';

export interface FederationOptions {
  rounds: number;
  durationS: number;
  connections: number;
  /** Correctness only, a one-second load (CI smoke check). */
  quick: boolean;
}

interface Round extends LoadResult {
  cpuMsPerRequest: number;
}

export interface GatewayStats {
  rounds: Round[];
  rss: number;
}

export async function runFederation(options: FederationOptions): Promise<{ sbnet: GatewayStats; stock: GatewayStats; text: string }> {
  const subgraphs = await startChild(join(__dirname, 'subgraphHost.js'), []);
  const children: Child[] = [subgraphs];
  try {
    const urls = subgraphs.firstLine;
    const env = { NODE_ENV: 'production' };
    const gateways: Record<'sbnet' | 'stock', Child> = {
      sbnet: await startChild(join(__dirname, 'gateways.js'), ['sbnet', urls], env),
      stock: await startChild(join(__dirname, 'gateways.js'), ['stock', urls], env),
    };
    children.push(gateways.sbnet, gateways.stock);
    const url = (k: 'sbnet' | 'stock') => gateways[k].firstLine.split(' ')[1];
    await verify(url('sbnet'), 'sbnet');
    await verify(url('stock'), 'stock');
    const body = JSON.stringify({ query: FEDERATION_QUERY });
    const stats: Record<'sbnet' | 'stock', GatewayStats> = { sbnet: { rounds: [], rss: 0 }, stock: { rounds: [], rss: 0 } };
    const rounds = options.quick ? 1 : options.rounds;
    const durationS = options.quick ? 1 : options.durationS;
    // Warm up both (JIT, pools, plan caches), then alternate which goes first.
    for (const k of ['sbnet', 'stock'] as const) await load(url(k), body, { connections: options.connections, durationS: 1 });
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? (['sbnet', 'stock'] as const) : (['stock', 'sbnet'] as const);
      for (const k of order) {
        const pid = gateways[k].process.pid!;
        const before = cpuMs(pid);
        const result = await load(url(k), body, { connections: options.connections, durationS });
        const cpu = cpuMs(pid) - before;
        if (result.errors || result.non2xx) throw new Error(`${k}: ${result.errors} errors, ${result.non2xx} non-2xx under load`);
        stats[k].rounds.push({ ...result, cpuMsPerRequest: cpu / Math.max(1, result.requests) });
      }
    }
    await verify(url('sbnet'), 'sbnet');
    await verify(url('stock'), 'stock');
    for (const k of ['sbnet', 'stock'] as const) stats[k].rss = peakRssMb(gateways[k].process.pid!);
    return { ...stats, text: report(stats, options, rounds, durationS) };
  } finally {
    for (const c of children) c.stop();
  }
}

async function verify(url: string, name: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: FEDERATION_QUERY }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  if (body.errors || !isDeepStrictEqual(body.data, await expectedFederationAnswer())) {
    throw new Error(`${name} gateway returned a wrong answer: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

function report(stats: Record<'sbnet' | 'stock', GatewayStats>, options: FederationOptions, rounds: number, durationS: number): string {
  const m = (k: 'sbnet' | 'stock', f: keyof Round) => median(stats[k].rounds.map((r) => r[f] as number));
  const r = (k: 'sbnet' | 'stock', f: keyof Round) => range(stats[k].rounds.map((x) => x[f] as number));
  const row = (label: string, f: keyof Round, better: 'higher' | 'lower') =>
    `| ${label} | ${m('sbnet', f).toFixed(2)} (${r('sbnet', f)}) | ${m('stock', f).toFixed(2)} (${r('stock', f)}) | ${(m('sbnet', f) / m('stock', f)).toFixed(2)}× (${better} is better) |`;
  return [
    `### Standard federation (4 subgraphs, ~25 KB answer, ${options.connections} connections, ${rounds} alternating rounds × ${durationS} s)`,
    '',
    '| metric | SB-NET gateway: median (min–max) | stock Apollo Gateway | ratio |',
    '|---|---|---|---|',
    row('requests/s', 'rps', 'higher'),
    row('latency p50 ms', 'p50', 'lower'),
    row('latency p99 ms', 'p99', 'lower'),
    row('gateway CPU ms / request', 'cpuMsPerRequest', 'lower'),
    `| peak RSS MB | ${stats.sbnet.rss.toFixed(0)} | ${stats.stock.rss.toFixed(0)} | ${(stats.sbnet.rss / stats.stock.rss).toFixed(2)}× (lower is better) |`,
    '',
    'Both gateways returned the oracle\'s answer before and after the load.',
  ].join('\n');
}
