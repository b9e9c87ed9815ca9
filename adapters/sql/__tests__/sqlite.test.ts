/** The shared SQL suites on SQLite, and the `sqlite` adapter factory with its config. */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { silentLogger } from '../../../core/log';
import { createAdapterContext } from '../../types';
import { sqliteAdapter } from '../index';
import { sqliteBackend } from './backends';
import { sampleDataset, seedTempDb, type SeededDb } from './harness';
import { adapterSuite } from './suites/adapter';
import { erpSuite } from './suites/erp';
import { searchSuite } from './suites/search';
import { statsSuite } from './suites/stats';
import { writesSuite } from './suites/writes';

searchSuite(sqliteBackend, { pageSizes: [0, 1, 3, 100], numRuns: 100 });
statsSuite(sqliteBackend);
writesSuite(sqliteBackend);
erpSuite(sqliteBackend);
adapterSuite(sqliteBackend);

describe('sqlite adapter factory', () => {
  let db: SeededDb;

  beforeEach(() => {
    db = seedTempDb(sampleDataset(true));
  });

  afterEach(() => db.cleanup());

  it('resolves legacy.database against the config file folder; both roles; audits bad rows at start-up', async () => {
    expect(sqliteAdapter.kind).toBe('sqlite');
    const marketplace = await sqliteAdapter.marketplace!(db.ctx);
    const erp = await sqliteAdapter.erp!(db.ctx);
    expect([marketplace.kind, erp.kind]).toEqual(['sqlite', 'sqlite']);
    expect(db.ctx.reports.some((r) => r.row === 'ITEM_MST P-019')).toBe(true);
    expect((await marketplace.getProducts(['P-001']))[0]?.name).toBe('가구 책상');
    expect((await erp.getInventory(['P-001']))[0]?.onHand).toBe(100);
    await marketplace.close!();
    await erp.close!();
  });

  it('fails clearly without legacy.database, on a missing file, and on a database of another layout', async () => {
    const ctx = (legacy: Record<string, unknown>) => createAdapterContext({ ...db.config, legacy }, silentLogger);
    await expect(sqliteAdapter.marketplace!(ctx({}))).rejects.toThrow(/legacy\.database/);
    await expect(sqliteAdapter.marketplace!(ctx({ database: 'missing.sqlite' }))).rejects.toThrow(/Cannot open the SQLite ERP file .*missing\.sqlite/);
    new Database(join(db.dir, 'other.sqlite')).exec('CREATE TABLE ITEM_MST (X INTEGER)').close();
    await expect(sqliteAdapter.erp!(ctx({ database: 'other.sqlite' }))).rejects.toThrow(/VEND_MST/);
  });
});
