/**
 * Batched gets (what the role server's DataLoaders call): answers in the
 * order of the ids asked, null for unknown ids and for rows the mapping
 * refused, duplicates answered twice, ids compared exactly — and exactly ONE
 * legacy call per batch, however many ids it holds.
 */
import type { MarketplaceAdapter } from '../../../subgraphs/marketplace/port';
import type { GroupInput } from '../harness';
import { readAllRecords, useLegacy, type AdapterRecords } from './support';

type Getter = 'getProducts' | 'getSuppliers' | 'getOrders';

export function batchGroup({ harness, fixture }: GroupInput): void {
  describe('batched gets', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const { defects, dataset } = fixture;
    let served: AdapterRecords;

    beforeAll(async () => {
      served = await readAllRecords(legacy.marketplace);
    });

    const recordsOf = (getter: Getter): ReadonlyArray<{ localId: string }> =>
      getter === 'getProducts' ? served.products : getter === 'getSuppliers' ? served.suppliers : served.orders;

    /** One batch: answers like the served records, in input order, in one legacy call. */
    async function expectBatch(getter: Getter, localIds: string[], calls: 'one' | 'at most one' = 'one'): Promise<void> {
      const byId = new Map(recordsOf(getter).map((r) => [r.localId, r]));
      const adapter: MarketplaceAdapter = legacy.marketplace;
      const during = await legacy.callsDuring(() => adapter[getter](localIds) as Promise<unknown[]>);
      expect(during.value).toEqual(localIds.map((id) => byId.get(id) ?? null));
      if (calls === 'one') expect(during.calls).toBe(1);
      else expect(during.calls).toBeLessThanOrEqual(1);
    }

    const known = (getter: Getter, n: number) => recordsOf(getter).slice(0, n).map((r) => r.localId);

    it('getProducts: input order, null for unknown, duplicates twice, one legacy call', async () => {
      const [a, b, c] = known('getProducts', 3);
      await expectBatch('getProducts', [c, 'NO-SUCH-PRODUCT', a, c, b]);
    });

    it('getProducts: a row skipped for its unit is null; a row repaired (bad GTIN, unmapped category) is served', async () => {
      const [a] = known('getProducts', 1);
      await expectBatch('getProducts', [...defects.unmappedUnitProducts, a, ...defects.invalidGtins, ...defects.unmappedCategoryProducts]);
      const answers = await legacy.marketplace.getProducts(defects.unmappedUnitProducts);
      expect(answers.every((p) => p === null)).toBe(true);
    });

    it('getProducts: every product and some unknown ids (100 ids) in one legacy call', async () => {
      const all = dataset.products.map((p) => p.code).reverse();
      const localIds = [...all, ...Array.from({ length: Math.max(0, 100 - all.length) }, (_, i) => `NO-SUCH-${i}`)].slice(0, 100);
      await expectBatch('getProducts', localIds);
    });

    it('getProducts: ids are exact (another letter case or surrounding spaces is another id)', async () => {
      const [a] = known('getProducts', 1);
      await expectBatch('getProducts', [a.toLowerCase(), ` ${a}`, `${a} `, a]);
    });

    it('getSuppliers: input order, null for unknown and for a supplier skipped for its 사업자등록번호, one call', async () => {
      const [a, b] = known('getSuppliers', 2);
      await expectBatch('getSuppliers', [b, ...defects.invalidBusinessNumbers, 'NO-SUCH-VENDOR', a, b]);
    });

    it('getOrders: input order, null for unknown, one legacy call', async () => {
      const [a, b, c] = known('getOrders', 3);
      await expectBatch('getOrders', [b, 'NO-SUCH-ORDER', c, a, b]);
    });

    it('getOrders: every order in one legacy call', async () => {
      await expectBatch('getOrders', dataset.orders.map((o) => o.code).reverse());
    });

    it.each([['getProducts'], ['getSuppliers'], ['getOrders']] as Array<[Getter]>)('%s: only unknown ids → all null, at most one call', async (getter) => {
      // An adapter may know without asking that no such row exists.
      await expectBatch(getter, ['NO-SUCH-1', 'NO-SUCH-2'], 'at most one');
    });

    it.each([['getProducts'], ['getSuppliers'], ['getOrders']] as Array<[Getter]>)('%s: an empty batch answers []', async (getter) => {
      expect(await legacy.marketplace[getter]([])).toEqual([]);
    });
  });
}
