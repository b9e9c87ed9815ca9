/**
 * The core equivalence (DESIGN.md §2): through the real gateway over real
 * HTTP subgraphs, every merged page equals the slice of one sorted array of
 * every cooperative's rows, and a walk visits each row exactly once. Random
 * data, filters, orders and page sizes, from fixed seeds.
 */
import { compareRows, type SortDirection } from '../../core/order';
import { matchesProductFilter, productSortKey, productStatsOf } from '../../subgraphs/marketplace/memory';
import type { ProductDimension, ProductFilter, ProductOrderField, ProductRecord } from '../../subgraphs/marketplace/port';
import type { InMemoryData } from '../../subgraphs/marketplace/inMemoryAdapter';
import { segmentOf, familyOf } from '../../core/domain/unspsc';
import { gql, type GqlResponse } from '../helpers/gql';
import { startTestNetwork, type TestNetwork } from '../helpers/network';
import { int, pick, randomCoopData, rng, type Rng } from '../helpers/randomData';

interface Row { coop: string; product: ProductRecord; id: string; region: string | null }

const PAGE = `query($filter: ProductFilter, $orderBy: ProductOrder, $first: Int, $after: String, $coops: [ID!]) {
  products(filter: $filter, orderBy: $orderBy, first: $first, after: $after, cooperatives: $coops) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id name } }
  }
}`;

function randomFilter(r: Rng): ProductFilter {
  const f: ProductFilter = {};
  if (r() < 0.25) f.text = pick(r, ['책', 'desk', 'ＦＦ', '1', 'mm', '의자 2']);
  if (r() < 0.25) f.classificationPrefix = pick(r, ['56', '5610', '561017', '56101703', '30']);
  if (r() < 0.2) f.minPrice = pick(r, [1000, 2500, 12000]);
  if (r() < 0.2) f.maxPrice = pick(r, [2500, 12000, 50000]);
  return f;
}

function oracle(rows: Row[], filter: ProductFilter, field: ProductOrderField, direction: SortDirection, coops?: string[]): Row[] {
  return rows
    .filter((r) => (!coops || coops.includes(r.coop)) && matchesProductFilter(r.product, filter))
    .map((r) => ({ row: r, key: productSortKey(r.product, field), id: r.id }))
    .sort((a, b) => compareRows(a, b, direction))
    .map((k) => k.row);
}

function toGatewayFilter(f: ProductFilter) {
  return { text: f.text, classificationPrefix: f.classificationPrefix, minPrice: f.minPrice, maxPrice: f.maxPrice };
}

async function walk(net: TestNetwork, rows: Row[], r: Rng, coopIds: string[]): Promise<void> {
  const filter = randomFilter(r);
  const field = pick(r, ['NAME', 'PRICE', 'UPDATED_AT'] as const);
  const direction = pick(r, ['ASC', 'DESC'] as const);
  const coops = r() < 0.3 ? coopIds.filter(() => r() < 0.5) : undefined;
  const expected = oracle(rows, filter, field, direction, coops);
  const first = pick(r, [2, 3, 5, 7, 10, 25]);
  const vars = { filter: toGatewayFilter(filter), orderBy: { field, direction }, first, coops };
  const seen: string[] = [];
  let after: string | null = null;
  for (let page = 0; page < 200; page++) {
    const res: GqlResponse = await gql(net.url, PAGE, { ...vars, after });
    expect(res.errors).toBeUndefined();
    const conn: any = res.data.products;
    const ids = conn.edges.map((e: any) => e.node.id);
    expect(ids).toEqual(expected.slice(seen.length, seen.length + first).map((x) => x.id));
    expect(conn.totalCount).toBe(expected.length);
    seen.push(...ids);
    expect(conn.pageInfo.hasNextPage).toBe(seen.length < expected.length);
    // Every edge's cursor resumes right after that edge (checked on one edge of some pages).
    if (ids.length > 1 && r() < 0.35) {
      const k = int(r, 0, ids.length - 1);
      const resumed = await gql(net.url, PAGE, { ...vars, first: 2, after: conn.edges[k].cursor });
      expect(resumed.data.products.edges.map((e: any) => e.node.id)).toEqual(expected.slice(seen.length - ids.length + k + 1, seen.length - ids.length + k + 3).map((x) => x.id));
    }
    if (!conn.pageInfo.hasNextPage) {
      expect(conn.pageInfo.endCursor === null).toBe(ids.length === 0);
      break;
    }
    after = conn.pageInfo.endCursor;
  }
  expect(seen).toEqual(expected.map((x) => x.id));
  expect(new Set(seen).size).toBe(seen.length);
}

function buildRows(datas: Array<{ id: string; data: InMemoryData }>): Row[] {
  return datas.flatMap(({ id, data }) =>
    data.products.map((p) => ({
      coop: id,
      product: p,
      id: `${id}:${p.localId}`,
      region: data.suppliers.find((s) => s.localId === p.supplierLocalId)?.region ?? null,
    })),
  );
}

describe.each([
  { seed: 11, coops: 2, walks: 6 },
  { seed: 23, coops: 9, walks: 8 },
  { seed: 37, coops: 30, walks: 5 },
])('merged pagination equals one sorted array (seed $seed, $coops cooperatives)', ({ seed, coops, walks }) => {
  const r = rng(seed);
  // Cooperative ids of different lengths so tie-breaking by global id crosses prefixes ("a-b:" vs "a:").
  const datas = Array.from({ length: coops }, (_, i) => ({
    id: pick(r, ['coop', 'co', 'coop-x', 'k']) + String.fromCharCode(97 + (i % 26)) + (i >= 26 ? 'z' : ''),
    data: randomCoopData(r, i === 1 ? 0 : int(r, 0, 40)),
  }));
  const rows = buildRows(datas);
  let net: TestNetwork;

  beforeAll(async () => {
    net = await startTestNetwork(datas);
  }, 60_000);
  afterAll(async () => net?.close());

  it('walks every page of random queries against the oracle', async () => {
    for (let i = 0; i < walks; i++) await walk(net, rows, r, datas.map((d) => d.id));
  }, 180_000);

  it('first: 0 gives an empty page with the right totalCount and hasNextPage', async () => {
    const res = await gql(net.url, PAGE, { first: 0 });
    expect(res.data.products).toEqual({ totalCount: rows.length, pageInfo: { hasNextPage: rows.length > 0, endCursor: null }, edges: [] });
  });

  it('asks each cooperative once per page, for at most `first` rows', async () => {
    net.calls.length = 0;
    await gql(net.url, PAGE, { first: 7 });
    expect(net.calls.filter((c) => c.role === 'marketplace').map((c) => c.cooperativeId).sort()).toEqual(datas.map((d) => d.id).sort());
  });

  it('merges productStats like a group-by over the union', async () => {
    const dims: ProductDimension[][] = [[], ['COOPERATIVE'], ['SEGMENT', 'SUPPLIER_REGION'], ['FAMILY'], ['SUPPLIER_REGION', 'COOPERATIVE']];
    for (const groupBy of dims) {
      const filter = randomFilter(r);
      const res = await gql(
        net.url,
        `query($f: ProductFilter, $g: [ProductDimension!]) { productStats(filter: $f, groupBy: $g) { cooperative { id } segment { code } family { code } supplierRegion count price { sum min max avg } } }`,
        { f: toGatewayFilter(filter), g: groupBy },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data.productStats).toEqual(statsOracle(rows, filter, groupBy));
    }
  });
});

function statsOracle(rows: Row[], filter: ProductFilter, groupBy: ProductDimension[]) {
  const groups = new Map<string, { key: (string | null)[]; amounts: number[] }>();
  for (const row of rows.filter((x) => matchesProductFilter(x.product, filter))) {
    const code = row.product.classificationCode!;
    const key = groupBy.map((d) => (d === 'COOPERATIVE' ? row.coop : d === 'SEGMENT' ? segmentOf(code) : d === 'FAMILY' ? familyOf(code) : row.region));
    const id = JSON.stringify(key);
    groups.set(id, { key, amounts: [...(groups.get(id)?.amounts ?? []), row.product.price.amount] });
  }
  const cmp = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  return [...groups.values()]
    .sort((a, b) => a.key.reduce((c, _, i) => c || cmp(a.key[i], b.key[i]), 0))
    .map(({ key, amounts }) => {
      const at = (d: ProductDimension) => (groupBy.includes(d) ? key[groupBy.indexOf(d)] : null);
      const sum = amounts.reduce((s, a) => s + a, 0);
      return {
        cooperative: at('COOPERATIVE') ? { id: at('COOPERATIVE') } : null,
        segment: at('SEGMENT') ? { code: at('SEGMENT') } : null,
        family: at('FAMILY') ? { code: at('FAMILY') } : null,
        supplierRegion: at('SUPPLIER_REGION'),
        count: amounts.length,
        price: { sum, min: Math.min(...amounts), max: Math.max(...amounts), avg: sum / amounts.length },
      };
    });
}

// Keep the reference engine's own stats in step with the oracle above.
test('statsOracle agrees with memory.ts productStatsOf on one cooperative', () => {
  const r = rng(5);
  const data = randomCoopData(r, 30);
  const rows = buildRows([{ id: 'solo', data }]);
  const regionOf = (p: ProductRecord) => data.suppliers.find((s) => s.localId === p.supplierLocalId)?.region ?? null;
  const mine = statsOracle(rows, {}, ['SEGMENT']).map((b) => [b.segment?.code, b.count, b.price.sum]);
  const theirs = productStatsOf(data.products, {}, ['SEGMENT'], regionOf)
    .map((b) => [b.segment, b.count, b.sum])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  expect(theirs).toEqual(mine);
});
