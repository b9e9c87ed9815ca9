/**
 * Bad legacy rows (the dataset's deliberate defects) are reported through
 * ctx.report, naming the row, and never passed on: an invalid GTIN becomes
 * null, an invalid 사업자등록번호 drops the supplier, an unmapped category
 * leaves the classification null, an unmapped unit drops the product.
 * Clean rows are not reported. Every row is read first, so adapters that
 * report as they map (REST) and at start-up (SQL audit) are judged alike.
 */
import { isValidGtin } from '../../../core/domain/gtin';
import type { RowReport } from '../../../adapters/types';
import type { GroupInput } from '../harness';
import { codePattern, readAllRecords, useLegacy, type AdapterRecords } from './support';

export function validationGroup({ harness, fixture }: GroupInput): void {
  describe('validation of legacy rows', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const { defects, dataset } = fixture;
    let served: AdapterRecords;

    beforeAll(async () => {
      served = await readAllRecords(legacy.marketplace);
      // Also ask for every row by id, so lazily mapped rows are mapped (and reported) at least once.
      await legacy.marketplace.getProducts(dataset.products.map((p) => p.code));
      await legacy.marketplace.getSuppliers(dataset.members.map((m) => m.code));
      await legacy.marketplace.getOrders(dataset.orders.map((o) => o.code));
    });

    const reportsOn = (code: string): RowReport[] => legacy.legacy.reports.filter((r) => codePattern(code).test(r.row));
    const product = (code: string) => served.products.find((p) => p.localId === code);

    it('the dataset has every kind of defect (the suite tests something)', () => {
      expect(defects.invalidGtins.length).toBeGreaterThan(0);
      expect(defects.invalidBusinessNumbers.length).toBeGreaterThan(0);
      expect(defects.unmappedCategoryProducts.length).toBeGreaterThan(0);
      expect(defects.unmappedUnitProducts.length).toBeGreaterThan(0);
    });

    it('invalid GTIN → the product is served with gtin null, and the row is reported', () => {
      for (const code of defects.invalidGtins) {
        expect({ code, gtin: product(code)?.gtin }).toEqual({ code, gtin: null });
        expect({ code, reports: reportsOn(code).some((r) => /gtin|barcode/i.test(r.reason)) }).toEqual({ code, reports: true });
      }
    });

    it('no served product carries an invalid GTIN', () => {
      for (const p of served.products) if (p.gtin !== null) expect({ id: p.localId, valid: isValidGtin(p.gtin) }).toEqual({ id: p.localId, valid: true });
    });

    it('an empty GTIN is just missing: gtin null, nothing reported about it', () => {
      for (const code of defects.emptyGtins) {
        expect(product(code)?.gtin ?? null).toBeNull();
        expect(reportsOn(code).filter((r) => /gtin|barcode/i.test(r.reason))).toEqual([]);
      }
    });

    it('invalid 사업자등록번호 → the supplier is skipped (search and get), and the row is reported', async () => {
      const answers = await legacy.marketplace.getSuppliers(defects.invalidBusinessNumbers);
      expect(answers.every((s) => s === null)).toBe(true);
      for (const code of defects.invalidBusinessNumbers) {
        expect(served.suppliers.map((s) => s.localId)).not.toContain(code);
        expect({ code, reported: reportsOn(code).length > 0 }).toEqual({ code, reported: true });
      }
    });

    it('unmapped category → the product is served with classification null, and the row is reported', async () => {
      for (const code of defects.unmappedCategoryProducts) {
        expect({ code, classification: product(code)?.classificationCode }).toEqual({ code, classification: null });
        expect({ code, reported: reportsOn(code).some((r) => /categor|classif|unspsc/i.test(r.reason)) }).toEqual({ code, reported: true });
      }
      // …and no classificationPrefix selects it.
      const segments = [...new Set(served.products.map((p) => p.classificationCode?.slice(0, 2)).filter((s): s is string => s !== undefined))];
      for (const classificationPrefix of segments) {
        const page = await legacy.marketplace.searchProducts({ filter: { classificationPrefix }, order: { field: 'NAME', direction: 'ASC' }, first: 100, after: null });
        for (const code of defects.unmappedCategoryProducts) expect(page.rows.map((p) => p.localId)).not.toContain(code);
      }
    });

    it('unmapped unit → the product is skipped (search, get, stats), and the row is reported', async () => {
      for (const code of defects.unmappedUnitProducts) {
        expect(product(code)).toBeUndefined();
        expect({ code, reported: reportsOn(code).some((r) => /unit|rec 20/i.test(r.reason)) }).toEqual({ code, reported: true });
      }
      expect(await legacy.marketplace.getProducts(defects.unmappedUnitProducts)).toEqual(defects.unmappedUnitProducts.map(() => null));
      const [all] = await legacy.marketplace.productStats({}, []);
      expect(all.count).toBe(dataset.products.length - defects.unmappedUnitProducts.length);
    });

    it('clean rows are not reported (no false alarms)', () => {
      const bad = new Set([
        ...defects.invalidGtins,
        ...defects.invalidBusinessNumbers,
        ...defects.unmappedCategoryProducts,
        ...defects.unmappedUnitProducts,
      ]);
      const clean = [...dataset.products.map((p) => p.code), ...dataset.members.map((m) => m.code)].filter((code) => !bad.has(code));
      for (const code of clean) expect({ code, reports: reportsOn(code) }).toEqual({ code, reports: [] });
    });

    it('reports say which row and why', () => {
      expect(legacy.legacy.reports.length).toBeGreaterThan(0);
      for (const r of legacy.legacy.reports) {
        expect(typeof r.row === 'string' && r.row.trim() !== '').toBe(true);
        expect(typeof r.reason === 'string' && r.reason.trim() !== '').toBe(true);
      }
    });
  });
}
