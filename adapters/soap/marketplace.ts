/**
 * The marketplace port over a SOAP/XML shopping-mall service in EUC-KR. The
 * mall can page through its lists, narrow items by category and look orders
 * up by client order key; all else (text search, prices, GTIN, suppliers,
 * the network's one sort order, keyset paging, totals, stats) runs in memory
 * with the shared engine (memory.ts) over the mapped rows, so this adapter
 * answers exactly like every other.
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
import { SoapCallError, SoapFault, type SoapClient } from './client';
import type { SoapParams, XmlNode, XmlObject } from './envelope';
import { codeOf, mapItem, mapMember, mapOrderRow, type MappingContext } from './mapping';
import { fetchAllRows, rowsOf, type ListShape } from './paging';
import { categoryCodesFor } from './pushdown';
import type { SoapSettings } from './settings';
import { FAULT_CODES, type Operation } from './wire';

/** One kind of mall entity: its list operation and rows, its batch operation and how a row maps. */
interface Entity<T> extends ListShape {
  batch: Operation;
  /** The repeated element carrying the codes of a batch request. */
  batchParam: string;
  map(row: XmlNode, ctx: MappingContext): T | null;
}

const ITEMS: Entity<ProductRecord> = {
  operation: 'GetItemList', list: 'ItemList', row: 'Item', batch: 'GetItemsByCode', batchParam: 'ItemCd',
  codeOf: (row) => codeOf(row, 'ItemCd'),
  map: mapItem,
};
const MEMBERS: Entity<SupplierRecord> = {
  operation: 'GetMemberList', list: 'MemberList', row: 'Member', batch: 'GetMembersByCode', batchParam: 'MemberCd',
  codeOf: (row) => codeOf(row, 'MemberCd'),
  map: mapMember,
};
const ORDERS: Entity<OrderRecord> = {
  operation: 'GetOrderList', list: 'OrderList', row: 'Order', batch: 'GetOrdersByNo', batchParam: 'OrderNo',
  codeOf: (row) => codeOf(row, 'OrderNo'),
  map: mapOrderRow,
};

export class SoapMarketplace implements MarketplaceAdapter {
  readonly kind = 'soap';
  /** placeOrder calls in flight by idempotency key: a retry racing the first call joins it. */
  private readonly placing = new Map<string, Promise<OrderRecord>>();

  constructor(
    private readonly client: SoapClient,
    private readonly ctx: AdapterContext,
    private readonly settings: SoapSettings,
  ) {}

  // ─────────────── search: fetch what the mall can narrow, the rest in memory ───────────────

  searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Promise<Page<ProductRecord>> {
    return this.guard(async () => pageRows(await this.loadProducts(request.filter), request, matchesProductFilter, productSortKey));
  }

  searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Promise<Page<SupplierRecord>> {
    return this.guard(async () => pageRows(await this.loadAll(MEMBERS, {}), request, matchesSupplierFilter, supplierSortKey));
  }

  searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Promise<Page<OrderRecord>> {
    return this.guard(async () => pageRows(await this.loadAll(ORDERS, {}), request, matchesOrderFilter, orderSortKey));
  }

  // ─────────────── batched gets: one legacy call per invocation ───────────────

  getProducts(localIds: readonly string[]): Promise<Array<ProductRecord | null>> {
    return this.guard(() => this.batchGet(ITEMS, localIds));
  }

  getSuppliers(localIds: readonly string[]): Promise<Array<SupplierRecord | null>> {
    return this.guard(() => this.batchGet(MEMBERS, localIds));
  }

  getOrders(localIds: readonly string[]): Promise<Array<OrderRecord | null>> {
    return this.guard(() => this.batchGet(ORDERS, localIds));
  }

  // ─────────────── stats ───────────────

  productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): Promise<ProductStatsRow[]> {
    return this.guard(async () => {
      const needRegions = groupBy.includes('SUPPLIER_REGION');
      const [products, suppliers] = await Promise.all([this.loadProducts(filter), needRegions ? this.loadAll(MEMBERS, {}) : []]);
      const regionById = new Map(suppliers.map((s) => [s.localId, s.region]));
      const regionOf = (p: ProductRecord) => (p.supplierLocalId ? regionById.get(p.supplierLocalId) ?? null : null);
      return productStatsOf(products, filter, groupBy, regionOf);
    });
  }

  orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): Promise<OrderStatsRow[]> {
    return this.guard(async () => {
      const needSegments = groupBy.includes('SEGMENT');
      const [orders, products] = await Promise.all([this.loadAll(ORDERS, {}), needSegments ? this.loadProducts({}) : []]);
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
        return this.orderOf(await this.client.call('CancelOrder', { OrderNo: localId, CancelReason: reason ?? undefined }), 'CancelOrder');
      } catch (err) {
        if (isFault(err, FAULT_CODES.unknownOrder)) throw badInput(`Unknown order ${localId}`, { id: localId });
        if (isFault(err, FAULT_CODES.alreadyShipped)) throw badInput(`Order ${localId} has already shipped and can no longer be cancelled`, { id: localId });
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
      const result = await this.client.call('RegisterOrder', {
        ClientOrderKey: request.idempotencyKey,
        BuyerBizNo: buyerNumber.replace(/-/g, ''),
        BuyerNm: request.buyer.name,
        OrderItemList: { OrderItem: request.lines.map((l) => ({ ItemCd: l.productLocalId, OrderQty: l.quantity })) },
      });
      return this.orderOf(result, 'RegisterOrder');
    } catch (err) {
      return this.afterFailedRegister(err, request);
    }
  }

  /** The mall's refusals: a key registered meanwhile (by another adapter instance) or the caller's mistakes. */
  private async afterFailedRegister(err: unknown, request: PlaceOrderRequest): Promise<OrderRecord> {
    if (isFault(err, FAULT_CODES.duplicateOrderKey)) {
      const existing = await this.orderByKey(request.idempotencyKey);
      if (existing) return existing;
    }
    if (isFault(err, FAULT_CODES.unknownItem) || isFault(err, FAULT_CODES.badQuantity) || isFault(err, FAULT_CODES.noItems)) {
      throw badInput(`The cooperative refused the order: ${(err as SoapFault).faultstring}`);
    }
    throw err;
  }

  private async orderByKey(key: string): Promise<OrderRecord | null> {
    const rows = rowsOf(await this.client.call('GetOrderList', { PageNo: 1, PageSize: 1, ClientOrderKey: key }), ORDERS);
    return rows.length ? this.mapAnswer(rows[0], ORDERS, 'GetOrderList') : null;
  }

  /** The `<Order>` of a RegisterOrder/CancelOrder answer. */
  private orderOf(result: XmlObject, operation: Operation): OrderRecord {
    return this.mapAnswer(result.Order, ORDERS, operation);
  }

  /** A row the mall just wrote must be readable; if not, the mall is not behaving. */
  private mapAnswer<T>(row: XmlNode | undefined, entity: Entity<T>, operation: Operation): T {
    const only = Array.isArray(row) ? row[0] : row;
    const mapped = only && typeof only === 'object' ? entity.map(only, this.ctx) : null;
    if (mapped === null) throw new SoapCallError(`unreadable order in the answer to ${operation}`);
    return mapped;
  }

  /** Products, narrowed by the mall where it can (category codes). */
  private async loadProducts(filter: ProductFilter): Promise<ProductRecord[]> {
    const codes = categoryCodesFor(filter, this.ctx.config.categories);
    if (codes?.length === 0) return [];
    return this.loadAll(ITEMS, codes ? { CategoryCode: codes } : {});
  }

  private async loadAll<T>(entity: Entity<T>, params: SoapParams): Promise<T[]> {
    const rows = await fetchAllRows(this.client, entity, params, this.settings.pageSize);
    return rows.map((row) => entity.map(row, this.ctx)).filter((r): r is T => r !== null);
  }

  /**
   * One call for the whole batch; answers in input order, null for unknown
   * codes and for rows the mapping refused. Empty codes are unknown by
   * definition and not sent.
   */
  private async batchGet<T extends { localId: string }>(entity: Entity<T>, localIds: readonly string[]): Promise<Array<T | null>> {
    const askable = [...new Set(localIds.filter((id) => id.trim() !== ''))];
    if (askable.length === 0) return localIds.map(() => null);
    const result = await this.client.call(entity.batch, { [entity.batchParam]: askable });
    const byId = new Map<string, T>();
    for (const row of rowsOf(result, entity)) {
      const mapped = entity.map(row, this.ctx);
      if (mapped) byId.set(mapped.localId, mapped);
    }
    return localIds.map((id) => byId.get(id) ?? null);
  }

  /** Our errors pass; every legacy failure becomes COOPERATIVE_UNAVAILABLE with its reason (a Fault's faultstring). */
  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof SoapFault || err instanceof SoapCallError) {
        const reason = err instanceof SoapFault ? err.faultstring || `SOAP Fault ${err.faultcode}` : err.message;
        this.ctx.log.warn({ cooperative: this.ctx.config.cooperative, reason }, 'legacy SOAP call failed');
        throw sbnetError('COOPERATIVE_UNAVAILABLE', { details: { cooperativeId: this.ctx.config.cooperative, reason } });
      }
      throw err;
    }
  }
}

function isFault(err: unknown, errorCode: string): boolean {
  return err instanceof SoapFault && err.errorCode === errorCode;
}
