import { COOP, OTHER, codes, harness, ok, sampleData } from './harness';
import type { ProductStatsRow } from '../port';

const PRODUCT_STATS = `query($groupBy: [ProductDimension!], $filter: ProductFilter, $cooperatives: [ID!]) {
  productStats(groupBy: $groupBy, filter: $filter, cooperatives: $cooperatives) {
    cooperative { id } segment { code } family { code } supplierRegion count price { sum min max avg }
  } }`;

const ORDER_STATS = `query($groupBy: [OrderDimension!], $filter: OrderFilter, $cooperatives: [ID!]) {
  orderStats(groupBy: $groupBy, filter: $filter, cooperatives: $cooperatives) {
    cooperative { id } month segment { code } status count quantity amount { sum min max avg }
  } }`;

const noKeys = { cooperative: null, segment: null, family: null, supplierRegion: null };
const noOrderKeys = { cooperative: null, month: null, segment: null, status: null };

describe('productStats', () => {
  const h = harness();

  it('groupBy [] gives one bucket over everything with avg = sum / count', async () => {
    const { productStats } = ok(await h.run(PRODUCT_STATS, { groupBy: [] }));
    expect(productStats).toEqual([{ ...noKeys, count: 12, price: { sum: 1462000, min: 3000, max: 450000, avg: 1462000 / 12 } }]);
  });

  it('groupBy defaults to []', async () => {
    const { productStats } = ok(await h.run(`{ productStats { count } }`));
    expect(productStats).toEqual([{ count: 12 }]);
  });

  it('SEGMENT: Classification stubs, sorted by code, null last', async () => {
    const { productStats } = ok(await h.run(PRODUCT_STATS, { groupBy: ['SEGMENT'] }));
    expect(productStats).toEqual([
      { ...noKeys, segment: { code: '44000000' }, count: 2, price: { sum: 169000, min: 70000, max: 99000, avg: 84500 } },
      { ...noKeys, segment: { code: '56000000' }, count: 9, price: { sum: 1290000, min: 50000, max: 450000, avg: 1290000 / 9 } },
      { ...noKeys, count: 1, price: { sum: 3000, min: 3000, max: 3000, avg: 3000 } },
    ]);
  });

  it('SUPPLIER_REGION then COOPERATIVE: regions by code point, null last, cooperative stub', async () => {
    const { productStats } = ok(await h.run(PRODUCT_STATS, { groupBy: ['SUPPLIER_REGION', 'COOPERATIVE'] }));
    expect(productStats).toEqual([
      { ...noKeys, cooperative: { id: COOP }, supplierRegion: '경기', count: 4, price: { sum: 320000, min: 50000, max: 120000, avg: 80000 } },
      { ...noKeys, cooperative: { id: COOP }, supplierRegion: '서울', count: 4, price: { sum: 493000, min: 3000, max: 300000, avg: 123250 } },
      { ...noKeys, cooperative: { id: COOP }, supplierRegion: null, count: 4, price: { sum: 649000, min: 50000, max: 450000, avg: 162250 } },
    ]);
  });

  it('applies the filter; no rows give []', async () => {
    const { productStats } = ok(await h.run(PRODUCT_STATS, { groupBy: ['FAMILY'], filter: { classificationPrefix: '5610' } }));
    expect(productStats.map((b: { family: { code: string }; count: number }) => [b.family.code, b.count])).toEqual([['56100000', 7]]);
    expect(ok(await h.run(PRODUCT_STATS, { filter: { minPrice: 10_000_000 } })).productStats).toEqual([]);
  });

  it('another cooperative: cooperatives: or supplierId → [] without an adapter call; bad input → BAD_USER_INPUT', async () => {
    const before = h.calls.productStats;
    expect(ok(await h.run(PRODUCT_STATS, { cooperatives: [OTHER] })).productStats).toEqual([]);
    expect(ok(await h.run(PRODUCT_STATS, { filter: { supplierId: `${OTHER}:S1` } })).productStats).toEqual([]);
    expect(h.calls.productStats).toBe(before);
    expect(codes(await h.run(PRODUCT_STATS, { filter: { classificationPrefix: '561' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(PRODUCT_STATS, { cooperatives: ['X'] }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(PRODUCT_STATS, { filter: { supplierId: 'S1' } }))).toEqual(['BAD_USER_INPUT']);
  });

  it('sorts an adapter’s rows by every key in groupBy order, drops empty buckets and nulls keys not grouped by', async () => {
    const rows: ProductStatsRow[] = [
      { segment: null, family: '56100000', supplierRegion: 'x', count: 1, sum: 5, min: 5, max: 5 },
      { segment: '56000000', family: null, supplierRegion: 'x', count: 1, sum: 1, min: 1, max: 1 },
      { segment: '56000000', family: '56110000', supplierRegion: 'x', count: 2, sum: 4, min: 1, max: 3 },
      { segment: '44000000', family: '44120000', supplierRegion: 'x', count: 1, sum: 2, min: 2, max: 2 },
      { segment: '56000000', family: '56100000', supplierRegion: 'x', count: 1, sum: 3, min: 3, max: 3 },
      { segment: '10000000', family: '10100000', supplierRegion: 'x', count: 0, sum: 0, min: null, max: null },
    ];
    const stub = harness(sampleData(), (memory) => {
      memory.productStats = async () => rows;
      return memory;
    });
    const { productStats } = ok(await stub.run(PRODUCT_STATS, { groupBy: ['SEGMENT', 'FAMILY'] }));
    expect(productStats.map((b: { segment: { code: string } | null; family: { code: string } | null; supplierRegion: null }) => [b.segment?.code ?? null, b.family?.code ?? null, b.supplierRegion])).toEqual([
      ['44000000', '44120000', null],
      ['56000000', '56100000', null],
      ['56000000', '56110000', null],
      ['56000000', null, null],
      [null, '56100000', null],
    ]);
    expect(productStats[2].price).toEqual({ sum: 4, min: 1, max: 3, avg: 2 });
    expect(stub.args.productStats[0][1]).toEqual(['SEGMENT', 'FAMILY']);
  });
});

describe('orderStats', () => {
  const h = harness();

  it('groupBy [] gives one bucket with quantity and avg', async () => {
    const { orderStats } = ok(await h.run(ORDER_STATS, {}));
    expect(orderStats).toEqual([{ ...noOrderKeys, count: 6, quantity: 16, amount: { sum: 422000, min: 20000, max: 210000, avg: 422000 / 6 } }]);
  });

  it('MONTH (Asia/Seoul) then STATUS, both by code point', async () => {
    const { orderStats } = ok(await h.run(ORDER_STATS, { groupBy: ['MONTH', 'STATUS'] }));
    const one = (amount: number, quantity: number) => ({ count: 1, quantity, amount: { sum: amount, min: amount, max: amount, avg: amount } });
    expect(orderStats).toEqual([
      { ...noOrderKeys, month: '2026-01', status: 'CANCELLED', ...one(210000, 3) },
      { ...noOrderKeys, month: '2026-02', status: 'CONFIRMED', ...one(20000, 2) },
      { ...noOrderKeys, month: '2026-02', status: 'DELIVERED', ...one(20000, 2) },
      { ...noOrderKeys, month: '2026-02', status: 'RECEIVED', ...one(20000, 2) },
      { ...noOrderKeys, month: '2026-02', status: 'SHIPPED', ...one(20000, 2) },
      { ...noOrderKeys, month: '2026-03', status: 'RECEIVED', ...one(132000, 5) },
    ]);
  });

  it('SEGMENT and COOPERATIVE', async () => {
    const { orderStats } = ok(await h.run(ORDER_STATS, { groupBy: ['COOPERATIVE', 'SEGMENT'] }));
    expect(orderStats.map((b: { cooperative: { id: string }; segment: { code: string }; count: number }) => [b.cooperative.id, b.segment.code, b.count])).toEqual([
      [COOP, '44000000', 1],
      [COOP, '56000000', 5],
    ]);
  });

  it('filters; no rows give []; another cooperative gives []', async () => {
    const { orderStats } = ok(await h.run(ORDER_STATS, { filter: { from: '2026-02-01T00:00:00+09:00', to: '2026-03-01T00:00:00+09:00' } }));
    expect(orderStats[0].count).toBe(4);
    expect(ok(await h.run(ORDER_STATS, { filter: { from: '2030-01-01T00:00:00Z' } })).orderStats).toEqual([]);
    expect(ok(await h.run(ORDER_STATS, { cooperatives: [OTHER] })).orderStats).toEqual([]);
    expect(ok(await h.run(ORDER_STATS, { filter: { supplierId: `${OTHER}:S2` } })).orderStats).toEqual([]);
    expect(codes(await h.run(ORDER_STATS, { filter: { from: '2026-02-01' } }))).toEqual(['BAD_USER_INPUT']);
  });
});
