/**
 * The cooperative's own data, in memory: its products, suppliers and orders
 * in the network's terms, searched with the marketplace's shared engine
 * (`memory.ts`: filters, the one order, keyset paging, stats), so its pages
 * and buckets agree exactly with every other cooperative's. Every batch read
 * is logged in `calls`, so tests can see what was batched.
 */
import { addMoney, multiplyMoney, toSeoulIso, ZERO_KRW } from '../../../core/domain/legacy';
import {
  matchesOrderFilter,
  matchesProductFilter,
  matchesSupplierFilter,
  orderSegment,
  orderSortKey,
  orderStatsOf,
  pageRows,
  productSortKey,
  productStatsOf,
  supplierSortKey,
} from '../../../subgraphs/marketplace/memory';
import type {
  OrderDimension,
  OrderFilter,
  OrderRecord,
  OrderStatsRow,
  Page,
  PageRequest,
  PlaceOrderRequest,
  ProductDimension,
  ProductFilter,
  ProductOrderField,
  ProductRecord,
  ProductStatsRow,
  SupplierFilter,
  SupplierRecord,
} from '../../../subgraphs/marketplace/port';
import type { CooperativeRecords } from './records';

export interface StoreCall {
  op: 'getProducts' | 'getSuppliers' | 'getOrders';
  ids: string[];
}

export class CooperativeStore {
  private readonly products: Map<string, ProductRecord>;
  private readonly suppliers: Map<string, SupplierRecord>;
  private readonly orders: Map<string, OrderRecord>;
  /** Idempotency key → local order id. */
  private readonly orderByKey = new Map<string, string>();
  private nextOrder = 1;
  /** Batch reads so far, oldest first. */
  readonly calls: StoreCall[] = [];

  constructor(records: Pick<CooperativeRecords, 'products' | 'suppliers' | 'orders'>, private readonly now: () => Date = () => new Date()) {
    this.products = new Map(records.products.map((p) => [p.localId, p]));
    this.suppliers = new Map(records.suppliers.map((s) => [s.localId, s]));
    this.orders = new Map(records.orders.map((o) => [o.localId, o]));
    for (const o of records.orders) if (o.idempotencyKey) this.orderByKey.set(o.idempotencyKey, o.localId);
  }

  searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Page<ProductRecord> {
    return pageRows([...this.products.values()], request, matchesProductFilter, productSortKey);
  }

  searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Page<SupplierRecord> {
    return pageRows([...this.suppliers.values()], request, matchesSupplierFilter, supplierSortKey);
  }

  searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Page<OrderRecord> {
    return pageRows([...this.orders.values()], request, matchesOrderFilter, orderSortKey);
  }

  /** One batch: answers in the order of `ids`, null where absent. */
  getProducts(ids: readonly string[]): Array<ProductRecord | null> {
    return this.batch('getProducts', this.products, ids);
  }

  getSuppliers(ids: readonly string[]): Array<SupplierRecord | null> {
    return this.batch('getSuppliers', this.suppliers, ids);
  }

  getOrders(ids: readonly string[]): Array<OrderRecord | null> {
    return this.batch('getOrders', this.orders, ids);
  }

  productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): ProductStatsRow[] {
    const regionOf = (p: ProductRecord) => (p.supplierLocalId ? this.suppliers.get(p.supplierLocalId)?.region ?? null : null);
    return productStatsOf([...this.products.values()], filter, groupBy, regionOf);
  }

  orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): OrderStatsRow[] {
    return orderStatsOf([...this.orders.values()], filter, groupBy, (o) => orderSegment(o, (id) => this.products.get(id)));
  }

  /** The order placed with this idempotency key, if any. */
  orderWithKey(key: string): OrderRecord | null {
    const localId = this.orderByKey.get(key);
    return localId === undefined ? null : this.orders.get(localId) ?? null;
  }

  /**
   * Creates an order priced from the catalogue, or returns the one already
   * placed with the same key. Lines must name existing products (checked by the caller).
   */
  placeOrder(request: PlaceOrderRequest): OrderRecord {
    const existing = this.orderWithKey(request.idempotencyKey);
    if (existing) return existing;
    const lines = request.lines.map(({ productLocalId, quantity }) => {
      const unitPrice = this.products.get(productLocalId)!.price;
      return { productLocalId, quantity, unitPrice, amount: multiplyMoney(unitPrice, quantity) };
    });
    const order: OrderRecord = {
      localId: `GQL-${String(this.nextOrder++).padStart(6, '0')}`,
      buyer: request.buyer,
      supplierLocalId: this.products.get(request.lines[0].productLocalId)?.supplierLocalId ?? null,
      lines,
      total: lines.reduce((sum, l) => addMoney(sum, l.amount), ZERO_KRW),
      status: 'RECEIVED',
      orderedAt: toSeoulIso(this.now()),
      idempotencyKey: request.idempotencyKey,
    };
    this.orders.set(order.localId, order);
    this.orderByKey.set(request.idempotencyKey, order.localId);
    return order;
  }

  /** Marks an order cancelled (again: no change); null when there is no such order. */
  cancelOrder(localId: string): OrderRecord | null {
    const order = this.orders.get(localId);
    if (!order) return null;
    const cancelled: OrderRecord = { ...order, status: 'CANCELLED' };
    this.orders.set(localId, cancelled);
    return cancelled;
  }

  private batch<T>(op: StoreCall['op'], rows: ReadonlyMap<string, T>, ids: readonly string[]): Array<T | null> {
    this.calls.push({ op, ids: [...ids] });
    return ids.map((id) => rows.get(id) ?? null);
  }
}
