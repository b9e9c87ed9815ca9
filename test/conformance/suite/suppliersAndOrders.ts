/**
 * searchSuppliers and searchOrders: every filter, both directions, keyset
 * paging to the end, and cursors from other cooperatives' rows, against the
 * reference engine (memory.ts) over the adapter's own records.
 */
import fc from 'fast-check';
import type { SortDirection, SortValue } from '../../../core/order';
import { matchesOrderFilter, matchesSupplierFilter, orderSortKey, pageRows, supplierSortKey } from '../../../subgraphs/marketplace/memory';
import type { Keyset, OrderFilter, OrderRecord, Page, PageRequest, SupplierFilter, SupplierRecord } from '../../../subgraphs/marketplace/port';
import type { Fixture } from '../fixture';
import type { GroupInput } from '../harness';
import { ids, readAllRecords, useLegacy, type AdapterRecords } from './support';

const DIRECTIONS: readonly SortDirection[] = ['ASC', 'DESC'];

/** How one search is compared: the adapter's call, the oracle, the sort key. */
interface Listing<T extends { localId: string }, F, Field extends string> {
  field: Field;
  search(request: PageRequest<F, Field>): Promise<Page<T>>;
  oracle(request: PageRequest<F, Field>): Page<T>;
  keyOf(row: T): SortValue;
}

function supplierFilterCases({ expected, dataset, defects }: Fixture): Array<[string, SupplierFilter, boolean]> {
  const s = expected.suppliers;
  const hangul = s.map((x) => /[가-힣]{2}/.exec(x.name)?.[0]).find((w) => w !== undefined) ?? '가구';
  const withRep = s.find((x) => x.representative !== null);
  const region = s.find((x) => x.region !== null)?.region ?? '서울';
  const latin = s.map((x) => /[A-Za-z]{3,}(?: [A-Za-z]{3,})?/.exec(x.name)?.[0]).find((w) => w !== undefined);
  const invalid = dataset.members.find((m) => m.code === defects.invalidBusinessNumbers[0]);
  return [
    ['no filter', {}, true],
    [`text in name, Hangul (${hangul})`, { text: hangul }, true],
    ['text in name with punctuation ((주))', { text: '(주)' }, s.some((x) => x.name.includes('(주)'))],
    ['text in representative', { text: withRep?.representative ?? '김' }, true],
    ['text in businessNumber as shown (XXX-XX)', { text: s[0].businessNumber.slice(0, 6) }, true],
    ['text matching nothing', { text: '없는검색어 zq' }, false],
    [`region (${region})`, { region }, true],
    ['region matching nothing', { region: '없는지역' }, false],
    ['businessNumber with hyphens', { businessNumber: s[1].businessNumber }, true],
    ['businessNumber, digits only', { businessNumber: s[1].businessNumber.replace(/-/g, '') }, true],
    ['businessNumber of a supplier skipped as invalid', { businessNumber: invalid?.businessNumber ?? '000-00-00000' }, false],
    ...(latin ? ([
      [`text in name, Latin lower case (${latin.toLowerCase()})`, { text: latin.toLowerCase() }, true],
      [`text in name, Latin upper case (${latin.toUpperCase()})`, { text: latin.toUpperCase() }, true],
    ] as Array<[string, SupplierFilter, boolean]>) : []),
    ['text and region together', { text: hangul, region }, s.some((x) => matchesSupplierFilter(x, { text: hangul, region }))],
  ];
}

function orderFilterCases({ expected }: Fixture): Array<[string, OrderFilter, boolean]> {
  const o = [...expected.orders].sort((a, b) => Date.parse(a.orderedAt) - Date.parse(b.orderedAt));
  const at = (i: number, shiftMs = 0) => new Date(Date.parse(o[i].orderedAt) + shiftMs).toISOString();
  const statuses = [...new Set(o.map((x) => x.status))];
  const buyer = o[0].buyer.businessNumber;
  return [
    ['no filter', {}, true],
    ...statuses.map((status): [string, OrderFilter, boolean] => [`status ${status}`, { status }, true]),
    ['status with no orders (RECEIVED)', { status: 'RECEIVED' }, o.some((x) => x.status === 'RECEIVED')],
    ['from at an order instant (inclusive), as written by the legacy (+09:00)', { from: o[10].orderedAt }, true],
    ['to at an order instant (exclusive), in UTC', { to: at(10) }, true],
    ['from one millisecond after an order excludes it', { from: at(10, 1), to: at(12, 1) }, true],
    ['to one millisecond after an order includes it', { from: at(9), to: at(10, 1) }, true],
    ['from = to (empty range)', { from: at(10), to: at(10) }, false],
    ['buyer with hyphens', { buyerBusinessNumber: buyer }, true],
    ['buyer, digits only', { buyerBusinessNumber: buyer.replace(/-/g, '') }, true],
    ['supplier', { supplierLocalId: o[0].supplierLocalId }, true],
    ['supplier matching nothing', { supplierLocalId: 'NO-SUCH-VENDOR' }, false],
    ['every filter at once', { status: o[5].status, from: at(0), to: at(o.length - 1, 1), buyerBusinessNumber: o[5].buyer.businessNumber, supplierLocalId: o[5].supplierLocalId }, true],
  ];
}

export function suppliersAndOrdersGroup({ harness, fixture, numRuns }: GroupInput): void {
  describe('searchSuppliers and searchOrders', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    let served: AdapterRecords;

    beforeAll(async () => {
      served = await readAllRecords(legacy.marketplace);
    });

    const suppliers = (): Listing<SupplierRecord, SupplierFilter, 'NAME'> => ({
      field: 'NAME',
      search: (r) => legacy.marketplace.searchSuppliers(r),
      oracle: (r) => pageRows(served.suppliers, r, matchesSupplierFilter, supplierSortKey),
      keyOf: supplierSortKey,
    });
    const orders = (): Listing<OrderRecord, OrderFilter, 'ORDERED_AT'> => ({
      field: 'ORDERED_AT',
      search: (r) => legacy.marketplace.searchOrders(r),
      oracle: (r) => pageRows(served.orders, r, matchesOrderFilter, orderSortKey),
      keyOf: orderSortKey,
    });

    async function expectLikeOracle<T extends { localId: string }, F, Field extends string>(l: Listing<T, F, Field>, request: PageRequest<F, Field>) {
      const got = await l.search(request);
      const want = l.oracle(request);
      expect({ ids: ids(got.rows), totalCount: got.totalCount, hasNextPage: got.hasNextPage }).toEqual({
        ids: ids(want.rows),
        totalCount: want.totalCount,
        hasNextPage: want.hasNextPage,
      });
      expect(got.rows).toEqual(want.rows);
    }

    /** Pages of `size` to the end: each page as the oracle's, every row once. */
    async function walk<T extends { localId: string }, F, Field extends string>(l: Listing<T, F, Field>, filter: F, direction: SortDirection, size: number) {
      const seen: string[] = [];
      let after: Keyset | null = null;
      for (let page = 1; page < 1000; page++) {
        const request: PageRequest<F, Field> = { filter, order: { field: l.field, direction }, first: size, after };
        const got = await l.search(request);
        expect(got).toEqual(l.oracle(request));
        seen.push(...ids(got.rows));
        if (!got.hasNextPage || got.rows.length === 0) break;
        const last = got.rows[got.rows.length - 1];
        after = { key: l.keyOf(last), id: last.localId };
      }
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.length).toBe(l.oracle({ filter, order: { field: l.field, direction }, first: 0, after: null }).totalCount);
    }

    describe('searchSuppliers', () => {
      it.each(supplierFilterCases(fixture).map(([t, f, m]) => [t, f, m] as const))('filter: %s', async (_t, filter, matches) => {
        expect(pageRows(fixture.expected.suppliers, { filter, order: { field: 'NAME', direction: 'ASC' }, first: 0, after: null }, matchesSupplierFilter, supplierSortKey).totalCount > 0).toBe(matches);
        await expectLikeOracle(suppliers(), { filter, order: { field: 'NAME', direction: 'ASC' }, first: 100, after: null });
        await expectLikeOracle(suppliers(), { filter, order: { field: 'NAME', direction: 'DESC' }, first: 2, after: null });
      });

      it.each(DIRECTIONS.map((d) => [d] as const))('NAME %s: pages of 3 to the end, ties by id', async (direction) => {
        await walk(suppliers(), {}, direction, 3);
      });

      it('first: 0 counts without rows', async () => {
        await expectLikeOracle(suppliers(), { filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 0, after: null });
      });

      it('cursors from other cooperatives\' suppliers (fast-check, fixed seed)', async () => {
        const names = served.suppliers.map((s) => s.name);
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(fc.constantFrom(...names), fc.constantFrom(...names).map((n) => `${n}0`), fc.string({ unit: fc.constantFrom('(', '주', ')', '가', '한', 'A', ' ', '힣') })),
            fc.oneof(fc.constantFrom(...ids(served.suppliers)), fc.constantFrom('', 'M', 'M0065', '~')),
            fc.constantFrom(...DIRECTIONS),
            fc.integer({ min: 0, max: 6 }),
            async (key, id, direction, first) => {
              await expectLikeOracle(suppliers(), { filter: {}, order: { field: 'NAME', direction }, first, after: { key, id } });
            },
          ),
          { seed: 4242, numRuns },
        );
      });
    });

    describe('searchOrders', () => {
      it.each(orderFilterCases(fixture).map(([t, f, m]) => [t, f, m] as const))('filter: %s', async (_t, filter, matches) => {
        expect(pageRows(fixture.expected.orders, { filter, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 0, after: null }, matchesOrderFilter, orderSortKey).totalCount > 0).toBe(matches);
        await expectLikeOracle(orders(), { filter, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after: null });
        await expectLikeOracle(orders(), { filter, order: { field: 'ORDERED_AT', direction: 'ASC' }, first: 3, after: null });
      });

      it.each(DIRECTIONS.map((d) => [d] as const))('ORDERED_AT %s: pages of 4 to the end, ties by id', async (direction) => {
        await walk(orders(), {}, direction, 4);
      });

      it('cursors from other cooperatives\' orders: any instant, to the millisecond (fast-check, fixed seed)', async () => {
        const instants = served.orders.map((o) => Date.parse(o.orderedAt));
        const own = fc.constantFrom(...instants);
        await fc.assert(
          fc.asyncProperty(
            fc.oneof(own, own.map((k) => k + 1), own.map((k) => k - 1), own.map((k) => k + 999), fc.integer({ min: Math.min(...instants) - 1000, max: Math.max(...instants) + 1000 })),
            fc.oneof(fc.constantFrom(...ids(served.orders)), fc.constantFrom('', 'ORD', 'ORD-99999999-9999', '~')),
            fc.constantFrom(...DIRECTIONS),
            fc.integer({ min: 0, max: 6 }),
            async (key, id, direction, first) => {
              await expectLikeOracle(orders(), { filter: {}, order: { field: 'ORDERED_AT', direction }, first, after: { key, id } });
            },
          ),
          { seed: 2424, numRuns },
        );
      });
    });
  });
}
