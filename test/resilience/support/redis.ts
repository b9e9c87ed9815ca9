/**
 * Redis for the resilience tests: the machine's server (`REDIS_URL`, default
 * redis://127.0.0.1:6379), or one a test starts on its own port and stops
 * (to take Redis away in the middle of a test). Without a reachable server
 * the suites are skipped with one line saying how to start one — except under
 * CI=true, where they fail.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';

export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const START_HINT = "redis-server --daemonize yes --port 6379 --save '' --appendonly no (or set REDIS_URL)";

/** PING answered with PONG (synchronous, so it can decide which tests exist). */
export function redisReachable(url: string = REDIS_URL): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s=require('net').connect(${Number(port || 6379)},${JSON.stringify(hostname)});s.setTimeout(1500);
s.on('connect',()=>s.write('PING\\r\\n'));s.on('data',(d)=>process.exit(String(d).includes('PONG')?0:1));
s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

/** `describe` with Redis; skipped with one line when it is unreachable, failed under CI=true. */
export function describeWithRedis(name: string, body: () => void): void {
  if (redisReachable()) return void describe(name, body);
  const where = new URL(REDIS_URL).host;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs Redis at ${where}`, () => {
        throw new Error(`Redis is not reachable at ${where} and CI=true; start it: ${START_HINT}`);
      });
    });
    return;
  }
  process.stdout.write(`SKIPPED ${name}: Redis not reachable at ${where}; start it with: ${START_HINT}\n`);
  // Skipped for a reason printed above (no Redis on this machine); under CI=true this fails instead.
  describe.skip(name, body);
}

/** A key prefix no other test run uses. */
export function uniquePrefix(label: string): string {
  return `sbnet-test:${label}:${randomBytes(4).toString('hex')}:`;
}

export function redisServerInstalled(): boolean {
  return spawnSync('redis-server', ['--version'], { timeout: 5000 }).status === 0;
}

/** `describe` needing the `redis-server` binary (to start and stop one); same skip/fail rules. */
export function describeWithRedisServerBinary(name: string, body: () => void): void {
  if (redisServerInstalled()) return void describe(name, body);
  if (process.env.CI === 'true') {
    describe(name, () => {
      it('needs the redis-server binary', () => {
        throw new Error('redis-server is not installed and CI=true; install it: apt-get install redis-server');
      });
    });
    return;
  }
  process.stdout.write(`SKIPPED ${name}: no redis-server binary on PATH; install it with: apt-get install redis-server\n`);
  // Skipped for a reason printed above (no redis-server binary to start and stop).
  describe.skip(name, body);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** A redis-server child on its own port (no persistence); `stop()` kills it, `start()` brings it back on the same port. */
export class OwnRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.start();
    return redis;
  }

  async start(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
      if (await pingOnce(this.port)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server did not answer on port ${this.port}`);
  }

  /** Freezes the server (SIGSTOP): connections stay open, nothing answers. */
  pause(): void {
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
  }

  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGCONT');
      child.kill('SIGKILL');
    });
  }
}

function pingOnce(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d: Buffer) => {
      socket.destroy();
      resolve(String(d).includes('PONG'));
    });
    socket.on('error', () => resolve(false));
    socket.on('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}
