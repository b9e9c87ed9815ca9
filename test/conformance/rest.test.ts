/** The `rest` kind: the REST adapter over the simulated shopping-mall API (real HTTP). */
import { restAdapter } from '../../adapters/rest';
import { startRestLegacy } from '../../demo/legacy/rest/server';
import { adapterContext, runConformanceSuite, type ConformanceHarness } from './harness';

const harness: ConformanceHarness = {
  kind: 'rest',
  roles: ['marketplace'],
  capabilities: { placeOrder: true, cancelOrder: true },
  async setup(dataset) {
    const mall = await startRestLegacy({ dataset });
    // Pages of 25 (a documented setting), so the mall's page/size paging is exercised on the small dataset.
    const ctx = adapterContext(dataset, { url: mall.url, pageSize: 25 });
    const marketplace = await restAdapter.marketplace!(ctx);
    return {
      marketplace,
      legacyCalls: mall.calls,
      breakLegacy: () => mall.setFault('http500'),
      reports: ctx.reports,
      teardown: async () => {
        await marketplace.close?.();
        await mall.close();
      },
    };
  },
};

runConformanceSuite(harness);
