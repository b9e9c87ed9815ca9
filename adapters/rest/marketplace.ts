/**
 * The marketplace port over a REST/JSON shopping-mall API: the shared mall
 * marketplace (adapters/shared/mallMarketplace.ts) over this mall's calls.
 * The mall can page through lists and filter by category, vendor, order
 * status and day; the rest runs in memory.
 */
import { badInput } from '../../core/errors';
import type { OrderFilter, OrderRecord, PlaceOrderRequest, ProductFilter, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import { MallMarketplace, type Mall } from '../shared/mallMarketplace';
import type { AdapterContext } from '../types';
import { LegacyCallError, LegacyResultError, type QueryParams, type RestClient } from './client';
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

export class RestMarketplace extends MallMarketplace {
  constructor(client: RestClient, ctx: AdapterContext, settings: RestSettings) {
    super('rest', new RestMall(client, ctx, settings), ctx);
  }
}

class RestMall implements Mall {
  constructor(
    private readonly client: RestClient,
    private readonly ctx: AdapterContext,
    private readonly settings: RestSettings,
  ) {}

  /** Narrowed by the mall where it can (category, vendor). */
  async products(filter: ProductFilter): Promise<ProductRecord[]> {
    const params = goodsParams(filter, this.ctx.config.categories);
    return params === null ? [] : this.loadAll(GOODS, params);
  }

  suppliers(): Promise<SupplierRecord[]> {
    return this.loadAll(VENDORS, {});
  }

  orders(filter: OrderFilter): Promise<OrderRecord[]> {
    return this.loadAll(ORDERS, orderParams(filter));
  }

  productsByCode(localIds: readonly string[]): Promise<ProductRecord[]> {
    return this.byCode(GOODS, localIds);
  }

  suppliersByCode(localIds: readonly string[]): Promise<SupplierRecord[]> {
    return this.byCode(VENDORS, localIds);
  }

  ordersByCode(localIds: readonly string[]): Promise<OrderRecord[]> {
    return this.byCode(ORDERS, localIds);
  }

  async orderByKey(key: string): Promise<OrderRecord | null> {
    const envelope = await this.client.get(PATHS.orders, { clientOrderKey: key, page: 1, size: 1 });
    const rows = listOf(envelope, PATHS.orders);
    return rows.length ? this.mapAnswer(rows[0], `GET ${PATHS.orders}`) : null;
  }

  async register(request: PlaceOrderRequest, buyerDigits: string): Promise<OrderRecord> {
    try {
      const envelope = await this.client.post(PATHS.orders, {
        buyerBizrNo: buyerDigits,
        buyerNm: request.buyer.name,
        clientOrderKey: request.idempotencyKey,
        itemList: request.lines.map((l) => ({ goodsNo: l.productLocalId, ordQty: l.quantity })),
      });
      return this.mapAnswer(envelope.data, `POST ${PATHS.orders}`);
    } catch (err) {
      return this.afterFailedPost(err, request);
    }
  }

  async cancel(localId: string, reason: string | null): Promise<OrderRecord> {
    try {
      const envelope = await this.client.post(`${PATHS.orders}/${encodeURIComponent(localId)}/cancel`, { cnclRsn: reason ?? '' });
      return this.mapAnswer(envelope.data, `POST ${PATHS.orders}/…/cancel`);
    } catch (err) {
      if (isResult(err, RESULT_CODES.unknownOrder)) throw badInput(`Unknown order ${localId}`, { id: localId });
      if (isResult(err, RESULT_CODES.alreadyShipped)) throw badInput(`Order ${localId} has already shipped and can no longer be cancelled`, { id: localId });
      throw err;
    }
  }

  failureOf(err: unknown): string | null {
    return err instanceof LegacyCallError || err instanceof LegacyResultError ? err.message : null;
  }

  async close(): Promise<void> {
    await this.client.close();
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

  /** An order the mall just wrote or found must be readable; if not, the mall is not behaving. */
  private mapAnswer(row: unknown, what: string): OrderRecord {
    const mapped = row && typeof row === 'object' ? ORDERS.map(row, this.ctx) : null;
    if (mapped === null) throw new LegacyCallError(`unreadable order in the answer to ${what}`);
    return mapped;
  }

  private async loadAll<T>(entity: Entity<T>, params: QueryParams): Promise<T[]> {
    const rows = await fetchAllRows(this.client, entity.path, params, this.settings.pageSize, entity.codeOf);
    return rows.map((row) => entity.map(row, this.ctx)).filter((r): r is T => r !== null);
  }

  /** One call; codes the mall's comma-separated parameter cannot carry are unknown by definition and not sent. */
  private async byCode<T>(entity: Entity<T>, localIds: readonly string[]): Promise<T[]> {
    const askable = localIds.filter((id) => !id.includes(','));
    if (askable.length === 0) return [];
    const envelope = await this.client.get(`${entity.path}/batch`, { [entity.batchParam]: askable.join(',') });
    return listOf(envelope, entity.path).map((row) => entity.map(row, this.ctx)).filter((r): r is T => r !== null);
  }
}

function isResult(err: unknown, code: string): boolean {
  return err instanceof LegacyResultError && err.resultCode === code;
}
