/**
 * The marketplace port over a shopping mall that can list its rows (narrowed
 * where it can), fetch rows by code in one call and register and cancel
 * orders, but cannot search, sort or aggregate the network's way: all of
 * that (text search, prices, GTIN, the one sort order, keyset paging,
 * totals, stats) runs in memory with the shared engine (memory.ts) over the
 * mapped rows, so every such adapter answers exactly like every other. The
 * REST/JSON and SOAP/XML malls differ only in their `Mall`.
 */
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { badInput, sbnetError } from '../../core/errors';
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
} from '../../subgraphs/marketplace/memory';
import type {
  MarketplaceAdapter,
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
} from '../../subgraphs/marketplace/port';
import type { AdapterContext } from '../types';

/** What one kind of mall does: its calls, with its rows already mapped (refused rows left out). */
export interface Mall {
  /** Every product the mall lists for `filter`, narrowed by the mall where it can (a superset of the answer). */
  products(filter: ProductFilter): Promise<ProductRecord[]>;
  suppliers(): Promise<SupplierRecord[]>;
  /** Every order the mall lists for `filter`, narrowed where it can (a superset of the answer). */
  orders(filter: OrderFilter): Promise<OrderRecord[]>;
  /** One call for distinct, non-blank codes; the rows found, in any order. */
  productsByCode(localIds: readonly string[]): Promise<ProductRecord[]>;
  suppliersByCode(localIds: readonly string[]): Promise<SupplierRecord[]>;
  ordersByCode(localIds: readonly string[]): Promise<OrderRecord[]>;
  /** The order placed with this idempotency key (the mall's client order key), if any. */
  orderByKey(key: string): Promise<OrderRecord | null>;
  /**
   * Registers a new order (buyer number as digits). The mall's refusals of
   * the caller's input are BAD_USER_INPUT; a key registered meanwhile (by
   * another adapter instance) answers that order.
   */
  register(request: PlaceOrderRequest, buyerDigits: string): Promise<OrderRecord>;
  /** BAD_USER_INPUT for an unknown order or one already shipped (the mall refuses those). */
  cancel(localId: string, reason: string | null): Promise<OrderRecord>;
  /** Why the mall failed, when `error` is its failure (unreachable, HTTP 500, Fault…); null for any other error. */
  failureOf(error: unknown): string | null;
  close(): Promise<void>;
}

export class MallMarketplace implements MarketplaceAdapter {
  /** placeOrder calls in flight by idempotency key: a retry racing the first call joins it. */
  private readonly placing = new Map<string, Promise<OrderRecord>>();

  constructor(
    readonly kind: string,
    private readonly mall: Mall,
    private readonly ctx: AdapterContext,
  ) {}

  // ─────────────── search: fetch what the mall can narrow, the rest in memory ───────────────

  searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Promise<Page<ProductRecord>> {
    return this.guard(async () => pageRows(await this.mall.products(request.filter), request, matchesProductFilter, productSortKey));
  }

  searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Promise<Page<SupplierRecord>> {
    return this.guard(async () => pageRows(await this.mall.suppliers(), request, matchesSupplierFilter, supplierSortKey));
  }

  searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Promise<Page<OrderRecord>> {
    return this.guard(async () => pageRows(await this.mall.orders(request.filter), request, matchesOrderFilter, orderSortKey));
  }

  // ─────────────── batched gets: one legacy call per invocation ───────────────

  getProducts(localIds: readonly string[]): Promise<Array<ProductRecord | null>> {
    return this.guard(() => batchGet(localIds, (ids) => this.mall.productsByCode(ids)));
  }

  getSuppliers(localIds: readonly string[]): Promise<Array<SupplierRecord | null>> {
    return this.guard(() => batchGet(localIds, (ids) => this.mall.suppliersByCode(ids)));
  }

  getOrders(localIds: readonly string[]): Promise<Array<OrderRecord | null>> {
    return this.guard(() => batchGet(localIds, (ids) => this.mall.ordersByCode(ids)));
  }

  // ─────────────── stats ───────────────

  productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): Promise<ProductStatsRow[]> {
    return this.guard(async () => {
      const needRegions = groupBy.includes('SUPPLIER_REGION');
      const [products, suppliers] = await Promise.all([this.mall.products(filter), needRegions ? this.mall.suppliers() : []]);
      const regionById = new Map(suppliers.map((s) => [s.localId, s.region]));
      const regionOf = (p: ProductRecord) => (p.supplierLocalId ? regionById.get(p.supplierLocalId) ?? null : null);
      return productStatsOf(products, filter, groupBy, regionOf);
    });
  }

  orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): Promise<OrderStatsRow[]> {
    return this.guard(async () => {
      const needSegments = groupBy.includes('SEGMENT');
      const [orders, products] = await Promise.all([this.mall.orders(filter), needSegments ? this.mall.products({}) : []]);
      const productById = new Map(products.map((p) => [p.localId, p]));
      return orderStatsOf(orders, filter, groupBy, (o) => orderSegment(o, (id) => productById.get(id)));
    });
  }

  // ─────────────── orders ───────────────

  /**
   * Idempotent: an order already placed with the key is returned as it is,
   * never a second one created. Whether it matches this request is the role
   * server's check (IDEMPOTENCY_CONFLICT), the same for every adapter.
   */
  placeOrder(request: PlaceOrderRequest): Promise<OrderRecord> {
    const key = request.idempotencyKey;
    const running = this.placing.get(key);
    if (running) return running;
    const attempt = this.guard(() => this.placeOnce(request)).finally(() => this.placing.delete(key));
    this.placing.set(key, attempt);
    return attempt;
  }

  cancelOrder(localId: string, reason: string | null): Promise<OrderRecord> {
    return this.guard(() => this.mall.cancel(localId, reason));
  }

  async close(): Promise<void> {
    await this.mall.close();
  }

  // ─────────────── internals ───────────────

  /** The key first (a retry returns the first order whatever its lines); then every line must be a product served here. */
  private async placeOnce(request: PlaceOrderRequest): Promise<OrderRecord> {
    const buyerNumber = normalizeBusinessNumber(request.buyer.businessNumber);
    if (buyerNumber === null) throw badInput(`Buyer business number ${JSON.stringify(request.buyer.businessNumber)} is not a valid 사업자등록번호`);
    const existing = await this.mall.orderByKey(request.idempotencyKey);
    if (existing) return existing;
    await this.refuseUnservedProducts(request);
    return this.mall.register(request, buyerNumber.replace(/-/g, ''));
  }

  /**
   * A code the mall knows but whose row the mapping refuses (an unmapped
   * unit…) is not a product of the network: ordering it is the caller's
   * mistake, refused before anything is written (one batched call).
   */
  private async refuseUnservedProducts(request: PlaceOrderRequest): Promise<void> {
    const ids = request.lines.map((line) => line.productLocalId);
    const served = await batchGet(ids, (asked) => this.mall.productsByCode(asked));
    const line = served.indexOf(null);
    if (line >= 0) throw badInput(`Unknown product ${ids[line]}`, { productId: ids[line], line });
  }

  /** Our errors pass; every legacy failure becomes COOPERATIVE_UNAVAILABLE with its reason. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      const reason = this.mall.failureOf(err);
      if (reason === null) throw err;
      this.ctx.log.warn({ cooperative: this.ctx.config.cooperative, kind: this.kind, reason }, 'legacy mall call failed');
      throw sbnetError('COOPERATIVE_UNAVAILABLE', { details: { cooperativeId: this.ctx.config.cooperative, reason } });
    }
  }
}

/**
 * One call for the whole batch; answers in input order, null for unknown
 * codes and for rows the mapping refused. Blank codes are unknown by
 * definition and not sent.
 */
async function batchGet<T extends { localId: string }>(localIds: readonly string[], fetch: (ids: readonly string[]) => Promise<T[]>): Promise<Array<T | null>> {
  const askable = [...new Set(localIds.filter((id) => id.trim() !== ''))];
  if (askable.length === 0) return localIds.map(() => null);
  const byId = new Map((await fetch(askable)).map((row) => [row.localId, row]));
  return localIds.map((id) => byId.get(id) ?? null);
}
