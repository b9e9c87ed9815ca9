/**
 * The reference marketplace adapter: every record in memory, every query done
 * by the pure engine in `memory.ts`. The conformance suite runs on it (so the
 * suite itself is tested), the oracle tests use it as cooperatives, and the
 * benchmarks use it for synthetic cooperatives.
 */
import { addMoney, multiplyMoney, ZERO_KRW } from '../../core/domain/legacy';
import { isCancellable } from '../../core/domain/orderStatus';
import { sbnetError } from '../../core/errors';
import {
  matchesOrderFilter,
  matchesProductFilter,
  matchesSupplierFilter,
  orderSegment,
  orderSortKey,
  orderStatsOf,
  pageRows,
  pageMatchingRows,
  productSortKey,
  sortRows,
  type KeyedRow,
  productStatsOf,
  supplierSortKey,
} from './memory';
import type {
  MarketplaceAdapter,
  OrderDimension,
  OrderFilter,
  OrderRecord,
  Page,
  PageRequest,
  PlaceOrderRequest,
  ProductDimension,
  ProductFilter,
  ProductOrderField,
  ProductRecord,
  ProductStatsRow,
  OrderStatsRow,
  SupplierFilter,
  SupplierRecord,
} from './port';

/** Filtered product indexes kept (the oldest goes first). */
const MAX_FILTERED_INDEXES = 64;

export interface InMemoryData {
  products: ProductRecord[];
  suppliers: SupplierRecord[];
  orders: OrderRecord[];
}

export class InMemoryMarketplace implements MarketplaceAdapter {
  readonly kind = 'memory';
  private readonly products = new Map<string, ProductRecord>();
  private readonly suppliers = new Map<string, SupplierRecord>();
  private readonly orders = new Map<string, OrderRecord>();
  private nextOrder = 1;
  /** Products sorted per order, and the matching ones per order and filter (products never change here). */
  private readonly sortedProducts = new Map<string, Array<KeyedRow<ProductRecord>>>();
  private readonly matchingProductsByFilter = new Map<string, Array<KeyedRow<ProductRecord>>>();

  constructor(data: InMemoryData, private readonly now: () => Date = () => new Date()) {
    for (const p of data.products) this.products.set(p.localId, p);
    for (const s of data.suppliers) this.suppliers.set(s.localId, s);
    for (const o of data.orders) this.orders.set(o.localId, o);
  }

  async searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Promise<Page<ProductRecord>> {
    return pageMatchingRows(this.matchingProducts(request.order, request.filter), request);
  }

  private matchingProducts(order: PageRequest<ProductFilter, ProductOrderField>['order'], filter: ProductFilter): Array<KeyedRow<ProductRecord>> {
    const sortedKey = `${order.field}:${order.direction}`;
    let sorted = this.sortedProducts.get(sortedKey);
    if (!sorted) this.sortedProducts.set(sortedKey, (sorted = sortRows([...this.products.values()], order, productSortKey)));
    const key = `${sortedKey}:${JSON.stringify(filter)}`;
    let matching = this.matchingProductsByFilter.get(key);
    if (!matching) {
      matching = sorted.filter((k) => matchesProductFilter(k.row, filter));
      if (this.matchingProductsByFilter.size >= MAX_FILTERED_INDEXES) this.matchingProductsByFilter.delete(this.matchingProductsByFilter.keys().next().value!);
      this.matchingProductsByFilter.set(key, matching);
    }
    return matching;
  }

  async getProducts(localIds: readonly string[]): Promise<Array<ProductRecord | null>> {
    return localIds.map((id) => this.products.get(id) ?? null);
  }

  async searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Promise<Page<SupplierRecord>> {
    return pageRows([...this.suppliers.values()], request, matchesSupplierFilter, supplierSortKey);
  }

  async getSuppliers(localIds: readonly string[]): Promise<Array<SupplierRecord | null>> {
    return localIds.map((id) => this.suppliers.get(id) ?? null);
  }

  async searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Promise<Page<OrderRecord>> {
    return pageRows([...this.orders.values()], request, matchesOrderFilter, orderSortKey);
  }

  async getOrders(localIds: readonly string[]): Promise<Array<OrderRecord | null>> {
    return localIds.map((id) => this.orders.get(id) ?? null);
  }

  async productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): Promise<ProductStatsRow[]> {
    const regionOf = (p: ProductRecord) => (p.supplierLocalId ? this.suppliers.get(p.supplierLocalId)?.region ?? null : null);
    return productStatsOf([...this.products.values()], filter, groupBy, regionOf);
  }

  async orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): Promise<OrderStatsRow[]> {
    return orderStatsOf([...this.orders.values()], filter, groupBy, (o) => orderSegment(o, (id) => this.products.get(id)));
  }

  async placeOrder(request: PlaceOrderRequest): Promise<OrderRecord> {
    const existing = [...this.orders.values()].find((o) => o.idempotencyKey === request.idempotencyKey);
    if (existing) return existing;
    const lines = request.lines.map((line) => {
      const product = this.products.get(line.productLocalId);
      if (!product) throw sbnetError('BAD_USER_INPUT', { message: `Unknown product ${line.productLocalId}` });
      return { productLocalId: line.productLocalId, quantity: line.quantity, unitPrice: product.price, amount: multiplyMoney(product.price, line.quantity) };
    });
    const order: OrderRecord = {
      localId: `O-${String(this.nextOrder++).padStart(6, '0')}-${this.orders.size}`,
      buyer: request.buyer,
      supplierLocalId: this.products.get(request.lines[0].productLocalId)?.supplierLocalId ?? null,
      lines,
      total: lines.reduce((sum, l) => addMoney(sum, l.amount), ZERO_KRW),
      status: 'RECEIVED',
      orderedAt: this.now().toISOString(),
      idempotencyKey: request.idempotencyKey,
    };
    this.orders.set(order.localId, order);
    return order;
  }

  /** A SHIPPED or DELIVERED order is refused; a CANCELLED one comes back unchanged. */
  async cancelOrder(localId: string): Promise<OrderRecord> {
    const order = this.orders.get(localId);
    if (!order) throw sbnetError('BAD_USER_INPUT', { message: `Unknown order ${localId}` });
    if (!isCancellable(order.status)) throw sbnetError('BAD_USER_INPUT', { message: `Order ${localId} has already shipped and can no longer be cancelled` });
    if (order.status === 'CANCELLED') return order;
    const cancelled: OrderRecord = { ...order, status: 'CANCELLED' };
    this.orders.set(localId, cancelled);
    return cancelled;
  }
}
