/** The `soap` kind: the SOAP adapter over the simulated EUC-KR mall service (real HTTP, real envelopes). */
import { soapAdapter } from '../../adapters/soap';
import { startSoapLegacy } from '../../demo/legacy/soap/server';
import { adapterContext, runConformanceSuite, type ConformanceHarness } from './harness';

const harness: ConformanceHarness = {
  kind: 'soap',
  roles: ['marketplace'],
  capabilities: { placeOrder: true, cancelOrder: true },
  async setup(dataset) {
    const mall = await startSoapLegacy({ dataset });
    // Pages of 25 (a documented setting), so the mall's PageNo/PageSize paging is exercised on the small dataset.
    const ctx = adapterContext(dataset, { url: mall.url, pageSize: 25 });
    const marketplace = await soapAdapter.marketplace!(ctx);
    return {
      marketplace,
      legacyCalls: mall.calls,
      // The mall's database goes down: every call answers a soap:Server Fault (HTTP 500).
      breakLegacy: () => mall.setFault('soapFault'),
      reports: ctx.reports,
      teardown: async () => {
        await marketplace.close?.();
        await mall.close();
      },
    };
  },
};

runConformanceSuite(harness);
