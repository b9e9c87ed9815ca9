/**
 * SOAP mall rows → the network's records, by the rules every mall shares
 * (adapters/shared/mallMapping.ts: which fields are required, which are
 * repaired to null, VAT, dates, UNSPSC, Rec 20, GTIN, 사업자등록번호), under
 * this mall's element names, which the reports of bad rows use
 * (`item P-1: SalePrice "가격문의" is not an amount`), so a cooperative's IT
 * person can find the row.
 */
import { mapOrderRow as mapOrderFields, mapProductRow, mapSupplierRow, text, type MappingContext, type OrderNames, type ProductField, type RowNames, type SupplierField } from '../shared/mallMapping';
import type { OrderRecord, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import { listAt, type XmlNode } from './envelope';
import { ORDER_STATUS_BY_WORD, type ItemWire, type MemberWire, type OrderItemWire, type OrderWire } from './wire';

export type { MappingContext };

const ITEMS: RowNames<ProductField, keyof ItemWire> = {
  row: 'item',
  fields: {
    code: 'ItemCd', name: 'ItemNm', spec: 'ItemSpec', description: 'ItemDesc', category: 'CtgrCd', unit: 'UnitNm',
    price: 'SalePrice', minOrderQuantity: 'MinOrdQty', barcode: 'Barcode', supplier: 'VendorCd', updated: 'UpdDate',
  },
};

const MEMBERS: RowNames<SupplierField, keyof MemberWire> = {
  row: 'member',
  fields: { code: 'MemberCd', name: 'MemberNm', businessNumber: 'BizNo', representative: 'CeoNm', region: 'AreaNm' },
};

const ORDERS: OrderNames<keyof OrderWire, keyof OrderItemWire> = {
  row: 'order',
  fields: {
    code: 'OrderNo', orderedAt: 'OrderDate', status: 'OrderStatus', buyerBusinessNumber: 'BuyerBizNo', buyerName: 'BuyerNm',
    supplier: 'VendorCd', clientOrderKey: 'ClientOrderKey', lines: 'OrderItemList',
  },
  lineFields: { product: 'ItemCd', quantity: 'OrderQty', unitPrice: 'UnitPrice' },
  statuses: ORDER_STATUS_BY_WORD,
  statusNoun: 'word',
  // `<OrderItemList><OrderItem>…</OrderItem>…</OrderItemList>`: one line parses as an element, several as a list.
  linesOf: (list) => listAt(list as XmlNode | undefined, 'OrderItem'),
};

export function mapItem(row: XmlNode, ctx: MappingContext): ProductRecord | null {
  return mapProductRow(row, ITEMS, ctx);
}

export function mapMember(row: XmlNode, ctx: MappingContext): SupplierRecord | null {
  return mapSupplierRow(row, MEMBERS, ctx);
}

export function mapOrderRow(row: XmlNode, ctx: MappingContext): OrderRecord | null {
  return mapOrderFields(row, ORDERS, ctx);
}

/** The code of a row, for de-duplicating pages before mapping. */
export function codeOf(row: XmlNode, field: 'ItemCd' | 'MemberCd' | 'OrderNo'): string | null {
  return row && typeof row === 'object' && !Array.isArray(row) ? text(row[field]) : null;
}
