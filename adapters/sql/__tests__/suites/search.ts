/**
 * Every search of the SQL adapter equals the in-memory reference engine
 * over the records the dataset must map to: each filter, each order field and
 * direction, cursors that fall between stored values, and random page walks
 * that must visit every row exactly once.
 */
import fc from 'fast-check';
import { InMemoryMarketplace } from '../../../../subgraphs/marketplace/inMemoryAdapter';
import { orderSortKey, productSortKey, supplierSortKey } from '../../../../subgraphs/marketplace/memory';
import type {
  Keyset,
  OrderFilter,
  Page,
  PageRequest,
  ProductFilter,
  ProductOrderField,
  SupplierFilter,
} from '../../../../subgraphs/marketplace/port';
import type { SortDirection, SortValue } from '../../../../core/order';
import { SqlMarketplace } from '../../marketplace';
import type { Backend, SeededBackend } from '../backends';
import { expectedRecords, sampleDataset } from '../harness';

const PRODUCT_FILTERS: ProductFilter[] = [
  {},
  { text: 'desk' },
  { text: 'DESK' },
  { text: '책상' },
  { text: 'доска' },
  { text: 'écran' }, // matches the NFD-stored name too
  { text: 'E\u0301CRAN' }, // an NFD needle
  { text: 'p-0' }, // sku
  { text: 'P-028' }, // sku stored in lower case
  { text: 'std' }, // spec
  { text: '%' }, // LIKE wildcards are plain characters
  { text: '_' },
  { text: '𠀀' },
  { text: 'ａ４' }, // fullwidth lower case of Ａ４
  { text: '' },
  { classificationPrefix: '56' },
  { classificationPrefix: '5610' },
  { classificationPrefix: '561017' },
  { classificationPrefix: '56101504' },
  { classificationPrefix: '39' },
  { classificationPrefix: '99' },
  { supplierLocalId: 'M01' },
  { supplierLocalId: 'M05' },
  { supplierLocalId: 'm01' },
  { supplierLocalId: 'NOPE' },
  { gtin: '8801234000017' },
  { gtin: '8801234000018' }, // invalid: matches nothing, also not the row that stores it
  { gtin: '' },
  { minPrice: 50000 },
  { maxPrice: 50000 },
  { minPrice: 50005, maxPrice: 50005 },
  { minPrice: 5, maxPrice: 5 },
  { minPrice: 0, maxPrice: 0 },
  { text: 'LED', classificationPrefix: '39', minPrice: 300000 },
  { text: '의자', supplierLocalId: 'M01', maxPrice: 60000 },
];

const FIELDS: ProductOrderField[] = ['NAME', 'PRICE', 'UPDATED_AT'];
const DIRECTIONS: SortDirection[] = ['ASC', 'DESC'];

const ORDER_FILTERS: OrderFilter[] = [
  {},
  { status: 'RECEIVED' },
  { status: 'CONFIRMED' },
  { status: 'SHIPPED' },
  { status: 'DELIVERED' },
  { status: 'CANCELLED' },
  { from: '2025-02-01T00:00:00+09:00' },
  { to: '2025-02-01T00:00:00+09:00' },
  { from: '2025-01-05T00:30:00.001Z', to: '2025-03-01T08:00:00.500+09:00' }, // fractional seconds
  { from: '2025-01-31T14:59:59Z', to: '2025-01-31T15:00:00Z' }, // the same instant as 23:59:59 Seoul
  { buyerBusinessNumber: '312-81-45670' },
  { buyerBusinessNumber: '3128145670' },
  { buyerBusinessNumber: '123-45-67890' }, // shown as stored
  { supplierLocalId: 'M02' },
  { status: 'RECEIVED', supplierLocalId: 'M01', from: '2025-01-01T00:00:00+09:00' },
];

const SUPPLIER_FILTERS: SupplierFilter[] = [
  {},
  { text: '한샘' },
  { text: 'SEOUL' },
  { text: 'kim' },
  { text: '81-00' }, // business number as shown
  { text: '124-81' }, // stored without hyphens
  { text: '불량' }, // only the skipped supplier has it
  { region: '서울' },
  { region: '' },
  { businessNumber: '124-81-00998' },
  { businessNumber: '2208100127' },
  { businessNumber: '123-45-67890' },
];

interface Setup {
  db: SeededBackend;
  adapter: SqlMarketplace;
  memory: InMemoryMarketplace;
}

export interface SearchSuiteOptions {
  /** Page sizes each case is walked with (servers get fewer: each page is a round trip). */
  pageSizes: number[];
  /** fast-check runs per property. */
  numRuns: number;
}

/** Walks all pages with the given page sizes (cycled), returning every page. */
async function walk<T extends { localId: string }>(
  search: (first: number, after: Keyset | null) => Promise<Page<T>>,
  keyOf: (row: T) => SortValue,
  sizes: readonly number[],
): Promise<Array<Page<T>>> {
  const pages: Array<Page<T>> = [];
  let after: Keyset | null = null;
  for (let i = 0; i < 500; i++) {
    const page = await search(sizes[i % sizes.length], after);
    pages.push(page);
    const last = page.rows[page.rows.length - 1];
    if (last) after = { key: keyOf(last), id: last.localId };
    if (!page.hasNextPage || page.rows.length === 0) return pages; // a page of 0 cannot advance
  }
  throw new Error('walk did not end');
}

export function searchSuite(backend: Backend, options: SearchSuiteOptions): void {
  describe.each([true, false])(`${backend.name} search equals the in-memory engine (prices include VAT: %s)`, (pricesIncludeVat) => {
    let s: Setup;
    const dataset = () => sampleDataset(pricesIncludeVat, backend.dataset);

    beforeAll(async () => {
      const db = await backend.seed(dataset());
      s = { db, adapter: new SqlMarketplace(await db.connect(), db.ctx), memory: new InMemoryMarketplace(expectedRecords(dataset())) };
    });

    afterAll(async () => {
      await s?.adapter.close();
      await s?.db.drop();
    });

    describe('products', () => {
      const cases = PRODUCT_FILTERS.flatMap((filter) => FIELDS.flatMap((field) => DIRECTIONS.map((direction) => ({ filter, field, direction }))));

      it.each(cases)('filter $filter by $field $direction: every page equals memory', async ({ filter, field, direction }) => {
        for (const first of options.pageSizes) {
          const search = (adapter: SqlMarketplace | InMemoryMarketplace) => (n: number, after: Keyset | null) =>
            adapter.searchProducts({ filter, order: { field, direction }, first: n, after });
          const expected = await walk(search(s.memory), (p) => productSortKey(p, field), [first]);
          const actual = await walk(search(s.adapter), (p) => productSortKey(p, field), [first]);
          expect(actual).toEqual(expected);
        }
      });

      it('the sample has the cases it claims: skipped rows, ties, astral and fullwidth names', async () => {
        const all = await s.adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 100, after: null });
        const ids = all.rows.map((p) => p.localId);
        expect(ids).not.toEqual(expect.arrayContaining(['P-019']));
        expect(all.totalCount).toBe(expectedRecords(dataset()).products.length);
        // Code point order: Latin < Cyrillic < Hangul < fullwidth (U+FF21) < astral (U+1F4E6, U+20000).
        expect(ids.indexOf('P-004')).toBeLessThan(ids.indexOf('P-014'));
        expect(ids.indexOf('P-014')).toBeLessThan(ids.indexOf('P-001'));
        expect(ids.indexOf('P-001')).toBeLessThan(ids.indexOf('P-009'));
        expect(ids.indexOf('P-009')).toBeLessThan(ids.indexOf('P-011'));
        expect(ids.indexOf('P-011')).toBeLessThan(ids.indexOf('P-010'));
        // NFD and NFC spellings of one name tie, broken by id.
        if (backend.dataset.nfdNames !== false) expect(ids.indexOf('P-013')).toBe(ids.indexOf('P-012') + 1);
      });

      it('DESC keeps ties in id ascending order', async () => {
        const page = await s.adapter.searchProducts({ filter: { text: '가구 책상' }, order: { field: 'NAME', direction: 'DESC' }, first: 10, after: null });
        expect(page.rows.map((p) => p.localId)).toEqual(['P-001', 'P-025']);
      });

      it('cursors between stored values (an instant inside a day, a fraction of a won) resume like memory', async () => {
        const records = expectedRecords(dataset()).products;
        const times = records.map((p) => Date.parse(p.updatedAt));
        const amounts = records.map((p) => p.price.amount);
        const ids = records.map((p) => p.localId);
        const keyFor = (field: ProductOrderField) =>
          field === 'NAME'
            ? fc.oneof(fc.constantFrom(...records.map((p) => p.name)), fc.string({ unit: 'grapheme', maxLength: 4 }))
            : field === 'PRICE'
              ? fc.oneof(fc.constantFrom(...amounts), fc.double({ min: -1, max: 700000, noNaN: true }))
              : fc.oneof(fc.constantFrom(...times), fc.integer({ min: Math.min(...times) - 86_400_000, max: Math.max(...times) + 86_400_000 }));
        const requests = fc
          .record({ field: fc.constantFrom(...FIELDS), direction: fc.constantFrom(...DIRECTIONS), first: fc.integer({ min: 0, max: 30 }) })
          .chain((r) => fc.record({ r: fc.constant(r), key: keyFor(r.field), id: fc.oneof(fc.constantFrom(...ids), fc.string({ maxLength: 6 })) }));
        await fc.assert(
          fc.asyncProperty(requests, async ({ r, key, id }) => {
            const request: PageRequest<ProductFilter, ProductOrderField> = {
              filter: {},
              order: { field: r.field, direction: r.direction },
              first: r.first,
              after: { key, id },
            };
            expect(await s.adapter.searchProducts(request)).toEqual(await s.memory.searchProducts(request));
          }),
          { numRuns: options.numRuns },
        );
      });

      it('random page walks visit every matching row exactly once, in memory order', async () => {
        const filters = fc.constantFrom(...PRODUCT_FILTERS);
        const walks = fc.record({
          filter: filters,
          field: fc.constantFrom(...FIELDS),
          direction: fc.constantFrom(...DIRECTIONS),
          sizes: fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 5 }),
        });
        await fc.assert(
          fc.asyncProperty(walks, async ({ filter, field, direction, sizes }) => {
            const pages = await walk(
              (first, after) => s.adapter.searchProducts({ filter, order: { field, direction }, first, after }),
              (p) => productSortKey(p, field),
              sizes,
            );
            const visited = pages.flatMap((p) => p.rows.map((r) => r.localId));
            const all = await s.memory.searchProducts({ filter, order: { field, direction }, first: 1000, after: null });
            expect(visited).toEqual(all.rows.map((r) => r.localId));
            expect(new Set(visited).size).toBe(visited.length);
            for (const page of pages) expect(page.totalCount).toBe(all.totalCount);
          }),
          { numRuns: options.numRuns },
        );
      });
    });

    describe('suppliers', () => {
      it.each(SUPPLIER_FILTERS.flatMap((filter) => DIRECTIONS.map((direction) => ({ filter, direction }))))(
        'filter $filter by NAME $direction: every page equals memory',
        async ({ filter, direction }) => {
          for (const first of options.pageSizes.filter((n) => n > 0)) {
            const search = (adapter: SqlMarketplace | InMemoryMarketplace) => (n: number, after: Keyset | null) =>
              adapter.searchSuppliers({ filter, order: { field: 'NAME', direction }, first: n, after });
            const expected = await walk(search(s.memory), supplierSortKey, [first]);
            expect(await walk(search(s.adapter), supplierSortKey, [first])).toEqual(expected);
          }
        },
      );
    });

    describe('orders', () => {
      it.each(ORDER_FILTERS.flatMap((filter) => DIRECTIONS.map((direction) => ({ filter, direction }))))(
        'filter $filter by ORDERED_AT $direction: every page equals memory',
        async ({ filter, direction }) => {
          for (const first of options.pageSizes) {
            const search = (adapter: SqlMarketplace | InMemoryMarketplace) => (n: number, after: Keyset | null) =>
              adapter.searchOrders({ filter, order: { field: 'ORDERED_AT', direction }, first: n, after });
            const expected = await walk(search(s.memory), orderSortKey, [first]);
            expect(await walk(search(s.adapter), orderSortKey, [first])).toEqual(expected);
          }
        },
      );

      it('cursors with milliseconds resume like memory', async () => {
        const times = expectedRecords(dataset()).orders.map((o) => Date.parse(o.orderedAt));
        const keys = fc.oneof(fc.constantFrom(...times), fc.integer({ min: Math.min(...times) - 5000, max: Math.max(...times) + 5000 }));
        const cases = fc.record({ key: keys, id: fc.constantFrom('O-001', 'O-002', 'O-007', 'O-008', 'A', 'Z'), direction: fc.constantFrom(...DIRECTIONS) });
        await fc.assert(
          fc.asyncProperty(cases, async ({ key, id, direction }) => {
            const request = { filter: {}, order: { field: 'ORDERED_AT' as const, direction }, first: 20, after: { key, id } };
            expect(await s.adapter.searchOrders(request)).toEqual(await s.memory.searchOrders(request));
          }),
          { numRuns: options.numRuns },
        );
      });
    });
  });
}
