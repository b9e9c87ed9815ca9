/**
 * The marketplace role's adapter port: what a legacy system must offer for a
 * cooperative to serve the marketplace template. Records are already in the
 * network's terms (UNSPSC codes, Rec 20 units, Money excluding VAT, ISO
 * instants with offset); ids here are the cooperative's *local* ids.
 */
import type { SortDirection, SortValue } from '../../core/order';

import type { Money } from '../../core/domain/money';

export type { Money };

export interface ProductRecord {
  localId: string;
  sku: string;
  name: string;
  spec: string | null;
  description: string | null;
  /** UNSPSC commodity, 8 digits; null when the local category is unmapped. */
  classificationCode: string | null;
  gtin: string | null;
  unit: string;
  price: Money;
  minOrderQuantity: number;
  supplierLocalId: string | null;
  /** ISO 8601 with offset. */
  updatedAt: string;
}

export interface SupplierRecord {
  localId: string;
  /** XXX-XX-XXXXX, checksum-valid. */
  businessNumber: string;
  name: string;
  representative: string | null;
  region: string | null;
}

export type OrderStatus = 'RECEIVED' | 'CONFIRMED' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

export interface OrderLineRecord {
  productLocalId: string;
  quantity: number;
  unitPrice: Money;
  amount: Money;
}

export interface OrderRecord {
  localId: string;
  buyer: { businessNumber: string; name: string };
  supplierLocalId: string | null;
  lines: OrderLineRecord[];
  total: Money;
  status: OrderStatus;
  orderedAt: string;
  idempotencyKey: string | null;
}

export interface ProductFilter {
  text?: string | null;
  classificationPrefix?: string | null;
  /** Local supplier id (the role server strips the cooperative prefix). */
  supplierLocalId?: string | null;
  gtin?: string | null;
  minPrice?: number | null;
  maxPrice?: number | null;
}

export interface SupplierFilter {
  text?: string | null;
  region?: string | null;
  businessNumber?: string | null;
}

export interface OrderFilter {
  status?: OrderStatus | null;
  /** Inclusive, ISO instant. */
  from?: string | null;
  /** Exclusive, ISO instant. */
  to?: string | null;
  buyerBusinessNumber?: string | null;
  supplierLocalId?: string | null;
}

export type ProductOrderField = 'NAME' | 'PRICE' | 'UPDATED_AT';

export interface SortOrder<F extends string> {
  field: F;
  direction: SortDirection;
}

/** Resume point: the sort key and local id of the last row already returned. */
export interface Keyset {
  key: SortValue;
  id: string;
}

export interface PageRequest<Filter, Field extends string> {
  filter: Filter;
  order: SortOrder<Field>;
  /** 0…100 (validated by the role server). */
  first: number;
  after: Keyset | null;
}

export interface Page<T> {
  rows: T[];
  /** Rows matching the filter, ignoring paging. */
  totalCount: number;
  /** Whether rows remain after the returned ones. */
  hasNextPage: boolean;
}

export type ProductDimension = 'COOPERATIVE' | 'SEGMENT' | 'FAMILY' | 'SUPPLIER_REGION';
export type OrderDimension = 'COOPERATIVE' | 'MONTH' | 'SEGMENT' | 'STATUS';

export interface AmountAggregate {
  count: number;
  sum: number;
  min: number | null;
  max: number | null;
}

/** A stats bucket from one cooperative; key fields not grouped by are null. */
export interface ProductStatsRow extends AmountAggregate {
  segment: string | null;
  family: string | null;
  supplierRegion: string | null;
}

export interface OrderStatsRow extends AmountAggregate {
  month: string | null;
  segment: string | null;
  status: OrderStatus | null;
  quantity: number;
}

export interface PlaceOrderRequest {
  idempotencyKey: string;
  buyer: { businessNumber: string; name: string };
  lines: Array<{ productLocalId: string; quantity: number }>;
}

/**
 * What every marketplace adapter implements. Implementations push filters,
 * order and limits down to the legacy system where it can do them, and do the
 * rest themselves (see `memory.ts` for the shared in-memory engine).
 */
export interface MarketplaceAdapter {
  /** Legacy kind, e.g. `rest`, `soap`, `sqlite`. */
  readonly kind: string;
  searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Promise<Page<ProductRecord>>;
  /** Batched get: one legacy call per batch; answers in the order of `localIds`, null when absent. */
  getProducts(localIds: readonly string[]): Promise<Array<ProductRecord | null>>;
  searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Promise<Page<SupplierRecord>>;
  getSuppliers(localIds: readonly string[]): Promise<Array<SupplierRecord | null>>;
  searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Promise<Page<OrderRecord>>;
  getOrders(localIds: readonly string[]): Promise<Array<OrderRecord | null>>;
  productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): Promise<ProductStatsRow[]>;
  orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): Promise<OrderStatsRow[]>;
  /**
   * Creates the order in the legacy system, or returns the existing one placed
   * with the same key. A line naming a product the adapter does not serve
   * (unknown, or its legacy row refused) is BAD_USER_INPUT, and nothing is written.
   */
  placeOrder(request: PlaceOrderRequest): Promise<OrderRecord>;
  /** BAD_USER_INPUT for an unknown order or one already SHIPPED/DELIVERED; a CANCELLED one is returned unchanged. */
  cancelOrder(localId: string, reason: string | null): Promise<OrderRecord>;
  close?(): Promise<void>;
}
