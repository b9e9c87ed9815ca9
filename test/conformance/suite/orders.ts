/**
 * Writing orders: placeOrder prices lines from the catalogue and is
 * idempotent (the same key, retried or racing, gives one order, visible in
 * searchOrders); a product the adapter does not serve is refused before
 * anything is written. cancelOrder cancels an order not yet shipped; a
 * SHIPPED or DELIVERED one is refused, a CANCELLED one returned unchanged.
 * Skipped for kinds that declare they cannot write
 * (`capabilities.placeOrder` / `cancelOrder`).
 */
import { multiplyMoney } from '../../../core/domain/legacy';
import type { OrderRecord, PlaceOrderRequest, ProductRecord } from '../../../subgraphs/marketplace/port';
import type { GroupInput } from '../harness';
import { graphQLCode, ISO_WITH_OFFSET, readAllOrders, readAllProducts, rejection, useLegacy } from './support';

/** A buyer that is not a member (a public institution's 고유번호 is checksum-valid too). */
const BUYER = { businessNumber: '220-81-62517', name: '조달청 시험구매' };

export function ordersGroup({ harness, fixture }: GroupInput): void {
  const { placeOrder, cancelOrder } = harness.capabilities;
  (placeOrder ? describe : describe.skip)('orders (placeOrder, cancelOrder)', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    let products: ProductRecord[];
    let request: PlaceOrderRequest;
    let placed: OrderRecord;
    let countBefore: number;

    /** Orders of one supplier's products, as the role server only sends one cooperative's lines. */
    beforeAll(async () => {
      products = await readAllProducts(legacy.marketplace);
      const supplier = products.find((p) => p.supplierLocalId !== null && products.filter((q) => q.supplierLocalId === p.supplierLocalId).length >= 2)!.supplierLocalId;
      const [a, b] = products.filter((p) => p.supplierLocalId === supplier);
      request = {
        idempotencyKey: `conformance-${harness.kind}-1`,
        buyer: BUYER,
        lines: [
          { productLocalId: a.localId, quantity: a.minOrderQuantity * 3 },
          { productLocalId: b.localId, quantity: b.minOrderQuantity },
        ],
      };
      countBefore = (await readAllOrders(legacy.marketplace)).length;
      placed = await legacy.marketplace.placeOrder(request);
    });

    const countWithKey = async (key: string) => (await readAllOrders(legacy.marketplace)).filter((o) => o.idempotencyKey === key);

    it('places an order priced from the catalogue (unit price = product price, amounts and total add up)', () => {
      const byId = new Map(products.map((p) => [p.localId, p]));
      expect(placed.localId).not.toBe('');
      expect(placed.status).toBe('RECEIVED');
      expect(placed.idempotencyKey).toBe(request.idempotencyKey);
      expect(placed.buyer).toEqual(BUYER);
      expect(placed.supplierLocalId).toBe(byId.get(request.lines[0].productLocalId)!.supplierLocalId);
      expect(placed.orderedAt).toMatch(ISO_WITH_OFFSET);
      expect(placed.lines).toEqual(
        request.lines.map((l) => {
          const price = byId.get(l.productLocalId)!.price;
          return { productLocalId: l.productLocalId, quantity: l.quantity, unitPrice: price, amount: multiplyMoney(price, l.quantity) };
        }),
      );
      expect(placed.total.amount).toBe(placed.lines.reduce((s, l) => s + l.amount.amount, 0));
      expect(placed.total.vat).toBe(placed.lines.reduce((s, l) => s + l.amount.vat, 0));
    });

    it('the same key again returns the same order and creates no second one', async () => {
      const again = await legacy.marketplace.placeOrder(request);
      expect(again).toEqual(placed);
      const withKey = await countWithKey(request.idempotencyKey);
      expect(withKey.map((o) => o.localId)).toEqual([placed.localId]);
      expect((await readAllOrders(legacy.marketplace)).length).toBe(countBefore + 1);
    });

    it('the same key with other lines returns the first order unchanged (the role server judges the conflict)', async () => {
      const other = await legacy.marketplace.placeOrder({ ...request, lines: [{ ...request.lines[0], quantity: request.lines[0].quantity + 1 }] });
      expect(other).toEqual(placed);
      expect(await countWithKey(request.idempotencyKey)).toHaveLength(1);
    });

    it('the placed order is visible in searchOrders and getOrders', async () => {
      const [found] = await countWithKey(request.idempotencyKey);
      expect(found).toEqual(placed);
      expect(await legacy.marketplace.getOrders([placed.localId, 'NO-SUCH-ORDER'])).toEqual([placed, null]);
      const page = await legacy.marketplace.searchOrders({ filter: { buyerBusinessNumber: BUYER.businessNumber }, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after: null });
      expect(page.rows.map((o) => o.localId)).toContain(placed.localId);
    });

    it('two requests with one new key racing each other make one order', async () => {
      const racing = { ...request, idempotencyKey: `conformance-${harness.kind}-race` };
      const [x, y] = await Promise.all([legacy.marketplace.placeOrder(racing), legacy.marketplace.placeOrder(racing)]);
      expect(y.localId).toBe(x.localId);
      expect(await countWithKey(racing.idempotencyKey)).toHaveLength(1);
    });

    it('another key makes another order', async () => {
      const second = await legacy.marketplace.placeOrder({ ...request, idempotencyKey: `conformance-${harness.kind}-2` });
      expect(second.localId).not.toBe(placed.localId);
      expect(await countWithKey(`conformance-${harness.kind}-2`)).toHaveLength(1);
    });

    it('an unknown product is BAD_USER_INPUT and places nothing', async () => {
      const key = `conformance-${harness.kind}-unknown`;
      const error = await rejection(() => legacy.marketplace.placeOrder({ ...request, idempotencyKey: key, lines: [{ productLocalId: 'NO-SUCH-PRODUCT', quantity: 1 }] }));
      expect(graphQLCode(error)).toBe('BAD_USER_INPUT');
      expect(await countWithKey(key)).toHaveLength(0);
    });

    it('a product the adapter does not serve (its legacy row is refused) is BAD_USER_INPUT and places nothing', async () => {
      const key = `conformance-${harness.kind}-unserved`;
      const before = (await readAllOrders(legacy.marketplace)).length;
      const unserved = { productLocalId: fixture.defects.unmappedUnitProducts[0], quantity: 1 };
      const error = await rejection(() => legacy.marketplace.placeOrder({ ...request, idempotencyKey: key, lines: [request.lines[0], unserved] }));
      expect(graphQLCode(error)).toBe('BAD_USER_INPUT');
      expect(await countWithKey(key)).toHaveLength(0);
      expect((await readAllOrders(legacy.marketplace)).length).toBe(before);
    });

    (cancelOrder ? describe : describe.skip)('cancelOrder', () => {
      it('cancels: status CANCELLED, the order otherwise unchanged, visible as cancelled', async () => {
        const target = await legacy.marketplace.placeOrder({ ...request, idempotencyKey: `conformance-${harness.kind}-cancel` });
        const cancelled = await legacy.marketplace.cancelOrder(target.localId, '단순 변심');
        expect(cancelled).toEqual({ ...target, status: 'CANCELLED' });
        expect(await legacy.marketplace.getOrders([target.localId])).toEqual([cancelled]);
        const page = await legacy.marketplace.searchOrders({ filter: { status: 'CANCELLED' }, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after: null });
        expect(page.rows.map((o) => o.localId)).toContain(target.localId);
      });

      it('cancelling an order already CANCELLED returns it unchanged', async () => {
        const target = await legacy.marketplace.placeOrder({ ...request, idempotencyKey: `conformance-${harness.kind}-cancel-twice` });
        const cancelled = await legacy.marketplace.cancelOrder(target.localId, '단순 변심');
        expect(await legacy.marketplace.cancelOrder(target.localId, '다른 사유')).toEqual(cancelled);
        expect(await legacy.marketplace.getOrders([target.localId])).toEqual([cancelled]);
      });

      it.each([['SHIPPED'], ['DELIVERED']] as const)('an order already %s cannot be cancelled: BAD_USER_INPUT, the order unchanged', async (status) => {
        const order = (await readAllOrders(legacy.marketplace)).find((o) => o.status === status);
        expect(order).toBeDefined(); // the dataset has one
        expect(graphQLCode(await rejection(() => legacy.marketplace.cancelOrder(order!.localId, '단순 변심')))).toBe('BAD_USER_INPUT');
        expect(await legacy.marketplace.getOrders([order!.localId])).toEqual([order]);
      });

      it('an unknown order is BAD_USER_INPUT', async () => {
        expect(graphQLCode(await rejection(() => legacy.marketplace.cancelOrder('NO-SUCH-ORDER', null)))).toBe('BAD_USER_INPUT');
      });
    });
  });
}
