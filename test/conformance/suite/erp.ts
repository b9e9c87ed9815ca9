/**
 * The erp role: getInventory / getFulfillment answer in input order, null for
 * unknown ids, one legacy call per batch, and show the dataset's stock and
 * shipping as they are (checked against the legacy data, not an adapter).
 */
import { parseLegacyDate } from '../../../core/domain/legacy';
import type { LegacyOrder, LegacyProduct } from '../../../demo/data/types';
import type { FulfillmentRecord, InventoryRecord } from '../../../subgraphs/erp/port';
import { allowedFulfillmentStatuses, expectedInventory } from '../expected';
import type { GroupInput } from '../harness';
import { ISO_WITH_OFFSET, useLegacy } from './support';

export function erpGroup({ harness, fixture }: GroupInput): void {
  describe('erp (inventory, fulfillment)', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const { dataset, expected } = fixture;
    const productByCode = new Map(dataset.products.map((p) => [p.code, p]));
    const orderByCode = new Map(dataset.orders.map((o) => [o.code, o]));
    const totalByCode = new Map(expected.orders.map((o) => [o.localId, o.total]));
    const served = expected.products.map((p) => p.localId);

    function expectInventory(answer: InventoryRecord | null, id: string): void {
      const p: LegacyProduct | undefined = productByCode.get(id);
      if (!p) {
        expect({ id, answer }).toEqual({ id, answer: null });
        return;
      }
      expect({ id, ...answer, asOf: undefined }).toEqual({ id, ...expectedInventory(p), asOf: undefined });
      expect(answer!.asOf).toMatch(ISO_WITH_OFFSET);
    }

    function expectFulfillment(answer: FulfillmentRecord | null, id: string): void {
      const o: LegacyOrder | undefined = orderByCode.get(id);
      if (!o) {
        expect({ id, answer }).toEqual({ id, answer: null });
        return;
      }
      expect(answer).not.toBeNull();
      const f = answer!;
      expect(allowedFulfillmentStatuses(o.status)).toContain(f.status);
      expect({ id, carrier: f.carrier, trackingNumber: f.trackingNumber, invoice: f.invoice?.number ?? null }).toEqual({
        id,
        carrier: o.carrier,
        trackingNumber: o.trackingNumber,
        invoice: o.invoiceNumber,
      });
      const shippedAt = o.shippedAt === null ? null : parseLegacyDate(o.shippedAt);
      expect(f.shippedAt === null ? null : Date.parse(f.shippedAt)).toBe(shippedAt === null ? null : Date.parse(shippedAt));
      if (f.invoice) {
        expect(f.invoice.total).toEqual(totalByCode.get(id));
        expect(f.invoice.issuedAt).toMatch(ISO_WITH_OFFSET);
      }
    }

    it('getInventory: input order, null for unknown, duplicates twice, one legacy call', async () => {
      const localIds = [served[2], 'NO-SUCH-PRODUCT', served[0], served[2], served[1]];
      const { value, calls } = await legacy.callsDuring(() => legacy.erp.getInventory(localIds));
      expect(calls).toBe(1);
      expect(value).toHaveLength(localIds.length);
      value.forEach((answer, i) => expectInventory(answer, localIds[i]));
    });

    it('getInventory: every product in one legacy call, each as in the legacy stock', async () => {
      const { value, calls } = await legacy.callsDuring(() => legacy.erp.getInventory([...served].reverse()));
      expect(calls).toBe(1);
      [...served].reverse().forEach((id, i) => expectInventory(value[i], id));
    });

    it('getInventory: a batch answers like the same ids asked one by one', async () => {
      const localIds = [served[5], served[3], 'NO-SUCH-PRODUCT'];
      const batch = await legacy.erp.getInventory(localIds);
      const single = await Promise.all(localIds.map(async (id) => (await legacy.erp.getInventory([id]))[0]));
      expect(batch).toEqual(single);
    });

    it('getInventory answers for products the marketplace role skips (stock is the ERP\'s fact, not the catalogue mapping\'s)', async () => {
      const skipped = fixture.defects.unmappedUnitProducts;
      expect(skipped.length).toBeGreaterThan(0);
      const value = await legacy.erp.getInventory(skipped);
      skipped.forEach((id, i) => expectInventory(value[i], id));
    });

    it('getFulfillment: input order, null for unknown, one legacy call, shipping as in the legacy data', async () => {
      const codes = dataset.orders.map((o) => o.code);
      const localIds = [codes[1], 'NO-SUCH-ORDER', codes[0], codes[codes.length - 1], codes[1]];
      const { value, calls } = await legacy.callsDuring(() => legacy.erp.getFulfillment(localIds));
      expect(calls).toBe(1);
      expect(value).toHaveLength(localIds.length);
      value.forEach((answer, i) => expectFulfillment(answer, localIds[i]));
    });

    it('getFulfillment: every order in one legacy call', async () => {
      const codes = dataset.orders.map((o) => o.code).reverse();
      const { value, calls } = await legacy.callsDuring(() => legacy.erp.getFulfillment(codes));
      expect(calls).toBe(1);
      codes.forEach((id, i) => expectFulfillment(value[i], id));
    });

    it('ids are exact (another letter case is another id)', async () => {
      expect(await legacy.erp.getInventory([served[0].toLowerCase()])).toEqual([null]);
      expect(await legacy.erp.getFulfillment([dataset.orders[0].code.toLowerCase()])).toEqual([null]);
    });

    it('an empty batch answers []', async () => {
      expect(await legacy.erp.getInventory([])).toEqual([]);
      expect(await legacy.erp.getFulfillment([])).toEqual([]);
    });
  });
}
