/**
 * The marketplace port over a REST/JSON shopping-mall API. The mall can page
 * through lists and filter by category, vendor, order status and day; all
 * else (text search, prices, GTIN, the network's one sort order, keyset
 * paging, totals, stats) runs in memory with the shared engine (memory.ts)
 * over the mapped rows, so this adapter answers exactly like every other.
 */
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { badInput, sbnetError } from '../../core/errors';
import type { AdapterContext } from '../types';
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
import { LegacyCallError, LegacyResultError, type RestClient } from './client';
import { mapGoods, mapOrder, mapVendor, text, type MappingContext } from './mapping';
import { fetchAllRows, listOf } from './paging';
import { goodsParams, orderParams } from './pushdown';
import type { RestSettings } from './settings';
import { RESULT_CODES, type GoodsWire, type OrderWire, type VendorWire } from './wire';

const PATHS = {
  goods: '/api/v1/goods',
  vendors: '/api/v1/vendors',
  orders: '/api/v1/orders',
} as const;

/** One kind of mall entity: where it lives, its batch parameter and how a row maps. */
interface Entity<T> {
  path: string;
  batchParam: string;
  codeOf(row: unknown): string | null;
  map(row: unknown, ctx: MappingContext): T | null;
}

const GOODS: Entity<ProductRecord> = {
  path: PATHS.goods,
  batchParam: 'goodsNo',
  codeOf: (row) => text((row as GoodsWire | null)?.goodsNo),
  map: (row, ctx) => mapGoods((row ?? {}) as GoodsWire, ctx),
};
const VENDORS: Entity<SupplierRecord> = {
  path: PATHS.vendors,
  batchParam: 'vendorCd',
  codeOf: (row) => text((row as VendorWire | null)?.vendorCd),
  map: (row, ctx) => mapVendor((row ?? {}) as VendorWire, ctx),
};
const ORDERS: Entity<OrderRecord> = {
  path: PATHS.orders,
  batchParam: 'ordNo',
  codeOf: (row) => text((row as OrderWire | null)?.ordNo),
  map: (row, ctx) => mapOrder((row ?? {}) as OrderWire, ctx),
};

export class RestMarketplace implements MarketplaceAdapter {
  readonly kind = 'rest';
  /** placeOrder calls in flight by idempotency key: a retry racing the first call joins it. */
  private readonly placing = new Map<string, Promise<OrderRecord>>();

  constructor(
    private readonly client: RestClient,
    private readonly ctx: AdapterContext,
    private readonly settings: RestSettings,
  ) {}

  // ─────────────── search: fetch what the mall can narrow, the rest in memory ───────────────

  searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Promise<Page<ProductRecord>> {
    return this.guard(async () => pageRows(await this.loadProducts(request.filter), request, matchesProductFilter, productSortKey));
  }

  searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Promise<Page<SupplierRecord>> {
    return this.guard(async () => pageRows(await this.loadAll(VENDORS, {}), request, matchesSupplierFilter, supplierSortKey));
  }

  searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Promise<Page<OrderRecord>> {
    return this.guard(async () => pageRows(await this.loadAll(ORDERS, orderParams(request.filter)), request, matchesOrderFilter, orderSortKey));
  }

  // ─────────────── batched gets: one legacy call per invocation ───────────────

  getProducts(localIds: readonly string[]): Promise<Array<ProductRecord | null>> {
    return this.guard(() => this.batchGet(GOODS, localIds));
  }

  getSuppliers(localIds: readonly string[]): Promise<Array<SupplierRecord | null>> {
    return this.guard(() => this.batchGet(VENDORS, localIds));
  }

  getOrders(localIds: readonly string[]): Promise<Array<OrderRecord | null>> {
    return this.guard(() => this.batchGet(ORDERS, localIds));
  }

  // ─────────────── stats ───────────────

  productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): Promise<ProductStatsRow[]> {
    return this.guard(async () => {
      const needRegions = groupBy.includes('SUPPLIER_REGION');
      const [products, suppliers] = await Promise.all([this.loadProducts(filter), needRegions ? this.loadAll(VENDORS, {}) : []]);
      const regionById = new Map(suppliers.map((s) => [s.localId, s.region]));
      const regionOf = (p: ProductRecord) => (p.supplierLocalId ? regionById.get(p.supplierLocalId) ?? null : null);
      return productStatsOf(products, filter, groupBy, regionOf);
    });
  }

  orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): Promise<OrderStatsRow[]> {
    return this.guard(async () => {
      const needSegments = groupBy.includes('SEGMENT');
      const [orders, products] = await Promise.all([this.loadAll(ORDERS, orderParams(filter)), needSegments ? this.loadProducts({}) : []]);
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
    return this.guard(async () => {
      try {
        const envelope = await this.client.post(`${PATHS.orders}/${encodeURIComponent(localId)}/cancel`, { cnclRsn: reason ?? '' });
        return this.mapAnswer(envelope.data, ORDERS, `POST ${PATHS.orders}/…/cancel`);
      } catch (err) {
        if (isResult(err, RESULT_CODES.unknownOrder)) throw badInput(`Unknown order ${localId}`, { id: localId });
        if (isResult(err, RESULT_CODES.alreadyShipped)) throw badInput(`Order ${localId} has already shipped and can no longer be cancelled`, { id: localId });
        throw err;
      }
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  // ─────────────── internals ───────────────

  private async placeOnce(request: PlaceOrderRequest): Promise<OrderRecord> {
    const buyerNumber = normalizeBusinessNumber(request.buyer.businessNumber);
    if (buyerNumber === null) throw badInput(`Buyer business number ${JSON.stringify(request.buyer.businessNumber)} is not a valid 사업자등록번호`);
    const existing = await this.orderByKey(request.idempotencyKey);
    if (existing) return existing;
    try {
      const envelope = await this.client.post(PATHS.orders, {
        buyerBizrNo: buyerNumber.replace(/-/g, ''),
        buyerNm: request.buyer.name,
        clientOrderKey: request.idempotencyKey,
        itemList: request.lines.map((l) => ({ goodsNo: l.productLocalId, ordQty: l.quantity })),
      });
      return this.mapAnswer(envelope.data, ORDERS, `POST ${PATHS.orders}`);
    } catch (err) {
      return this.afterFailedPost(err, request);
    }
  }

  /** The mall's refusals: a key placed meanwhile (by another adapter instance) or the caller's mistakes. */
  private async afterFailedPost(err: unknown, request: PlaceOrderRequest): Promise<OrderRecord> {
    if (isResult(err, RESULT_CODES.duplicateOrderKey)) {
      const existing = await this.orderByKey(request.idempotencyKey);
      if (existing) return existing;
    }
    if (isResult(err, RESULT_CODES.unknownGoods) || isResult(err, RESULT_CODES.badQuantity) || isResult(err, RESULT_CODES.noItems)) {
      throw badInput(`The cooperative refused the order: ${(err as LegacyResultError).resultMsg}`);
    }
    throw err;
  }

  private async orderByKey(key: string): Promise<OrderRecord | null> {
    const envelope = await this.client.get(PATHS.orders, { clientOrderKey: key, page: 1, size: 1 });
    const rows = listOf(envelope, PATHS.orders);
    return rows.length ? this.mapAnswer(rows[0], ORDERS, `GET ${PATHS.orders}`) : null;
  }

  /** A row the mall just wrote must be readable; if not, the mall is not behaving. */
  private mapAnswer<T>(row: unknown, entity: Entity<T>, what: string): T {
    const mapped = row && typeof row === 'object' ? entity.map(row, this.ctx) : null;
    if (mapped === null) throw new LegacyCallError(`unreadable order in the answer to ${what}`);
    return mapped;
  }

  /** Products, narrowed by the mall where it can (category, vendor). */
  private async loadProducts(filter: ProductFilter): Promise<ProductRecord[]> {
    const params = goodsParams(filter, this.ctx.config.categories);
    return params === null ? [] : this.loadAll(GOODS, params);
  }

  private async loadAll<T>(entity: Entity<T>, params: Record<string, string | number | undefined>): Promise<T[]> {
    const rows = await fetchAllRows(this.client, entity.path, params, this.settings.pageSize, entity.codeOf);
    return rows.map((row) => entity.map(row, this.ctx)).filter((r): r is T => r !== null);
  }

  /**
   * One call for the whole batch; answers in input order, null for unknown
   * codes and for rows the mapping refused. Codes the mall's comma-separated
   * parameter cannot carry are unknown by definition and not sent.
   */
  private async batchGet<T extends { localId: string }>(entity: Entity<T>, localIds: readonly string[]): Promise<Array<T | null>> {
    const askable = [...new Set(localIds.filter((id) => id.trim() !== '' && !id.includes(',')))];
    if (askable.length === 0) return localIds.map(() => null);
    const envelope = await this.client.get(`${entity.path}/batch`, { [entity.batchParam]: askable.join(',') });
    const byId = new Map<string, T>();
    for (const row of listOf(envelope, entity.path)) {
      const mapped = entity.map(row, this.ctx);
      if (mapped) byId.set(mapped.localId, mapped);
    }
    return localIds.map((id) => byId.get(id) ?? null);
  }

  /** Our errors pass; every legacy failure becomes COOPERATIVE_UNAVAILABLE with its reason. */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof LegacyCallError || err instanceof LegacyResultError) {
        this.ctx.log.warn({ cooperative: this.ctx.config.cooperative, reason: err.message }, 'legacy mall call failed');
        throw sbnetError('COOPERATIVE_UNAVAILABLE', { details: { cooperativeId: this.ctx.config.cooperative, reason: err.message } });
      }
      throw err;
    }
  }
}

function isResult(err: unknown, code: string): boolean {
  return err instanceof LegacyResultError && err.resultCode === code;
}
