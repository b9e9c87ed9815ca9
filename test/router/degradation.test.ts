/**
 * Per-cooperative degradation: a cooperative that is down or slower than its
 * deadline drops out of that answer only, named in one error each; its place
 * in the cursor is kept, so the walk still returns every row exactly once
 * after it recovers.
 */
import { createServer } from 'node:net';
import { compareRows } from '../../core/order';
import { silentLogger } from '../../core/log';
import { InMemoryMarketplace } from '../../subgraphs/marketplace/inMemoryAdapter';
import { serveRoleAdapter, type RunningSubgraph } from '../../subgraphs/serve';
import { slowed } from '../helpers/adapters';
import { gql } from '../helpers/gql';
import { startTestNetwork, type TestNetwork } from '../helpers/network';
import { randomCoopData, rng } from '../helpers/randomData';

/** The slow cooperative's own deadline (the others keep the 2 s default, so a busy machine cannot time them out). */
const DEADLINE = 500;
const r = rng(7);
const healthy = Array.from({ length: 4 }, (_, i) => ({ id: `ok${i}`, data: randomCoopData(r, 15) }));
const slowData = randomCoopData(r, 15);
const SLOW_MS = 2500;
const delay = { ms: SLOW_MS };
let net: TestNetwork;
let slow: RunningSubgraph;

async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}/graphql`;
}

beforeAll(async () => {
  slow = await serveRoleAdapter({ role: 'marketplace', cooperativeId: 'slow', adapter: slowed(new InMemoryMarketplace(slowData), delay), log: silentLogger });
  net = await startTestNetwork(healthy, {
    extra: [
      { id: 'down', name: 'down', subgraphs: { marketplace: await closedPortUrl() } },
      { id: 'slow', name: 'slow', deadlineMs: DEADLINE, subgraphs: { marketplace: slow.url } },
    ],
  });
  // Warm up planning and connections so the timing below measures the deadline, not a first run.
  await gql(net.url, PAGE, { after: null }).catch(() => undefined);
});
afterAll(async () => {
  await net?.close();
  await slow?.close();
});

const PAGE = `query($after: String) { products(first: 10, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } } }`;

function sortedIds(sets: Array<{ id: string; data: ReturnType<typeof randomCoopData> }>): string[] {
  return sets
    .flatMap(({ id, data }) => data.products.map((p) => ({ key: p.name.normalize('NFC'), id: `${id}:${p.localId}` })))
    .sort((a, b) => compareRows(a, b, 'ASC'))
    .map((x) => x.id);
}

describe('a cooperative down and one slower than its deadline', () => {
  it('answer within the deadline plus a margin, naming exactly those cooperatives, with every other row right', async () => {
    const started = Date.now();
    const res = await gql(net.url, PAGE);
    const elapsed = Date.now() - started;
    // Well under the slow cooperative's own 2.5 s: its 500 ms deadline cut it off.
    expect(elapsed).toBeLessThan(DEADLINE + 1000);
    const missing = res.errors!.map((e) => [e.extensions?.code, e.extensions?.cooperativeId, e.path]).sort();
    expect(missing).toEqual([
      ['COOPERATIVE_UNAVAILABLE', 'down', ['products']],
      ['COOPERATIVE_UNAVAILABLE', 'slow', ['products']],
    ]);
    const expected = sortedIds(healthy);
    expect(res.data.products.nodes.map((n: any) => n.id)).toEqual(expected.slice(0, 10));
    // Missing cooperatives add nothing to totalCount.
    expect(res.data.products.totalCount).toBe(expected.length);
  });

  it('keeps the missing cooperative\'s position: after recovery the walk returns every row exactly once', async () => {
    delay.ms = SLOW_MS;
    const first = await gql(net.url, PAGE);
    const seen: string[] = first.data.products.nodes.map((n: any) => n.id);
    delay.ms = 0; // the slow cooperative recovers
    let after = first.data.products.pageInfo.endCursor;
    for (let i = 0; i < 50 && after; i++) {
      const page = await gql(net.url, PAGE, { after });
      expect(page.errors?.map((e) => e.extensions?.cooperativeId)).toEqual(['down']);
      seen.push(...page.data.products.nodes.map((n: any) => n.id));
      after = page.data.products.pageInfo.hasNextPage ? page.data.products.pageInfo.endCursor : null;
    }
    const all = sortedIds([...healthy, { id: 'slow', data: slowData }]);
    expect([...seen].sort()).toEqual([...all].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('an empty page with a cooperative missing still gives the position to resume from', async () => {
    delay.ms = SLOW_MS;
    const res = await gql(net.url, `{ products(first: 0, cooperatives: ["slow"]) { totalCount pageInfo { hasNextPage endCursor } } }`);
    expect(res.data.products.totalCount).toBe(0);
    expect(res.data.products.pageInfo.endCursor).toMatch(/^v3\./);
    delay.ms = 0;
  });
});
