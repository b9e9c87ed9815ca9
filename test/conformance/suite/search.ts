/**
 * searchProducts: every filter, every order field and direction with ties by
 * id, keyset paging to the end, `first: 0`, cursors from other cooperatives'
 * rows, and random page walks. The oracle is the reference engine
 * (memory.ts `pageRows`) over the adapter's own records, read in full first.
 */
import fc from 'fast-check';
import { compareRows, type SortValue } from '../../../core/order';
import { matchesProductFilter, pageRows, productSortKey } from '../../../subgraphs/marketplace/memory';
import type { Keyset, PageRequest, ProductFilter, ProductOrderField, ProductRecord } from '../../../subgraphs/marketplace/port';
import type { Fixture } from '../fixture';
import type { GroupInput } from '../harness';
import { ids, productKeyset, readAllProducts, useLegacy } from './support';

type Request = PageRequest<ProductFilter, ProductOrderField>;

const FIELDS: readonly ProductOrderField[] = ['NAME', 'PRICE', 'UPDATED_AT'];
const DIRECTIONS = ['ASC', 'DESC'] as const;
const NAME_ASC = { field: 'NAME', direction: 'ASC' } as const;

interface FilterCase {
  title: string;
  filter: ProductFilter;
  /** Whether the dataset has rows for it (checked on the expected records, so a case never tests nothing by accident). */
  matches: boolean;
}

function oracle(records: readonly ProductRecord[], request: Request) {
  return pageRows(records, request, matchesProductFilter, productSortKey);
}

/** Filter cases drawn from the fixture's expected records, so they hold for any dataset. */
export function productFilterCases({ expected, dataset, defects }: Fixture): FilterCase[] {
  const products = expected.products;
  const latinWord = products.map((p) => /[A-Za-z]{3,}/.exec(p.name)?.[0]).find((w) => w !== undefined) ?? 'desk';
  const hangul = products.map((p) => /[가-힣]{2}/.exec(p.name)?.[0]).find((w) => w !== undefined) ?? '책상';
  const latinSpec = products.map((p) => p.spec).find((s): s is string => s !== null && /[A-Za-z]/.test(s)) ?? 'PB';
  const sku = products[Math.floor(products.length / 2)].sku;
  const descriptionOnly = products
    .flatMap((p) => (p.description ?? '').split(/[\s.,()]+/))
    .find((word) => word.length >= 2 && !products.some((p) => [p.name, p.spec ?? '', p.sku].some((f) => f.toLowerCase().includes(word.toLowerCase()))));
  const code = products.find((p) => p.classificationCode !== null)!.classificationCode!;
  const supplier = products.find((p) => p.supplierLocalId !== null)!.supplierLocalId!;
  const skippedSupplier = defects.invalidBusinessNumbers[0];
  const gtin = products.find((p) => p.gtin !== null)!.gtin!;
  const invalidGtin = dataset.products.find((p) => p.code === defects.invalidGtins[0])?.gtin;
  const amounts = products.map((p) => p.price.amount).sort((a, b) => a - b);
  const tied = amounts.find((a, i) => amounts[i + 1] === a) ?? amounts[0];
  const median = amounts[Math.floor(amounts.length / 2)];
  const cases: FilterCase[] = [
    { title: 'no filter', filter: {}, matches: true },
    { title: `text, Latin lower case (${latinWord.toLowerCase()})`, filter: { text: latinWord.toLowerCase() }, matches: true },
    { title: `text, Latin upper case (${latinWord.toUpperCase()})`, filter: { text: latinWord.toUpperCase() }, matches: true },
    { title: `text, Hangul (${hangul})`, filter: { text: hangul }, matches: true },
    { title: 'text, Hangul written in NFD (decomposed jamo)', filter: { text: hangul.normalize('NFD') }, matches: true },
    { title: `text in spec, other case (${latinSpec.toLowerCase()})`, filter: { text: latinSpec.toLowerCase() }, matches: true },
    { title: `text in sku, lower case (${sku.toLowerCase()})`, filter: { text: sku.toLowerCase() }, matches: true },
    { title: 'text matching nothing', filter: { text: '없는검색어 zq' }, matches: false },
    { title: 'empty text (no condition)', filter: { text: '' }, matches: true },
    { title: 'classificationPrefix, 2 digits (segment)', filter: { classificationPrefix: code.slice(0, 2) }, matches: true },
    { title: 'classificationPrefix, 4 digits (family)', filter: { classificationPrefix: code.slice(0, 4) }, matches: true },
    { title: 'classificationPrefix, 6 digits (class)', filter: { classificationPrefix: code.slice(0, 6) }, matches: true },
    { title: 'classificationPrefix, 8 digits (commodity)', filter: { classificationPrefix: code }, matches: true },
    { title: 'classificationPrefix matching nothing', filter: { classificationPrefix: '99' }, matches: false },
    { title: `supplierLocalId (${supplier})`, filter: { supplierLocalId: supplier }, matches: true },
    { title: 'supplierLocalId matching nothing', filter: { supplierLocalId: 'NO-SUCH-VENDOR' }, matches: false },
    { title: 'gtin', filter: { gtin }, matches: true },
    { title: 'gtin matching nothing', filter: { gtin: '8800000000000' }, matches: false },
    { title: 'minPrice (inclusive)', filter: { minPrice: median }, matches: true },
    { title: 'maxPrice (inclusive)', filter: { maxPrice: median }, matches: true },
    { title: 'minPrice = maxPrice = a tied amount (both bounds inclusive)', filter: { minPrice: tied, maxPrice: tied }, matches: true },
    { title: 'minPrice one above the top amount', filter: { minPrice: amounts[amounts.length - 1] + 1 }, matches: false },
    { title: 'maxPrice one below the lowest amount', filter: { maxPrice: amounts[0] - 1 }, matches: false },
    { title: 'minPrice > maxPrice', filter: { minPrice: median + 1, maxPrice: median }, matches: false },
    {
      title: 'all filters at once',
      filter: { text: hangul, classificationPrefix: code.slice(0, 2), minPrice: amounts[0], maxPrice: amounts[amounts.length - 1] },
      matches: products.some((p) => matchesProductFilter(p, { text: hangul, classificationPrefix: code.slice(0, 2) })),
    },
  ];
  // Needles for the fixture's edge rows (case variants, fullwidth, metacharacters), where present.
  for (const text of ['steel', 'STEEL desk', '100%', '%', '_', "o'neil", '"특가"', '<신형>', '&', 'ａ４', 'Ａ４', 'a4', '韓國', 'e-00']) {
    const matches = products.some((p) => matchesProductFilter(p, { text }));
    if (matches || text === 'a4') cases.push({ title: `text ${JSON.stringify(text)}`, filter: { text }, matches });
  }
  const leadingZero = products.find((p) => p.gtin?.startsWith('0'))?.gtin;
  if (leadingZero) cases.push({ title: `gtin with a leading zero (${leadingZero})`, filter: { gtin: leadingZero }, matches: true });
  if (descriptionOnly) cases.push({ title: `text only in descriptions (${descriptionOnly}) matches nothing`, filter: { text: descriptionOnly }, matches: false });
  if (skippedSupplier) cases.push({ title: 'supplierLocalId of a supplier skipped for its 사업자등록번호', filter: { supplierLocalId: skippedSupplier }, matches: products.some((p) => p.supplierLocalId === skippedSupplier) });
  if (invalidGtin) cases.push({ title: 'gtin with a bad check digit (stored on a row) matches nothing', filter: { gtin: invalidGtin }, matches: false });
  return cases;
}

/** Keys a cursor may carry for a field: the adapter's own, and other cooperatives' (absent here). */
function foreignKey(field: ProductOrderField, records: readonly ProductRecord[]): fc.Arbitrary<SortValue> {
  const own = fc.constantFrom(...records.map((p) => productSortKey(p, field)));
  switch (field) {
    case 'NAME':
      return fc.oneof(own, own.map((k) => `${k} `), own.map((k) => String(k).slice(0, 2)), own.map((k) => String(k).normalize('NFD')), fc.string({ unit: fc.constantFrom('가', '나', '의', '책', 'A', 'e', 'Z', ' ', '1', '힣') }));
    case 'PRICE': {
      const amounts = records.map((p) => p.price.amount);
      return fc.oneof(own, own.map((k) => Number(k) + 1), own.map((k) => Number(k) - 1), fc.integer({ min: -1, max: Math.max(...amounts) + 1 }));
    }
    case 'UPDATED_AT': {
      const instants = records.map((p) => Date.parse(p.updatedAt));
      const day = 86_400_000;
      // Other cooperatives' instants need not fall on a day boundary.
      return fc.oneof(own, own.map((k) => Number(k) + 1), own.map((k) => Number(k) - 1), fc.integer({ min: Math.min(...instants) - day, max: Math.max(...instants) + day }));
    }
  }
}

export function searchGroup({ harness, fixture, numRuns }: GroupInput): void {
  describe('search', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    let records: ProductRecord[];

    beforeAll(async () => {
      records = await readAllProducts(legacy.marketplace);
    });

    async function expectLikeOracle(request: Request): Promise<void> {
      const got = await legacy.marketplace.searchProducts(request);
      const want = oracle(records, request);
      expect({ ids: ids(got.rows), totalCount: got.totalCount, hasNextPage: got.hasNextPage }).toEqual({
        ids: ids(want.rows),
        totalCount: want.totalCount,
        hasNextPage: want.hasNextPage,
      });
      expect(got.rows).toEqual(want.rows);
    }

    describe('filters', () => {
      it.each(productFilterCases(fixture).map((c) => [c.title, c] as const))('%s', async (_title, c) => {
        // The case is meaningful for the dataset, whatever the adapter does.
        expect(oracle(fixture.expected.products, { filter: c.filter, order: NAME_ASC, first: 100, after: null }).totalCount > 0).toBe(c.matches);
        await expectLikeOracle({ filter: c.filter, order: NAME_ASC, first: 100, after: null });
        await expectLikeOracle({ filter: c.filter, order: { field: 'PRICE', direction: 'DESC' }, first: 3, after: null });
      });
    });

    describe('order and keyset paging', () => {
      const orders = FIELDS.flatMap((field) => DIRECTIONS.map((direction) => [`${field} ${direction}`, field, direction] as const));

      it.each(orders)('%s: pages of 7 to the end equal the oracle, visit every row once, ties by id ascending', async (_t, field, direction) => {
        const order = { field, direction };
        const seen: ProductRecord[] = [];
        let after: Keyset | null = null;
        for (let page = 1; ; page++) {
          const request: Request = { filter: {}, order, first: 7, after };
          const got = await legacy.marketplace.searchProducts(request);
          expect(got).toEqual(oracle(records, request));
          expect(got.totalCount).toBe(records.length);
          seen.push(...got.rows);
          expect(got.hasNextPage).toBe(seen.length < records.length);
          if (!got.hasNextPage || got.rows.length === 0 || page > records.length) break;
          after = productKeyset(got.rows[got.rows.length - 1], field);
        }
        expect(new Set(ids(seen)).size).toBe(seen.length);
        expect([...ids(seen)].sort()).toEqual([...ids(records)].sort());
        const keyed = seen.map((p) => productKeyset(p, field));
        for (let i = 1; i < keyed.length; i++) expect(compareRows(keyed[i - 1], keyed[i], direction)).toBeLessThan(0);
        // The dataset has ties on this key, so the tie-break by id was exercised.
        const ties = keyed.filter((k, i) => i > 0 && k.key === keyed[i - 1].key);
        expect(ties.length).toBeGreaterThan(0);
      });

      it.each(orders)('%s: a cursor at the last row gives an empty last page', async (_t, field, direction) => {
        const sorted = oracle(records, { filter: {}, order: { field, direction }, first: 100, after: null }).rows;
        await expectLikeOracle({ filter: {}, order: { field, direction }, first: 5, after: productKeyset(sorted[sorted.length - 1], field) });
      });
    });

    describe('first: 0 and page size edges', () => {
      it('from the start: no rows, the full totalCount, hasNextPage true', async () => {
        const got = await legacy.marketplace.searchProducts({ filter: {}, order: NAME_ASC, first: 0, after: null });
        expect(got).toEqual({ rows: [], totalCount: records.length, hasNextPage: records.length > 0 });
      });

      it('mid-way: no rows, the full totalCount, hasNextPage true', async () => {
        const sorted = oracle(records, { filter: {}, order: NAME_ASC, first: 100, after: null }).rows;
        const after = productKeyset(sorted[Math.floor(sorted.length / 2)], 'NAME');
        expect(await legacy.marketplace.searchProducts({ filter: {}, order: NAME_ASC, first: 0, after })).toEqual({ rows: [], totalCount: records.length, hasNextPage: true });
      });

      it('after the last row: no rows, hasNextPage false', async () => {
        const sorted = oracle(records, { filter: {}, order: { field: 'PRICE', direction: 'DESC' }, first: 100, after: null }).rows;
        const after = productKeyset(sorted[sorted.length - 1], 'PRICE');
        expect(await legacy.marketplace.searchProducts({ filter: {}, order: { field: 'PRICE', direction: 'DESC' }, first: 0, after })).toEqual({
          rows: [],
          totalCount: records.length,
          hasNextPage: false,
        });
      });

      it('first = every row: hasNextPage false; first = every row but one: true', async () => {
        await expectLikeOracle({ filter: {}, order: NAME_ASC, first: Math.min(100, records.length), after: null });
        await expectLikeOracle({ filter: {}, order: NAME_ASC, first: Math.min(100, records.length - 1), after: null });
        const got = await legacy.marketplace.searchProducts({ filter: {}, order: NAME_ASC, first: records.length - 1, after: null });
        expect(got.hasNextPage).toBe(true);
      });

      it('with a filter matching nothing: totalCount 0, hasNextPage false', async () => {
        expect(await legacy.marketplace.searchProducts({ filter: { text: '없는검색어 zq' }, order: NAME_ASC, first: 0, after: null })).toEqual({
          rows: [],
          totalCount: 0,
          hasNextPage: false,
        });
      });
    });

    describe('random (fast-check, fixed seed)', () => {
      it.each(FIELDS.map((f) => [f] as const))('%s: cursors from other cooperatives\' rows resume strictly after (key, id)', async (field) => {
        await fc.assert(
          fc.asyncProperty(
            foreignKey(field, records),
            fc.oneof(fc.constantFrom(...ids(records)), fc.constantFrom('', 'P', 'P-10030x', 'zzz', '~')),
            fc.constantFrom(...DIRECTIONS),
            fc.integer({ min: 0, max: 12 }),
            async (key, id, direction, first) => {
              await expectLikeOracle({ filter: {}, order: { field, direction }, first, after: { key, id } });
            },
          ),
          { seed: 20261031, numRuns },
        );
      });

      it('random page walks (filter, order, page sizes 0…100) equal the oracle page after page', async () => {
        const filters = productFilterCases(fixture).map((c) => c.filter);
        await fc.assert(
          fc.asyncProperty(
            fc.constantFrom(...filters),
            fc.constantFrom(...FIELDS),
            fc.constantFrom(...DIRECTIONS),
            fc.array(fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 9 }) }, { weight: 1, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 10, max: 100 }) }), {
              minLength: 1,
              maxLength: 12,
            }),
            async (filter, field, direction, sizes) => {
              let after: Keyset | null = null;
              for (const first of sizes) {
                const request: Request = { filter, order: { field, direction }, first, after };
                const got = await legacy.marketplace.searchProducts(request);
                expect(got).toEqual(oracle(records, request));
                if (got.rows.length) after = productKeyset(got.rows[got.rows.length - 1], field);
                if (!got.hasNextPage) break;
              }
            },
          ),
          { seed: 1031, numRuns },
        );
      });
    });
  });
}
