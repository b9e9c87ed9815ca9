/**
 * The marketplace port over a SOAP/XML shopping-mall service in EUC-KR: the
 * shared mall marketplace (adapters/shared/mallMarketplace.ts) over this
 * mall's operations. The mall can page through its lists, narrow items by
 * category and look orders up by client order key; the rest runs in memory.
 */
import { badInput } from '../../core/errors';
import type { OrderRecord, PlaceOrderRequest, ProductFilter, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import { MallMarketplace, type Mall } from '../shared/mallMarketplace';
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

export class SoapMarketplace extends MallMarketplace {
  constructor(client: SoapClient, ctx: AdapterContext, settings: SoapSettings) {
    super('soap', new SoapMall(client, ctx, settings), ctx);
  }
}

class SoapMall implements Mall {
  constructor(
    private readonly client: SoapClient,
    private readonly ctx: AdapterContext,
    private readonly settings: SoapSettings,
  ) {}

  /** Narrowed by the mall where it can (category codes). */
  async products(filter: ProductFilter): Promise<ProductRecord[]> {
    const codes = categoryCodesFor(filter, this.ctx.config.categories);
    if (codes?.length === 0) return [];
    return this.loadAll(ITEMS, codes ? { CategoryCode: codes } : {});
  }

  suppliers(): Promise<SupplierRecord[]> {
    return this.loadAll(MEMBERS, {});
  }

  /** The mall filters orders by nothing but the client order key. */
  orders(): Promise<OrderRecord[]> {
    return this.loadAll(ORDERS, {});
  }

  productsByCode(localIds: readonly string[]): Promise<ProductRecord[]> {
    return this.byCode(ITEMS, localIds);
  }

  suppliersByCode(localIds: readonly string[]): Promise<SupplierRecord[]> {
    return this.byCode(MEMBERS, localIds);
  }

  ordersByCode(localIds: readonly string[]): Promise<OrderRecord[]> {
    return this.byCode(ORDERS, localIds);
  }

  async orderByKey(key: string): Promise<OrderRecord | null> {
    const rows = rowsOf(await this.client.call('GetOrderList', { PageNo: 1, PageSize: 1, ClientOrderKey: key }), ORDERS);
    return rows.length ? this.mapAnswer(rows[0], 'GetOrderList') : null;
  }

  async register(request: PlaceOrderRequest, buyerDigits: string): Promise<OrderRecord> {
    try {
      const result = await this.client.call('RegisterOrder', {
        ClientOrderKey: request.idempotencyKey,
        BuyerBizNo: buyerDigits,
        BuyerNm: request.buyer.name,
        OrderItemList: { OrderItem: request.lines.map((l) => ({ ItemCd: l.productLocalId, OrderQty: l.quantity })) },
      });
      return this.orderOf(result, 'RegisterOrder');
    } catch (err) {
      return this.afterFailedRegister(err, request);
    }
  }

  async cancel(localId: string, reason: string | null): Promise<OrderRecord> {
    try {
      return this.orderOf(await this.client.call('CancelOrder', { OrderNo: localId, CancelReason: reason ?? undefined }), 'CancelOrder');
    } catch (err) {
      if (isFault(err, FAULT_CODES.unknownOrder)) throw badInput(`Unknown order ${localId}`, { id: localId });
      if (isFault(err, FAULT_CODES.alreadyShipped)) throw badInput(`Order ${localId} has already shipped and can no longer be cancelled`, { id: localId });
      throw err;
    }
  }

  /** A Fault's faultstring, or the transport's reason. */
  failureOf(err: unknown): string | null {
    if (err instanceof SoapFault) return err.faultstring || `SOAP Fault ${err.faultcode}`;
    return err instanceof SoapCallError ? err.message : null;
  }

  async close(): Promise<void> {
    await this.client.close();
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

  /** The `<Order>` of a RegisterOrder/CancelOrder answer. */
  private orderOf(result: XmlObject, operation: Operation): OrderRecord {
    return this.mapAnswer(result.Order, operation);
  }

  /** An order the mall just wrote or found must be readable; if not, the mall is not behaving. */
  private mapAnswer(row: XmlNode | undefined, operation: Operation): OrderRecord {
    const only = Array.isArray(row) ? row[0] : row;
    const mapped = only && typeof only === 'object' ? ORDERS.map(only, this.ctx) : null;
    if (mapped === null) throw new SoapCallError(`unreadable order in the answer to ${operation}`);
    return mapped;
  }

  private async loadAll<T>(entity: Entity<T>, params: SoapParams): Promise<T[]> {
    const rows = await fetchAllRows(this.client, entity, params, this.settings.pageSize);
    return rows.map((row) => entity.map(row, this.ctx)).filter((r): r is T => r !== null);
  }

  private async byCode<T>(entity: Entity<T>, localIds: readonly string[]): Promise<T[]> {
    const result = await this.client.call(entity.batch, { [entity.batchParam]: localIds });
    return rowsOf(result, entity).map((row) => entity.map(row, this.ctx)).filter((r): r is T => r !== null);
  }
}

function isFault(err: unknown, errorCode: string): boolean {
  return err instanceof SoapFault && err.errorCode === errorCode;
}
