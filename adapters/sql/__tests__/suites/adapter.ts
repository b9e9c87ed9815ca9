/** Batched gets (one query each), bound parameters, and reports of bad legacy rows. */
import { InMemoryMarketplace } from '../../../../subgraphs/marketplace/inMemoryAdapter';
import { SqlMarketplace } from '../../marketplace';
import { render } from '../../sql';
import type { Backend, SeededBackend } from '../backends';
import { countingClient, expectedRecords, sampleDataset } from '../harness';

export function adapterSuite(backend: Backend): void {
  describe(`${backend.name} adapter: gets, parameters, reports`, () => {
    let db: SeededBackend;

    beforeAll(async () => {
      db = await backend.seed(sampleDataset(true, backend.dataset));
    });

    afterAll(async () => {
      await db?.drop();
    });

    it('gets a batch in ONE query, answers in input order, null for absent and skipped rows', async () => {
      const client = countingClient(await db.connect());
      const adapter = new SqlMarketplace(client, db.ctx);
      const memory = new InMemoryMarketplace(expectedRecords(sampleDataset(true, backend.dataset)));
      const productIds = ['P-010', 'NOPE', 'P-001', 'P-019', 'P-010', 'p-028'];
      const supplierIds = ['M07', 'M05', 'M01', 'm01'];
      const orderIds = ['O-008', 'O-001', 'O-011', 'NOPE', 'O-010'];
      expect(await adapter.getProducts(productIds)).toEqual(await memory.getProducts(productIds));
      expect(await adapter.getSuppliers(supplierIds)).toEqual(await memory.getSuppliers(supplierIds));
      expect(await adapter.getOrders(orderIds)).toEqual(await memory.getOrders(orderIds));
      expect(client.count).toBe(3);
      const productQuery = render(client.statements[0], client.dialect.placeholder);
      expect(productQuery.text).toMatch(/WHERE i\.ITEM_CD IN \((\?|\$1), (\?|\$2), (\?|\$3), (\?|\$4), (\?|\$5)\)/);
      expect(productQuery.params).toEqual(['P-010', 'NOPE', 'P-001', 'P-019', 'p-028']);
      expect(await adapter.getProducts([])).toEqual([]);
      expect(client.count).toBe(3);
      await adapter.close();
    });

    it('binds every value: no filter text reaches the SQL text', async () => {
      const client = countingClient(await db.connect());
      const adapter = new SqlMarketplace(client, db.ctx);
      const evil = "x' OR 1=1 --";
      const page = await adapter.searchProducts({ filter: { text: evil, supplierLocalId: evil }, order: { field: 'NAME', direction: 'ASC' }, first: 5, after: { key: evil, id: evil } });
      expect(page).toEqual({ rows: [], totalCount: 0, hasNextPage: false });
      for (const statement of client.statements) expect(render(statement, client.dialect.placeholder).text).not.toContain('OR 1=1');
      await adapter.close();
    });

    it('reports bad rows: skipped products and suppliers, repaired GTINs and categories, unreadable orders', async () => {
      const adapter = new SqlMarketplace(await db.connect(), db.ctx);
      await adapter.audit();
      await adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 100, after: null });
      const reasons = new Map(db.ctx.reports.map((r) => [r.row, r.reason]));
      expect(reasons.get('ITEM_MST P-019')).toMatch(/unit "말" has no Rec 20 mapping; product skipped/);
      expect(reasons.get('ITEM_MST P-020')).toMatch(/unit "BX".*product skipped/);
      expect(reasons.get('ITEM_MST P-021')).toMatch(/SALE_PRC "?-100"? .*product skipped/);
      expect(reasons.get('ITEM_MST P-022')).toMatch(/UPD_DT "20240231".*product skipped/);
      expect(reasons.get('ITEM_MST P-023')).toMatch(/UPD_DT "2024-3-1".*product skipped/);
      expect(reasons.get('ITEM_MST P-005')).toMatch(/BARCODE "8801234000018" is not a valid GTIN/);
      expect(reasons.get('ITEM_MST P-018')).toMatch(/category "ZZ9" has no UNSPSC mapping; classification left empty/);
      expect(reasons.get('ITEM_MST P-024')).toMatch(/MIN_ORD_QTY 0 .*1 used/);
      expect(reasons.get('VEND_MST M05')).toMatch(/BIZ_NO "123-45-67890" is not a valid 사업자등록번호; supplier skipped/);
      expect(reasons.get('ORD_HDR O-011')).toMatch(/ORD_DTM "20250303".*order skipped/);
      expect(reasons.get('ORD_HDR O-008')).toMatch(/BUYER_BIZ_NO "1234567890".*shown as stored/);
      expect(db.ctx.reports.some((r) => r.row === 'ITEM_MST P-001')).toBe(false);
      await adapter.close();
    });
  });
}
