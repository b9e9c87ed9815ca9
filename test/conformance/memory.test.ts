/** The reference kind: InMemoryMarketplace (+ a reference ERP) over the dataset, so the suite itself is tested. */
import { runConformanceSuite, type ConformanceHarness } from './harness';
import { memoryLegacy } from './reference/memoryLegacy';

const harness: ConformanceHarness = {
  kind: 'memory',
  roles: ['marketplace', 'erp'],
  capabilities: { placeOrder: true, cancelOrder: true },
  setup: memoryLegacy,
};

runConformanceSuite(harness);
