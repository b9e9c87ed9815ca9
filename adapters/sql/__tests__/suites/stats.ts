/**
 * Stats grouped in SQL and re-aggregated by mapped keys equal memory.ts
 * productStatsOf / orderStatsOf over the mapped records, for every grouping.
 */
import { InMemoryMarketplace } from '../../../../subgraphs/marketplace/inMemoryAdapter';
import type { OrderDimension, OrderFilter, ProductDimension, ProductFilter } from '../../../../subgraphs/marketplace/port';
import { SqlMarketplace } from '../../marketplace';
import type { Backend, SeededBackend } from '../backends';
import { countingClient, expectedRecords, sampleDataset } from '../harness';

/** Every subset of `items`, in order. */
function subsets<T>(items: readonly T[]): T[][] {
  return items.reduce<T[][]>((all, item) => [...all, ...all.map((s) => [...s, item])], [[]]);
}

function sorted<T>(rows: readonly T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

const PRODUCT_DIMENSIONS: ProductDimension[] = ['COOPERATIVE', 'SEGMENT', 'FAMILY', 'SUPPLIER_REGION'];
const ORDER_DIMENSIONS: OrderDimension[] = ['COOPERATIVE', 'MONTH', 'SEGMENT', 'STATUS'];
const PRODUCT_FILTERS: ProductFilter[] = [{}, { classificationPrefix: '56' }, { text: 'led', minPrice: 1 }, { supplierLocalId: 'NOPE' }];
const ORDER_FILTERS: OrderFilter[] = [{}, { status: 'RECEIVED' }, { from: '2025-02-01T00:00:00+09:00' }, { supplierLocalId: 'NOPE' }];

export function statsSuite(backend: Backend): void {
  describe.each([true, false])(`${backend.name} stats equal memory (prices include VAT: %s)`, (pricesIncludeVat) => {
    let db: SeededBackend;
    let adapter: SqlMarketplace;
    let memory: InMemoryMarketplace;

    beforeAll(async () => {
      const dataset = sampleDataset(pricesIncludeVat, backend.dataset);
      db = await backend.seed(dataset);
      adapter = new SqlMarketplace(await db.connect(), db.ctx);
      memory = new InMemoryMarketplace(expectedRecords(dataset));
    });

    afterAll(async () => {
      await adapter?.close();
      await db?.drop();
    });

    const productCases = subsets(PRODUCT_DIMENSIONS).flatMap((groupBy) => PRODUCT_FILTERS.map((filter) => ({ groupBy, filter })));
    it.each(productCases)('productStats by $groupBy with $filter', async ({ groupBy, filter }) => {
      expect(sorted(await adapter.productStats(filter, groupBy))).toEqual(sorted(await memory.productStats(filter, groupBy)));
    });

    const orderCases = subsets(ORDER_DIMENSIONS).flatMap((groupBy) => ORDER_FILTERS.map((filter) => ({ groupBy, filter })));
    it.each(orderCases)('orderStats by $groupBy with $filter', async ({ groupBy, filter }) => {
      expect(sorted(await adapter.orderStats(filter, groupBy))).toEqual(sorted(await memory.orderStats(filter, groupBy)));
    });

    it('merges local groups that map to one bucket (F01 and F02 are both segment 56)', async () => {
      const rows = await adapter.productStats({}, ['SEGMENT']);
      expect(rows.filter((r) => r.segment === '56000000')).toHaveLength(1);
    });

    it('aggregates in the database: one grouped query after the vocabulary', async () => {
      const client = countingClient(await db.connect());
      const counted = new SqlMarketplace(client, db.ctx);
      await counted.productStats({}, ['SEGMENT']);
      expect(client.count).toBe(2);
      client.count = 0;
      await counted.orderStats({}, ['MONTH', 'STATUS']);
      expect(client.count).toBe(1);
      await counted.close();
    });
  });
}
