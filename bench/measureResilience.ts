/**
 * Measurement for issue 5 (not a timed test): 50 cooperatives, 5 of them down
 * (nothing listening) and 5 slower than the deadline; a network-wide page
 * through the gateway, p50/p99 over 200 requests —
 *   A. with the default protection (circuit breaker, bulkhead, one retry);
 *   B. with the circuit breaker switched off (every request waits for the
 *      slow cooperatives' deadline), for comparison;
 * and the repeat of a network-wide query with a warm cache: cooperative
 * calls made (all 50 healthy, then with the 10 broken ones).
 *   node dist/bench/measureResilience.js [requests=200] [deadlineMs=2000] [products=200]
 * Uses Redis for the cache when REDIS_URL is set (else the in-process store).
 */
import { createServer } from 'node:net';
import type { CooperativeEntry } from '../core/registry';
import { silentLogger } from '../core/log';
import type { ResilienceSettings } from '../core/resilienceSettings';
import { startGateway, type RunningGateway } from '../gateway/server';
import { createStateStore } from '../gateway/state';
import { MemoryStore } from '../gateway/state/memoryStore';
import { testSupergraphConfig } from './supergraphConfig';
import { startSyntheticCoops } from './syntheticCoops';

const QUERY = `query($after: String) { products(first: 20, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name price { amount } } } } }`;
const COOPS = 50;
const DOWN = new Set([3, 13, 23, 33, 43]);
const SLOW = new Set([7, 17, 27, 37, 47]);

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

async function post(url: string): Promise<{ errors?: Array<{ extensions?: { cooperativeId?: string } }> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables: { after: null } }) });
  return (await res.json()) as { errors?: Array<{ extensions?: { cooperativeId?: string } }> };
}

function percentile(xs: readonly number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
}

interface Run {
  p50: number;
  p95: number;
  p99: number;
  /** Requests that took at least the deadline. */
  slow: number;
  max: number;
  missingPerAnswer: string;
  cooperativeCalls: number;
}

/** `requests` network-wide pages, `concurrency` at a time; latency per request. */
async function measure(gateway: RunningGateway & { deadlineMs: number }, requests: number, concurrency: number): Promise<Run> {
  let calls = 0;
  const off = gateway.sender.onCall((c) => void (c.cooperativeId && calls++));
  const times: number[] = [];
  const missing = new Map<number, number>();
  let next = 0;
  const worker = async () => {
    while (next < requests) {
      next++;
      const t = performance.now();
      const body = await post(gateway.url);
      times.push(performance.now() - t);
      const n = new Set((body.errors ?? []).map((e) => e.extensions?.cooperativeId)).size;
      missing.set(n, (missing.get(n) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  off();
  const missingPerAnswer = [...missing].sort(([a], [b]) => a - b).map(([n, count]) => `${n} missing ×${count}`).join(', ');
  const slow = times.filter((t) => t >= gateway.deadlineMs).length;
  return { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), slow, max: Math.max(...times), missingPerAnswer, cooperativeCalls: calls };
}

function summary(run: Run): string {
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  return `p50 ${ms(run.p50)}, p95 ${ms(run.p95)}, p99 ${ms(run.p99)}, max ${ms(run.max)}; ${run.slow} requests took the deadline or more; cooperative calls ${run.cooperativeCalls}; answers: ${run.missingPerAnswer}`;
}

async function warmRepeat(gateway: RunningGateway): Promise<{ first: number; repeat: number; errors: number }> {
  let calls = 0;
  const off = gateway.sender.onCall((c) => void (c.cooperativeId && calls++));
  await post(gateway.url);
  const first = calls;
  await new Promise((r) => setTimeout(r, 100)); // cache writes are not waited for
  calls = 0;
  const body = await post(gateway.url);
  off();
  return { first, repeat: calls, errors: body.errors?.length ?? 0 };
}

async function main(): Promise<void> {
  const [requests = 200, deadlineMs = 2000, products = 200] = process.argv.slice(2).map(Number);
  const slowMs = deadlineMs + 1000;
  const net = await startSyntheticCoops(COOPS, products, (i) => (SLOW.has(i) ? slowMs : 0));
  const networks = [net];
  const broken: CooperativeEntry[] = await Promise.all(
    net.entries.map(async (e, i) => (DOWN.has(i) ? { ...e, subgraphs: { marketplace: await closedPortUrl() } } : e)),
  );
  const gateways: RunningGateway[] = [];
  const start = async (entries: CooperativeEntry[], resilience?: ResilienceSettings, cache = false, warmUp = true) => {
    const base = testSupergraphConfig(entries, deadlineMs);
    const config = {
      ...base,
      gateway: { ...base.gateway, ...(resilience ? { resilience } : {}), ...(cache ? { cache: { ttl: { marketplace: { Product: 60 } } } } : {}) },
    };
    const store = cache ? createStateStore({ prefix: `sbnet-bench:${Date.now()}:` }) : new MemoryStore();
    const gateway = await startGateway({ config, port: 0, log: silentLogger, store });
    gateways.push(gateway);
    if (warmUp) await post(gateway.url); // plan, pool and cooperatives warm
    return { gateway, store };
  };
  const lines: string[] = [
    `${COOPS} cooperatives × ${products} products, network-wide page (first: 20), deadline ${deadlineMs} ms;`,
    `5 down (nothing listening), 5 answering after ${slowMs} ms; ${requests} requests each.`,
    '',
  ];
  try {
    const a = await start(broken);
    const runA = await measure({ ...a.gateway, deadlineMs }, requests, 1);
    lines.push(
      `A. default protection (breaker opens after 5 consecutive failures, probes every 5 s), sequential:`,
      `   ${summary(runA)}`,
    );
    const b = await start(broken, { circuit: { failureThreshold: 1_000_000, minimumRequests: 1_000_000 } });
    const runB = await measure({ ...b.gateway, deadlineMs }, requests, 8);
    lines.push(
      `B. circuit breaker off (every page waits for the slow ones' deadline), 8 concurrent clients:`,
      `   ${summary(runB)}`,
      '',
    );
    const allHealthy = await startSyntheticCoops(COOPS, products);
    networks.push(allHealthy);
    const c = await start(allHealthy.entries, undefined, true, false);
    const warm = await warmRepeat(c.gateway);
    lines.push(`C. warm cache (${c.store.kind} store), all 50 healthy: first query ${warm.first} cooperative calls, repeat ${warm.repeat} (errors ${warm.errors})`);
    const d = await start(broken, undefined, true, false);
    const warmBroken = await warmRepeat(d.gateway);
    lines.push(
      `D. warm cache, 5 down + 5 slow: first query ${warmBroken.first} cooperative calls, repeat ${warmBroken.repeat} (the 40 healthy ones answer from the cache; failures are never cached: the broken ones are asked again until their circuits open)`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
    await Promise.all([a, b, c, d].map(({ store }) => store.close()));
  } finally {
    await Promise.all(gateways.map((g) => g.close()));
    await Promise.all(networks.map((n) => n.close()));
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
