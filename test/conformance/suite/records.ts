/**
 * The records themselves: what an adapter serves equals what the dataset
 * maps to (computed independently in expected.ts), and every record is in
 * the network's terms. The other groups compare queries with the reference
 * engine over the adapter's own records; this group ties those records to
 * the legacy data.
 */
import { isValidBusinessNumber } from '../../../core/domain/businessNumber';
import { isValidGtin } from '../../../core/domain/gtin';
import { isRec20Unit } from '../../../core/domain/units';
import { isUnspscCode } from '../../../core/domain/unspsc';
import type { Money, OrderRecord, ProductRecord } from '../../../subgraphs/marketplace/port';
import type { GroupInput } from '../harness';
import { byLocalId, comparableOrder, comparableProduct, ISO_WITH_OFFSET, readAllRecords, useLegacy, type AdapterRecords } from './support';

/** What is wrong with a record, in words (empty when it is in the network's terms). */
function moneyProblems(what: string, money: Money): string[] {
  const ok = Number.isInteger(money.amount) && Number.isInteger(money.vat) && money.currency === 'KRW';
  return ok ? [] : [`${what} ${JSON.stringify(money)} is not integer KRW`];
}

function productProblems(p: ProductRecord): string[] {
  const problems = [
    p.localId === '' && 'empty localId',
    p.classificationCode !== null && !isUnspscCode(p.classificationCode) && `classification ${p.classificationCode} is not UNSPSC`,
    p.gtin !== null && !isValidGtin(p.gtin) && `gtin ${p.gtin} is invalid`,
    !isRec20Unit(p.unit) && `unit ${p.unit} is not Rec 20`,
    p.price.amount < 0 && 'negative price',
    !(Number.isInteger(p.minOrderQuantity) && p.minOrderQuantity >= 1) && `minOrderQuantity ${p.minOrderQuantity}`,
    !ISO_WITH_OFFSET.test(p.updatedAt) && `updatedAt ${p.updatedAt} is not ISO 8601 with offset`,
  ].filter((x): x is string => typeof x === 'string');
  return [...problems, ...moneyProblems('price', p.price)].map((x) => `${p.localId}: ${x}`);
}

function orderProblems(o: OrderRecord): string[] {
  const problems: string[] = [];
  if (!ISO_WITH_OFFSET.test(o.orderedAt)) problems.push(`orderedAt ${o.orderedAt} is not ISO 8601 with offset`);
  if (o.lines.length === 0) problems.push('no lines');
  for (const line of o.lines) {
    problems.push(...moneyProblems(`line ${line.productLocalId} unitPrice`, line.unitPrice));
    const { amount, vat, currency } = line.amount;
    if (amount !== line.unitPrice.amount * line.quantity || vat !== line.unitPrice.vat * line.quantity || currency !== 'KRW') problems.push(`line ${line.productLocalId} amount ${JSON.stringify(line.amount)} ≠ quantity × unitPrice`);
  }
  const total = o.lines.reduce((s, l) => ({ amount: s.amount + l.amount.amount, vat: s.vat + l.amount.vat }), { amount: 0, vat: 0 });
  if (o.total.amount !== total.amount || o.total.vat !== total.vat) problems.push(`total ${JSON.stringify(o.total)} ≠ Σ lines`);
  return problems.map((x) => `${o.localId}: ${x}`);
}

export function recordsGroup({ harness, fixture }: GroupInput): void {
  describe('records', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const { expected } = fixture;
    let served: AdapterRecords;

    beforeAll(async () => {
      served = await readAllRecords(legacy.marketplace);
    });

    it('serves exactly the products the dataset maps to (mapped unit; category, GTIN, VAT as configured)', () => {
      expect(byLocalId(served.products).map(comparableProduct)).toEqual(byLocalId(expected.products).map(comparableProduct));
    });

    it('serves exactly the suppliers with a valid 사업자등록번호', () => {
      expect(byLocalId(served.suppliers)).toEqual(byLocalId(expected.suppliers));
    });

    it('serves exactly the dataset orders, priced line by line', () => {
      expect(byLocalId(served.orders).map(comparableOrder)).toEqual(byLocalId(expected.orders).map(comparableOrder));
    });

    it('visits every record once when reading everything', () => {
      for (const rows of [served.products, served.suppliers, served.orders]) {
        expect(new Set(rows.map((r) => r.localId)).size).toBe(rows.length);
      }
    });

    it('puts every product in the network terms (UNSPSC, GTIN, Rec 20, Money, ISO instants)', () => {
      expect(served.products.flatMap(productProblems)).toEqual([]);
    });

    it('puts every supplier and order in the network terms (XXX-XX-XXXXX, totals = Σ lines)', () => {
      const suppliers = served.suppliers
        .filter((s) => !/^\d{3}-\d{2}-\d{5}$/.test(s.businessNumber) || !isValidBusinessNumber(s.businessNumber))
        .map((s) => `${s.localId}: businessNumber ${s.businessNumber}`);
      expect([...suppliers, ...served.orders.flatMap(orderProblems)]).toEqual([]);
    });

    it('counts what it serves: totalCount of first 0 is the number of records', async () => {
      const page = await legacy.marketplace.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 0, after: null });
      expect(page).toEqual({ rows: [], totalCount: expected.products.length, hasNextPage: true });
      const suppliers = await legacy.marketplace.searchSuppliers({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 0, after: null });
      expect(suppliers.totalCount).toBe(expected.suppliers.length);
      const orders = await legacy.marketplace.searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 0, after: null });
      expect(orders.totalCount).toBe(expected.orders.length);
    });
  });
}
