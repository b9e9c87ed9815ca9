/** Per-request DataLoaders of the marketplace role: one adapter call per batch. */
import type DataLoader from 'dataloader';
import type { AdapterScope } from '../shared/adapterCall';
import { batchLoader } from '../shared/batchLoader';
import { perRequest } from '../shared/perRequest';
import type { MarketplaceAdapter, OrderRecord, ProductRecord, SupplierRecord } from './port';

export interface MarketplaceLoaders {
  products: DataLoader<string, ProductRecord | null>;
  suppliers: DataLoader<string, SupplierRecord | null>;
  orders: DataLoader<string, OrderRecord | null>;
}

/** `loadersOf(context)`: the loaders of the request whose context object that is. */
export function marketplaceLoaders(adapter: MarketplaceAdapter, scope: AdapterScope): (context: unknown) => MarketplaceLoaders {
  return perRequest(() => ({
    products: batchLoader(scope, 'getProducts', (ids) => adapter.getProducts(ids)),
    suppliers: batchLoader(scope, 'getSuppliers', (ids) => adapter.getSuppliers(ids)),
    orders: batchLoader(scope, 'getOrders', (ids) => adapter.getOrders(ids)),
  }));
}
