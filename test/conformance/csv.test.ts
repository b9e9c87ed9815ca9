/**
 * The `csv` kind: the erp role over a folder of CP949 exports written by the
 * simulated nightly job. Legacy calls are reads of the loaded index (one per
 * port call; files are read only when an export lands).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvSettings, openCsvErp } from '../../adapters/csv';
import { writeCsvExport } from '../../demo/legacy/csv/exporter';
import { adapterContext, runConformanceSuite, type ConformanceHarness } from './harness';
import { instrumented } from './kinds/counting';

const harness: ConformanceHarness = {
  kind: 'csv',
  roles: ['erp'],
  capabilities: { placeOrder: false, cancelOrder: false, keepsLastGoodData: true },
  async setup(dataset) {
    const dir = mkdtempSync(join(tmpdir(), 'sbnet-conformance-csv-'));
    writeCsvExport(join(dir, 'export'), dataset);
    const ctx = adapterContext(dataset, { folder: 'export', settleMs: 0, pollMs: 60_000 }, dir);
    const csv = await openCsvErp(csvSettings(ctx.config), ctx); // what the `csv` factory does, typed for reload()
    const state = { calls: 0, broken: false };
    const erp = instrumented(csv, state);
    return {
      erp,
      legacyCalls: () => state.calls,
      // The export share goes away: the last good export stays served and the adapter reports the failed reload.
      breakLegacy: async () => {
        rmSync(join(dir, 'export'), { recursive: true, force: true });
        await csv.reload();
      },
      reports: ctx.reports,
      teardown: async () => {
        await csv.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

runConformanceSuite(harness);
