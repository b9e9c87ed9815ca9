/**
 * The Mercurius cooperative in a real network: the SB-NET gateway (real HTTP)
 * in front of it and of an Apollo-based cooperative (the reference in-memory
 * adapter behind the role server). Merged pages must equal one sorted
 * database of both cooperatives' rows.
 */
import { silentLogger } from '../../../../core/log';
import type { CooperativeEntry } from '../../../../core/registry';
import type { CallRecord } from '../../../../gateway/router/send';
import { startGateway, type RunningGateway } from '../../../../gateway/server';
import { InMemoryMarketplace } from '../../../../subgraphs/marketplace/inMemoryAdapter';
import { serveRoleAdapter } from '../../../../subgraphs/serve';
import { gql, type GqlResponse } from '../../../../test/helpers/gql';
import { testSupergraphConfig } from '../../../../test/helpers/network';
import { generateDataset } from '../../../data/generate';
import { recordsOf } from '../records';
import { startMercuriusCooperative } from '../server';
import { cooperativeDataset, oracleOrder, PROFILE, type OracleRow } from './harness';

const MINE = PROFILE.id; // klight, on Mercurius
const APOLLO = 'kled'; // same industry, so many equal names across the two
const mine = recordsOf(cooperativeDataset().dataset);
const theirs = recordsOf(generateDataset({ ...PROFILE, id: APOLLO, productCount: 90, seed: 8 }));

const rowsOf = (coop: string, records: typeof mine): OracleRow[] =>
  records.products.map((p) => ({ id: `${coop}:${p.localId}`, name: p.name, price: p.price.amount, updatedAt: p.updatedAt }));
const allRows = [...rowsOf(MINE, mine), ...rowsOf(APOLLO, theirs)];

let gateway: RunningGateway;
let url: string;
const closers: Array<() => Promise<void>> = [];
const calls: CallRecord[] = [];

beforeAll(async () => {
  const started = await Promise.allSettled([
    startMercuriusCooperative({ cooperativeId: MINE, dataset: cooperativeDataset().dataset, port: 0 }),
    serveRoleAdapter({ role: 'marketplace', cooperativeId: APOLLO, adapter: new InMemoryMarketplace(theirs), log: silentLogger }),
  ]);
  for (const s of started) if (s.status === 'fulfilled') closers.push(s.value.close);
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) throw failed.reason;
  const [mercurius, apollo] = started.map((s) => (s as PromiseFulfilledResult<{ url: string }>).value);
  const entries: CooperativeEntry[] = [
    { id: MINE, name: '한국조명공업협동조합', marketplaceSystem: 'mercurius', subgraphs: { marketplace: mercurius.url } },
    { id: APOLLO, name: '한국LED협동조합', subgraphs: { marketplace: apollo.url } },
  ];
  gateway = await startGateway({ config: testSupergraphConfig(entries), port: 0, log: silentLogger });
  closers.unshift(gateway.close);
  gateway.sender.onCall((c) => calls.push(c));
  url = gateway.url;
});

afterAll(async () => {
  for (const close of closers) await close();
});

const PRODUCTS = `query ($first: Int, $after: String, $orderBy: ProductOrder, $cooperatives: [ID!]) {
  products(first: $first, after: $after, orderBy: $orderBy, cooperatives: $cooperatives) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id name } }
  }
}`;

async function walk(first: number, variables: Record<string, unknown> = {}): Promise<{ ids: string[]; totals: number[] }> {
  const ids: string[] = [];
  const totals: number[] = [];
  for (let after: string | null = null, pages = 0; pages < 100; pages++) {
    const r: GqlResponse = await gql(url, PRODUCTS, { ...variables, first, after });
    expect(r.errors).toBeUndefined();
    const c: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ node: { id: string } }> } = r.data.products;
    ids.push(...c.edges.map((e) => e.node.id));
    totals.push(c.totalCount);
    if (!c.pageInfo.hasNextPage) return { ids, totals };
    after = c.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

describe('Mercurius cooperative behind the SB-NET gateway', () => {
  it('merges both cooperatives network-wide in the one order, page after page, with the total count', async () => {
    const { ids, totals } = await walk(25);
    expect(ids).toEqual(oracleOrder(allRows, 'NAME', 'ASC'));
    expect(new Set(totals)).toEqual(new Set([mine.products.length + theirs.products.length]));
    expect(ids.some((id) => id.startsWith(`${MINE}:`)) && ids.some((id) => id.startsWith(`${APOLLO}:`))).toBe(true);
  });

  it('merges PRICE DESC too, and honours cooperatives: [mine]', async () => {
    expect((await walk(40, { orderBy: { field: 'PRICE', direction: 'DESC' } })).ids).toEqual(oracleOrder(allRows, 'PRICE', 'DESC'));
    const only = await walk(100, { cooperatives: [MINE] });
    expect(only.ids).toEqual(oracleOrder(rowsOf(MINE, mine), 'NAME', 'ASC'));
    expect(only.totals[0]).toBe(mine.products.length);
  });

  it('routes product(id:) to the owning cooperative only', async () => {
    const product = mine.products[7];
    const before = calls.length;
    const r = await gql(url, `query ($id: ID!) { product(id: $id) { id sku name cooperative { id } supplier { id } } }`, { id: `${MINE}:${product.localId}` });
    expect(r.errors).toBeUndefined();
    expect(r.data.product).toMatchObject({ id: `${MINE}:${product.localId}`, sku: product.sku, name: product.name, cooperative: { id: MINE } });
    expect(calls.slice(before).map((c) => c.cooperativeId)).toEqual([MINE]);
    const theirsToo = await gql(url, `{ product(id: "${APOLLO}:${theirs.products[0].localId}") { id } }`);
    expect(theirsToo.data.product.id).toBe(`${APOLLO}:${theirs.products[0].localId}`);
  });

  it('merges stats buckets by cooperative', async () => {
    const r = await gql(url, '{ productStats(groupBy: [COOPERATIVE]) { cooperative { id } count price { min max } } }');
    expect(r.errors).toBeUndefined();
    expect(r.data.productStats.map((b: { cooperative: { id: string }; count: number }) => [b.cooperative.id, b.count])).toEqual([
      [APOLLO, theirs.products.length],
      [MINE, mine.products.length],
    ]);
  });

  it('routes placeOrder to the cooperative of its products, idempotently', async () => {
    const product = mine.products.find((p) => p.minOrderQuantity === 1)!;
    const place = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status cooperative { id } } }`;
    const input = { idempotencyKey: 'gw-mercurius-1', buyer: { businessNumber: '220-81-00127', name: '서울특별시교육청' }, lines: [{ productId: `${MINE}:${product.localId}`, quantity: 2 }] };
    const first = await gql(url, place, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.placeOrder).toMatchObject({ status: 'RECEIVED', cooperative: { id: MINE } });
    const again = await gql(url, place, { input });
    expect(again.data.placeOrder.id).toBe(first.data.placeOrder.id);
  });
});
