/**
 * productStats / orderStats for every groupBy combination and a range of
 * filters equal the reference engine (memory.ts productStatsOf /
 * orderStatsOf) over the adapter's own records. Bucket order is the role
 * server's business, so buckets are compared sorted by their keys.
 */
import { segmentOf } from '../../../core/domain/unspsc';
import { orderSegment, orderStatsOf, productStatsOf } from '../../../subgraphs/marketplace/memory';
import type { OrderDimension, OrderFilter, ProductDimension, ProductFilter, ProductRecord } from '../../../subgraphs/marketplace/port';
import type { GroupInput } from '../harness';
import { readAllRecords, sortedBuckets, subsets, useLegacy, type AdapterRecords } from './support';

const PRODUCT_DIMENSIONS: readonly ProductDimension[] = ['COOPERATIVE', 'SEGMENT', 'FAMILY', 'SUPPLIER_REGION'];
const ORDER_DIMENSIONS: readonly OrderDimension[] = ['COOPERATIVE', 'MONTH', 'SEGMENT', 'STATUS'];

export function statsGroup({ harness, fixture }: GroupInput): void {
  describe('stats', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const { expected } = fixture;
    let served: AdapterRecords;

    beforeAll(async () => {
      served = await readAllRecords(legacy.marketplace);
    });

    // Filters drawn from the expected records (so each selects something real).
    const code = expected.products.find((p) => p.classificationCode !== null)!.classificationCode!;
    const hangul = expected.products.map((p) => /[가-힣]{2}/.exec(p.name)?.[0]).find((w) => w !== undefined) ?? '책상';
    const amounts = expected.products.map((p) => p.price.amount).sort((a, b) => a - b);
    const supplier = expected.products.find((p) => p.supplierLocalId !== null)!.supplierLocalId!;
    const productFilters: Array<[string, ProductFilter]> = [
      ['no filter', {}],
      ['segment prefix', { classificationPrefix: code.slice(0, 2) }],
      ['commodity', { classificationPrefix: code }],
      ['Hangul text', { text: hangul }],
      ['price range (inclusive)', { minPrice: amounts[Math.floor(amounts.length / 4)], maxPrice: amounts[Math.floor((3 * amounts.length) / 4)] }],
      ['supplier', { supplierLocalId: supplier }],
      ['nothing matches → []', { text: '없는검색어 zq' }],
    ];

    const orders = [...expected.orders].sort((a, b) => Date.parse(a.orderedAt) - Date.parse(b.orderedAt));
    const buyer = orders[0].buyer.businessNumber;
    const statuses = [...new Set(orders.map((o) => o.status))];
    const orderFilters: Array<[string, OrderFilter]> = [
      ['no filter', {}],
      ...statuses.map((status): [string, OrderFilter] => [`status ${status}`, { status }]),
      ['from (inclusive) / to (exclusive) at order instants', { from: orders[3].orderedAt, to: orders[orders.length - 4].orderedAt }],
      ['from / to at Seoul month starts', { from: `${orders[0].orderedAt.slice(0, 7)}-01T00:00:00+09:00`, to: '2026-07-01T00:00:00+09:00' }],
      ['from / to in UTC (offsets differ from the legacy clock)', { from: new Date(Date.parse(orders[5].orderedAt)).toISOString(), to: new Date(Date.parse(orders[20].orderedAt) + 1).toISOString() }],
      ['buyer, with hyphens', { buyerBusinessNumber: buyer }],
      ['buyer, digits only', { buyerBusinessNumber: buyer.replace(/-/g, '') }],
      ['supplier', { supplierLocalId: orders[0].supplierLocalId }],
      ['nothing matches → []', { status: 'RECEIVED', supplierLocalId: 'NO-SUCH-VENDOR' }],
    ];

    const regionOf = (p: ProductRecord) => {
      const s = served.suppliers.find((x) => x.localId === p.supplierLocalId);
      return s ? s.region : null;
    };

    describe('productStats', () => {
      it.each(subsets(PRODUCT_DIMENSIONS).map((g) => [`[${g.join(', ')}]`, g] as const))('groupBy %s, for every filter', async (_t, groupBy) => {
        for (const [title, filter] of productFilters) {
          const got = await legacy.marketplace.productStats(filter, groupBy);
          const want = productStatsOf(served.products, filter, groupBy, regionOf);
          expect({ filter: title, buckets: sortedBuckets(got, ['segment', 'family', 'supplierRegion']) }).toEqual({
            filter: title,
            buckets: sortedBuckets(want, ['segment', 'family', 'supplierRegion']),
          });
        }
      });

      it('groupBy order does not change the buckets', async () => {
        const a = await legacy.marketplace.productStats({}, ['SUPPLIER_REGION', 'FAMILY', 'SEGMENT']);
        const b = await legacy.marketplace.productStats({}, ['SEGMENT', 'FAMILY', 'SUPPLIER_REGION']);
        expect(sortedBuckets(a, ['segment', 'family', 'supplierRegion'])).toEqual(sortedBuckets(b, ['segment', 'family', 'supplierRegion']));
      });

      it('groupBy [] is one bucket over every product the adapter serves', async () => {
        const [bucket, ...rest] = await legacy.marketplace.productStats({}, []);
        expect(rest).toEqual([]);
        expect(bucket).toMatchObject({ segment: null, family: null, supplierRegion: null, count: served.products.length });
        expect(bucket.sum).toBe(served.products.reduce((s, p) => s + p.price.amount, 0));
      });

      it('products without a classification fall in the null segment, not in any segment', async () => {
        const buckets = await legacy.marketplace.productStats({}, ['SEGMENT']);
        const unclassified = served.products.filter((p) => p.classificationCode === null).length;
        expect(buckets.find((b) => b.segment === null)?.count ?? 0).toBe(unclassified);
        for (const b of buckets) if (b.segment !== null) expect(b.segment).toBe(segmentOf(b.segment));
      });
    });

    describe('orderStats', () => {
      it.each(subsets(ORDER_DIMENSIONS).map((g) => [`[${g.join(', ')}]`, g] as const))('groupBy %s, for every filter', async (_t, groupBy) => {
        const productById = new Map(served.products.map((p) => [p.localId, p]));
        for (const [title, filter] of orderFilters) {
          const got = await legacy.marketplace.orderStats(filter, groupBy);
          const want = orderStatsOf(served.orders, filter, groupBy, (o) => orderSegment(o, (id) => productById.get(id)));
          expect({ filter: title, buckets: sortedBuckets(got, ['month', 'segment', 'status'], ['quantity']) }).toEqual({
            filter: title,
            buckets: sortedBuckets(want, ['month', 'segment', 'status'], ['quantity']),
          });
        }
      });

      it('months are YYYY-MM in Asia/Seoul', async () => {
        const buckets = await legacy.marketplace.orderStats({}, ['MONTH']);
        for (const b of buckets) expect(b.month).toMatch(/^\d{4}-(0[1-9]|1[0-2])$/);
        expect(buckets.reduce((s, b) => s + b.count, 0)).toBe(served.orders.length);
      });
    });
  });
}
