/** Per-request DataLoaders of the marketplace role: one adapter call per batch. */
import type DataLoader from 'dataloader';
import type { AdapterScope } from '../shared/adapterCall';
import { batchLoader } from '../shared/batchLoader';
import { perRequest } from '../shared/perRequest';
import type { MarketplaceAdapter, OrderRecord, ProductRecord, SupplierRecord } from './port';

export interface MarketplaceLoaders {
  readonly products: DataLoader<string, ProductRecord | null>;
  readonly suppliers: DataLoader<string, SupplierRecord | null>;
  readonly orders: DataLoader<string, OrderRecord | null>;
  /**
   * Rows a page brought, for lookups by id later in the request: the products
   * loader is primed with them (first row of an id wins, as `prime` does) when
   * it is first used. Most requests (every gateway fan-out) never look a
   * product up by id, so they neither build that loader nor prime it.
   */
  primeProducts(rows: readonly ProductRecord[]): void;
}

/** Each loader is built on first use: a request that pages only builds none. */
class RequestLoaders implements MarketplaceLoaders {
  private productLoader: DataLoader<string, ProductRecord | null> | undefined;
  private supplierLoader: DataLoader<string, SupplierRecord | null> | undefined;
  private orderLoader: DataLoader<string, OrderRecord | null> | undefined;
  /** Pages' rows not yet primed into `productLoader` (which does not exist yet). */
  private unprimed: Array<readonly ProductRecord[]> = [];

  constructor(
    private readonly adapter: MarketplaceAdapter,
    private readonly scope: AdapterScope,
  ) {}

  get products(): DataLoader<string, ProductRecord | null> {
    if (this.productLoader) return this.productLoader;
    const loader = batchLoader(this.scope, 'getProducts', (ids) => this.adapter.getProducts(ids));
    for (const rows of this.unprimed) primeAll(loader, rows);
    this.unprimed = [];
    return (this.productLoader = loader);
  }

  get suppliers(): DataLoader<string, SupplierRecord | null> {
    return (this.supplierLoader ??= batchLoader(this.scope, 'getSuppliers', (ids) => this.adapter.getSuppliers(ids)));
  }

  get orders(): DataLoader<string, OrderRecord | null> {
    return (this.orderLoader ??= batchLoader(this.scope, 'getOrders', (ids) => this.adapter.getOrders(ids)));
  }

  primeProducts(rows: readonly ProductRecord[]): void {
    if (this.productLoader) primeAll(this.productLoader, rows);
    else if (rows.length) this.unprimed.push(rows);
  }
}

function primeAll(loader: DataLoader<string, ProductRecord | null>, rows: readonly ProductRecord[]): void {
  for (const row of rows) loader.prime(row.localId, row);
}

/** `loadersOf(context)`: the loaders of the request whose context object that is. */
export function marketplaceLoaders(adapter: MarketplaceAdapter, scope: AdapterScope): (context: unknown) => MarketplaceLoaders {
  return perRequest(() => new RequestLoaders(adapter, scope));
}
