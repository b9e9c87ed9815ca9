import { SqlMarketplace } from '../marketplace';
import { openSqlite } from '../sqlite';
import { sampleDataset, seedTempDb } from './harness';
it('debug', async () => {
  const db = seedTempDb(sampleDataset(true));
  const a = new SqlMarketplace(openSqlite(db.file), db.ctx);
  const p = await a.searchProducts({ filter: {}, order: { field: 'PRICE', direction: 'DESC' }, first: 5, after: null });
  console.log(JSON.stringify(p.rows.map(r => [r.localId, r.name, r.price.amount, r.updatedAt, r.classificationCode, r.gtin])), p.totalCount, p.hasNextPage);
  const o = await a.searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 3, after: null });
  console.log(JSON.stringify(o, null, 1).slice(0, 1500));
  await a.searchSuppliers({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 50, after: null });
  console.log(db.ctx.reports);
  await a.close(); db.cleanup();
});
