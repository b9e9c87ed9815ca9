/**
 * The `csv` kind: the erp role over a folder of CP949 exports written by the
 * simulated nightly job. "Legacy calls" are reads of the in-memory index
 * (one per port call; files are only read when an export lands), so the
 * erp group's one-call-per-batch rule still says something.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csvAdapter, type CsvErp } from '../../adapters/csv';
import { writeCsvExport } from '../../demo/legacy/csv/exporter';
import type { ErpAdapter } from '../../subgraphs/erp/port';
import { adapterContext, runConformanceSuite, type ConformanceHarness } from './harness';

const harness: ConformanceHarness = {
  kind: 'csv',
  roles: ['erp'],
  capabilities: { placeOrder: false, cancelOrder: false, keepsLastGoodData: true },
  async setup(dataset) {
    const dir = mkdtempSync(join(tmpdir(), 'sbnet-conformance-csv-'));
    writeCsvExport(join(dir, 'export'), dataset);
    const ctx = adapterContext(dataset, { folder: 'export', settleMs: 0, pollMs: 60_000 }, dir);
    const csv = (await csvAdapter.erp!(ctx)) as CsvErp;
    let reads = 0;
    const erp: ErpAdapter = {
      kind: csv.kind,
      getInventory: (ids) => (reads++, csv.getInventory(ids)),
      getFulfillment: (ids) => (reads++, csv.getFulfillment(ids)),
    };
    return {
      erp,
      legacyCalls: () => reads,
      // The job leaves a cut-off export (and then none at all): the adapter must keep serving the last good one.
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
