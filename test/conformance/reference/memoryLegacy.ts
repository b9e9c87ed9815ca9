/**
 * The reference kind: the in-memory adapters over a dataset, so the suite
 * itself is tested. Records come from the dataset through the REST adapter's
 * row mapping (adapters/rest/mapping.ts over the simulated mall's rows), which
 * also reports the bad rows; the "legacy calls" are calls into the store, and
 * breaking it makes every call throw as a dead legacy system would.
 */
import { mapGoods, mapOrder, mapVendor } from '../../../adapters/rest/mapping';
import type { LegacyDataset } from '../../../demo/data/types';
import { MallStore } from '../../../demo/legacy/rest/store';
import { InMemoryMarketplace } from '../../../subgraphs/marketplace/inMemoryAdapter';
import { adapterContext, type LegacyUnderTest } from '../harness';
import { instrumented, type CallSwitch } from '../kinds/counting';
import { MemoryErp } from './memoryErp';

export async function memoryLegacy(dataset: LegacyDataset): Promise<LegacyUnderTest> {
  const ctx = adapterContext(dataset, {});
  const now = () => new Date('2026-11-02T10:00:00+09:00');
  const mall = new MallStore(dataset, now);
  const present = <T>(rows: Array<T | null>): T[] => rows.filter((r): r is T => r !== null);
  const marketplace = new InMemoryMarketplace(
    {
      products: present(mall.listGoods({}).map((row) => mapGoods(row, ctx))),
      suppliers: present(mall.listVendors().map((row) => mapVendor(row, ctx))),
      orders: present(mall.listOrders({}).map((row) => mapOrder(row, ctx))),
    },
    now,
  );
  const state: CallSwitch = { calls: 0, broken: false };
  return {
    marketplace: instrumented(marketplace, state),
    erp: instrumented(new MemoryErp(dataset), state),
    legacyCalls: () => state.calls,
    breakLegacy: () => {
      state.broken = true;
    },
    reports: ctx.reports,
    teardown: async () => undefined,
  };
}
