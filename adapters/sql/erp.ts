/**
 * The erp role over the same tables: stock from STOCK (one row per item and
 * warehouse), fulfilment and invoice from ORD_HDR. One query per batch.
 */
import { parseLegacyDate } from '../../core/domain/legacy';
import type { ErpAdapter, FulfillmentRecord, InventoryRecord } from '../../subgraphs/erp/port';
import type { SqlClient, SqlRow } from './dialect';
import { combineWarehouses, fulfillmentStatusOf, type WarehouseStock } from '../../subgraphs/erp/records';
import { isLegacyDay, optionalText, text, toInteger, type MappingContext } from './mapping';
import { fetchOrders, groupRows, type FetchedOrder } from './orders';
import { inList, raw, sql } from './sql';

export class SqlErp implements ErpAdapter {
  readonly kind: string;

  constructor(
    private readonly client: SqlClient,
    private readonly ctx: MappingContext,
  ) {
    this.kind = client.dialect.name;
  }

  async getInventory(productLocalIds: readonly string[]): Promise<Array<InventoryRecord | null>> {
    if (productLocalIds.length === 0) return [];
    const rows = await this.client.query(sql`
      SELECT s.ITEM_CD AS ITEM_CD, s.WH_NM AS WH_NM, s.ONHAND_QTY AS ONHAND_QTY, s.RSRV_QTY AS RSRV_QTY,
             s.LEAD_DAYS AS LEAD_DAYS, s.STK_DT AS STK_DT
      FROM STOCK s WHERE ${inList(raw('s.ITEM_CD'), [...new Set(productLocalIds)])}`);
    const byItem = groupRows(rows, (row) => text(row.ITEM_CD));
    return productLocalIds.map((id) => {
      const stocks = (byItem.get(id) ?? []).map((row) => this.warehouseStock(row)).filter((s): s is WarehouseStock => s !== null);
      return stocks.length ? combineWarehouses(stocks) : null;
    });
  }

  async getFulfillment(orderLocalIds: readonly string[]): Promise<Array<FulfillmentRecord | null>> {
    const fetched = await fetchOrders(this.client, orderLocalIds, this.ctx);
    return orderLocalIds.map((id) => {
      const found = fetched.get(id);
      return found ? this.fulfillmentOf(found) : null;
    });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  /** One STOCK row; unreadable quantities or dates drop the row (reported). */
  private warehouseStock(row: SqlRow): WarehouseStock | null {
    const onHand = toInteger(row.ONHAND_QTY);
    const reserved = toInteger(row.RSRV_QTY) ?? 0;
    const where = `STOCK ${text(row.ITEM_CD)}/${text(row.WH_NM)}`;
    if (onHand === null || !isLegacyDay(row.STK_DT)) {
      this.ctx.report({ row: where, reason: `ONHAND_QTY ${JSON.stringify(row.ONHAND_QTY)} or STK_DT ${JSON.stringify(row.STK_DT)} unreadable; stock row skipped` });
      return null;
    }
    if (reserved > onHand) this.ctx.report({ row: where, reason: `RSRV_QTY ${reserved} exceeds ONHAND_QTY ${onHand}; available shown as 0` });
    return {
      warehouse: optionalText(row.WH_NM),
      onHand,
      available: Math.max(0, onHand - reserved),
      leadTimeDays: toInteger(row.LEAD_DAYS),
      asOf: parseLegacyDate(row.STK_DT)!,
    };
  }

  private fulfillmentOf({ header, order }: FetchedOrder): FulfillmentRecord {
    const shippedAt = parseLegacyDate(header.SHIP_DTM);
    if (header.SHIP_DTM != null && header.SHIP_DTM !== '' && shippedAt === null) {
      this.ctx.report({ row: `ORD_HDR ${order.localId}`, reason: `SHIP_DTM ${JSON.stringify(header.SHIP_DTM)} is not a time; shippedAt left empty` });
    }
    const invoiceNo = optionalText(header.INV_NO);
    return {
      status: fulfillmentStatusOf(order.status, shippedAt !== null),
      shippedAt,
      carrier: optionalText(header.CARRIER_NM),
      trackingNumber: optionalText(header.TRACK_NO),
      // The ERP keeps no invoice date: a tax invoice is issued on supply, i.e. at shipping (else at order).
      invoice: invoiceNo === null ? null : { number: invoiceNo, issuedAt: shippedAt ?? order.orderedAt, total: order.total },
    };
  }
}

