/** The `sqlite` kind: the SQL ERP adapter (marketplace and erp roles) over a seeded SQLite file. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openSqlite } from '../../adapters/sql';
import { seedSqlite } from '../../demo/legacy/sql/seed';
import { runConformanceSuite, type ConformanceHarness } from './harness';
import { sqlLegacy } from './kinds/sql';

const harness: ConformanceHarness = {
  kind: 'sqlite',
  roles: ['marketplace', 'erp'],
  capabilities: { placeOrder: true, cancelOrder: true },
  async setup(dataset) {
    const dir = mkdtempSync(join(tmpdir(), 'sbnet-conformance-'));
    const file = join(dir, 'erp.sqlite');
    seedSqlite(file, dataset);
    return sqlLegacy({
      dataset,
      legacy: { database: 'erp.sqlite' },
      baseDir: dir,
      open: ({ readonly }) => openSqlite(file, { readonly }),
      // Another process drops the ERP's tables: every statement now fails.
      breakLegacy: () => {
        const db = new Database(file);
        for (const table of ['ORD_DTL', 'ORD_HDR', 'STOCK', 'ITEM_MST', 'VEND_MST']) db.exec(`DROP TABLE ${table}`);
        db.close();
      },
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    });
  },
};

runConformanceSuite(harness);
