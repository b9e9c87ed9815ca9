/**
 * The adapter conformance suite (test/conformance) on the SQL adapter: SQLite
 * always, PostgreSQL and MariaDB when their servers run. Statements are
 * counted at the SqlClient; "breaking" the legacy system drops its tables.
 */
import { runConformanceSuite, type ConformanceHarness } from '../../../test/conformance/harness';
import type { LegacyDataset } from '../../../demo/data/types';
import { SqlErp } from '../erp';
import { SqlMarketplace } from '../marketplace';
import { raw, sql } from '../sql';
import { describeWithServer, MARIADB_SERVER, mariadbBackend, POSTGRES_SERVER, postgresBackend, sqliteBackend, type Backend } from './backends';
import { countingClient } from './harness';

function harnessFor(kind: string, backend: Backend): ConformanceHarness {
  return {
    kind,
    roles: ['marketplace', 'erp'],
    capabilities: { placeOrder: true, cancelOrder: true },
    async setup(dataset: LegacyDataset) {
      const db = await backend.seed(dataset);
      const marketplaceClient = countingClient(await db.connect());
      const erpClient = countingClient(await db.connect());
      const marketplace = new SqlMarketplace(marketplaceClient, db.ctx);
      await marketplace.audit(); // as the factory does
      return {
        marketplace,
        erp: new SqlErp(erpClient, db.ctx),
        legacyCalls: () => marketplaceClient.count + erpClient.count,
        reports: db.ctx.reports,
        async breakLegacy() {
          const admin = await db.connect();
          for (const table of ['ORD_DTL', 'ORD_HDR', 'STOCK', 'ITEM_MST', 'VEND_MST']) await admin.query(sql`DROP TABLE ${raw(table)}`);
          await admin.close();
        },
        async teardown() {
          await marketplace.close();
          await erpClient.close();
          await db.drop();
        },
      };
    },
  };
}

runConformanceSuite(harnessFor('sqlite', sqliteBackend));
describeWithServer(POSTGRES_SERVER, 'PostgreSQL conformance', () => runConformanceSuite(harnessFor('postgres', postgresBackend), { numRuns: 10 }));
describeWithServer(MARIADB_SERVER, 'MariaDB conformance', () => runConformanceSuite(harnessFor('mariadb', mariadbBackend), { numRuns: 10 }));
