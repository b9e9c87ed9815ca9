/** The erp role: stock per item (summed over warehouses) and fulfilment per order, one query per batch. */
import { SqlErp } from '../../erp';
import { SqlMarketplace } from '../../marketplace';
import { sql } from '../../sql';
import type { Backend, SeededBackend } from '../backends';
import { countingClient, sampleDataset } from '../harness';

export function erpSuite(backend: Backend): void {
  describe(`${backend.name} erp role`, () => {
    let db: SeededBackend;
    let erp: SqlErp;
    let client: ReturnType<typeof countingClient>;

    beforeAll(async () => {
      db = await backend.seed(sampleDataset(true, backend.dataset));
      const raw = await db.connect();
      try {
        // A second warehouse for P-002, an over-reserved row for P-003, a count date that is no date for P-004.
        await raw.query(sql`INSERT INTO STOCK (ITEM_CD, WH_NM, ONHAND_QTY, RSRV_QTY, LEAD_DAYS, STK_DT) VALUES ('P-002', ${'부산창고'}, 40, 5, 7, '20250302')`);
        await raw.query(sql`UPDATE STOCK SET ONHAND_QTY = 3, RSRV_QTY = 8 WHERE ITEM_CD = 'P-003'`);
        await raw.query(sql`UPDATE STOCK SET STK_DT = '20250230' WHERE ITEM_CD = 'P-004'`);
      } finally {
        await raw.close();
      }
      client = countingClient(await db.connect());
      erp = new SqlErp(client, db.ctx);
    });

    afterAll(async () => {
      await erp?.close();
      await db?.drop();
    });

    it('answers a batch of stock in one query, in input order, null when unknown', async () => {
      client.count = 0;
      const [p1, unknown, p2, p3, p4, again] = await erp.getInventory(['P-001', 'NOPE', 'P-002', 'P-003', 'P-004', 'P-001']);
      expect(client.count).toBe(1);
      expect(p1).toEqual({ onHand: 100, available: 90, warehouse: '본사창고', leadTimeDays: 3, asOf: '2025-01-05T00:00:00+09:00' });
      expect(again).toEqual(p1);
      expect(unknown).toBeNull();
      expect(p2).toEqual({ onHand: 140, available: 125, warehouse: '본사창고, 부산창고', leadTimeDays: 3, asOf: '2025-01-05T00:00:00+09:00' });
      expect(p3).toMatchObject({ onHand: 3, available: 0 });
      expect(p4).toBeNull();
      expect(db.ctx.reports).toEqual(
        expect.arrayContaining([expect.objectContaining({ row: 'STOCK P-003/본사창고' }), expect.objectContaining({ row: 'STOCK P-004/본사창고' })]),
      );
      expect(await erp.getInventory([])).toEqual([]);
    });

    it('answers fulfilment in one query: status from ORD_STAT and SHIP_DTM, invoice with the order total', async () => {
      const marketplace = new SqlMarketplace(await db.connect(), db.ctx);
      const [o3] = await marketplace.getOrders(['O-003']);
      client.count = 0;
      const [f1, f2, f3, f4, f5, unknown, skipped] = await erp.getFulfillment(['O-001', 'O-002', 'O-003', 'O-004', 'O-005', 'NOPE', 'O-011']);
      expect(client.count).toBe(1);
      expect(f1).toEqual({ status: 'PENDING', shippedAt: null, carrier: null, trackingNumber: null, invoice: null });
      expect(f2).toMatchObject({ status: 'PICKING' });
      expect(f3).toEqual({
        status: 'SHIPPED',
        shippedAt: '2025-02-01T10:00:00+09:00',
        carrier: 'CJ대한통운',
        trackingNumber: '6543210987',
        invoice: { number: 'INV-2025-0003', issuedAt: '2025-02-01T10:00:00+09:00', total: o3!.total },
      });
      expect(f4).toMatchObject({ status: 'DELIVERED', shippedAt: '2025-02-02T00:00:00+09:00', invoice: { number: 'INV-2025-0004' } });
      expect(f5).toMatchObject({ status: 'CANCELLED' });
      expect(unknown).toBeNull();
      expect(skipped).toBeNull(); // ORD_DTM unreadable: no such order on the network
      await marketplace.close();
    });
  });
}
