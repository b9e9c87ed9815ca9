/** placeOrder and cancelOrder write ORD_HDR/ORD_DTL in a transaction; a retried key never makes a second order. */
import type { PlaceOrderRequest } from '../../../../subgraphs/marketplace/port';
import type { SqlClient } from '../../dialect';
import { SqlMarketplace } from '../../marketplace';
import { sql } from '../../sql';
import type { Backend, SeededBackend } from '../backends';
import { sampleDataset } from '../harness';

const NOW = new Date('2025-03-10T01:02:03.456Z'); // 10:02:03 in Seoul

const REQUEST: PlaceOrderRequest = {
  idempotencyKey: 'c0ffee-1',
  buyer: { businessNumber: '312-81-45670', name: '강남구청' },
  lines: [
    { productLocalId: 'P-002', quantity: 3 },
    { productLocalId: 'P-007', quantity: 1000 },
  ],
};

const BAD_INPUT = { extensions: { code: 'BAD_USER_INPUT' } };

async function headerCount(client: SqlClient): Promise<number> {
  return Number((await client.query(sql`SELECT COUNT(*) AS N FROM ORD_HDR`))[0].N);
}

export function writesSuite(backend: Backend): void {
  describe(`${backend.name} placeOrder / cancelOrder`, () => {
    let db: SeededBackend;
    let raw: SqlClient;
    let adapter: SqlMarketplace;

    beforeEach(async () => {
      db = await backend.seed(sampleDataset(true, backend.dataset));
      raw = await db.connect();
      adapter = new SqlMarketplace(await db.connect(), db.ctx, { now: () => NOW });
    });

    afterEach(async () => {
      await adapter?.close();
      await raw?.close();
      await db?.drop();
    });

    it('creates a RECEIVED order priced from ITEM_MST, readable afterwards', async () => {
      const [p2, p7] = await adapter.getProducts(['P-002', 'P-007']);
      const order = await adapter.placeOrder(REQUEST);
      expect(order).toMatchObject({
        localId: 'SB20250310-000001',
        buyer: { businessNumber: '312-81-45670', name: '강남구청' },
        supplierLocalId: 'M01',
        status: 'RECEIVED',
        orderedAt: '2025-03-10T10:02:03+09:00',
        idempotencyKey: 'c0ffee-1',
      });
      expect(order.lines.map((l) => [l.productLocalId, l.quantity, l.unitPrice])).toEqual([
        ['P-002', 3, p2!.price],
        ['P-007', 1000, p7!.price],
      ]);
      expect(order.total.amount).toBe(3 * p2!.price.amount + 1000 * p7!.price.amount);
      expect(await adapter.getOrders([order.localId])).toEqual([order]);
      const page = await adapter.searchOrders({ filter: { status: 'RECEIVED' }, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 1, after: null });
      expect(page.rows).toEqual([order]);
    });

    it('returns the existing order for a retried key, sequentially and concurrently', async () => {
      const before = await headerCount(raw);
      const first = await adapter.placeOrder(REQUEST);
      const again = await adapter.placeOrder(REQUEST);
      const concurrent = await Promise.all([1, 2, 3].map(() => adapter.placeOrder({ ...REQUEST, idempotencyKey: 'c0ffee-2' })));
      expect(again).toEqual(first);
      expect(new Set(concurrent.map((o) => o.localId)).size).toBe(1);
      expect(await headerCount(raw)).toBe(before + 2);
      expect(concurrent[0].localId).toBe('SB20250310-000002');
    });

    it('finds orders placed before through the ERP by their key', async () => {
      const existing = await adapter.placeOrder({ ...REQUEST, idempotencyKey: 'key-existing' });
      expect(existing.localId).toBe('O-007');
    });

    it('refuses unknown or unsellable products, bad quantities and buyers, and writes nothing', async () => {
      const before = await headerCount(raw);
      const attempts: PlaceOrderRequest[] = [
        { ...REQUEST, lines: [{ productLocalId: 'P-002', quantity: 1 }, { productLocalId: 'NOPE', quantity: 1 }] },
        { ...REQUEST, lines: [{ productLocalId: 'P-019', quantity: 1 }] }, // unmapped unit: not a product
        { ...REQUEST, lines: [{ productLocalId: 'P-002', quantity: 0 }] },
        { ...REQUEST, lines: [] },
        { ...REQUEST, buyer: { businessNumber: '123-45-67890', name: 'x' } },
      ];
      for (const request of attempts) await expect(adapter.placeOrder(request)).rejects.toMatchObject(BAD_INPUT);
      expect(await headerCount(raw)).toBe(before);
    });

    it('cancels with a reason, idempotently; an unknown order is bad input', async () => {
      const order = await adapter.placeOrder(REQUEST);
      const cancelled = await adapter.cancelOrder(order.localId, '단가 오류');
      expect(cancelled).toEqual({ ...order, status: 'CANCELLED' });
      expect(await adapter.cancelOrder(order.localId, null)).toEqual(cancelled);
      const stored = await raw.query(sql`SELECT ORD_STAT, CNCL_RSN FROM ORD_HDR WHERE ORD_NO = ${order.localId}`);
      expect(stored).toEqual([{ ORD_STAT: '취소', CNCL_RSN: '단가 오류' }]);
      await expect(adapter.cancelOrder('NOPE', null)).rejects.toMatchObject(BAD_INPUT);
    });

    it('numbers orders per Seoul day', async () => {
      const late = new SqlMarketplace(await db.connect(), db.ctx, { now: () => new Date('2025-03-10T15:00:00Z') }); // 00:00 on the 11th
      const a = await adapter.placeOrder(REQUEST);
      const b = await late.placeOrder({ ...REQUEST, idempotencyKey: 'next-day' });
      expect([a.localId, b.localId]).toEqual(['SB20250310-000001', 'SB20250311-000001']);
      await late.close();
    });
  });
}
