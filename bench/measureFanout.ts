/**
 * Measurement for the tenant router (not a timed test): N cooperatives × M
 * products, a network-wide search through the gateway, first page and page
 * 10, time and subgraph calls per page.
 *   node dist/bench/measureFanout.js [cooperatives=50] [products=1000] [first=20]
 */
import { silentLogger } from '../core/log';
import { startGateway } from '../gateway/server';
import { testSupergraphConfig } from './supergraphConfig';
import { startHosts } from './hosts';

const QUERY = `query($after: String, $first: Int) { products(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id name price { amount } } } } }`;

async function post(url: string, variables: Record<string, unknown>): Promise<any> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY, variables }) });
  return res.json();
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const [coops = 50, products = 1000, first = 20, minLatency = 0, maxLatency = 0] = process.argv.slice(2).map(Number);
  // Cooperatives in two other processes, so the numbers are the gateway's own.
  const net = await startHosts(coops, 2, products, [minLatency, maxLatency]);
  const entries = net.coops.map((c) => ({ id: c.id, name: c.id, subgraphs: { marketplace: c.url } }));
  const gateway = await startGateway({ config: testSupergraphConfig(entries), port: 0, log: silentLogger });
  let calls = 0;
  gateway.sender.onCall(() => calls++);
  try {
    // Cursors to page 10 (walked once), then timed rounds of page 1 and page 10.
    await post(gateway.url, { first });
    let after: string | null = null;
    for (let page = 1; page < 10; page++) after = (await post(gateway.url, { first, after })).data.products.pageInfo.endCursor;
    const times: Record<'page1' | 'page10', number[]> = { page1: [], page10: [] };
    const perPageCalls: number[] = [];
    for (let round = 0; round < 30; round++) {
      for (const [name, cursor] of [['page1', null], ['page10', after]] as const) {
        calls = 0;
        const t = performance.now();
        const body = await post(gateway.url, { first, after: cursor });
        times[name].push(performance.now() - t);
        perPageCalls.push(calls);
        if (body.errors) throw new Error(JSON.stringify(body.errors));
      }
    }
    const fmt = (xs: number[]) => `median ${median(xs).toFixed(1)} ms (min ${Math.min(...xs).toFixed(1)}, max ${Math.max(...xs).toFixed(1)})`;
    const slowest = Math.max(...net.coops.map((c) => c.latencyMs));
    process.stdout.write(
      `${coops} cooperatives × ${products} products, first ${first}, cooperative latency ${minLatency}–${maxLatency} ms (slowest ${slowest} ms)\n` +
        `  page 1:  ${fmt(times.page1)}\n  page 10: ${fmt(times.page10)}\n` +
        `  subgraph calls per page: ${[...new Set(perPageCalls)].join(', ')}\n`,
    );
  } finally {
    await gateway.close();
    await net.close();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
