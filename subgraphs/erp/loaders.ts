/** Per-request DataLoaders of the erp role: one adapter call per batch. */
import type DataLoader from 'dataloader';
import type { AdapterScope } from '../shared/adapterCall';
import { batchLoader } from '../shared/batchLoader';
import { perRequest } from '../shared/perRequest';
import type { ErpAdapter, FulfillmentRecord, InventoryRecord } from './port';

export interface ErpLoaders {
  inventory: DataLoader<string, InventoryRecord | null>;
  fulfillment: DataLoader<string, FulfillmentRecord | null>;
}

export function erpLoaders(adapter: ErpAdapter, scope: AdapterScope): (context: unknown) => ErpLoaders {
  return perRequest(() => ({
    inventory: batchLoader(scope, 'getInventory', (ids) => adapter.getInventory(ids)),
    fulfillment: batchLoader(scope, 'getFulfillment', (ids) => adapter.getFulfillment(ids)),
  }));
}
