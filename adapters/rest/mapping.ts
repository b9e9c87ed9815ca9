/**
 * REST mall rows → the network's records, by the rules every mall shares
 * (adapters/shared/mallMapping.ts), under this mall's field names, which the
 * reports of bad rows use (`goods P-1: salePrc "가격문의" is not an amount`).
 */
import { mapOrderRow, mapProductRow, mapSupplierRow, type MappingContext, type OrderNames, type ProductField, type RowNames, type SupplierField } from '../shared/mallMapping';
import type { OrderRecord, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import { ORDER_STATUS_BY_CODE, type GoodsWire, type OrderItemWire, type OrderWire, type VendorWire } from './wire';

export { text, type MappingContext } from '../shared/mallMapping';

const GOODS: RowNames<ProductField, keyof GoodsWire> = {
  row: 'goods',
  fields: {
    code: 'goodsNo', name: 'goodsNm', spec: 'goodsSpec', description: 'goodsDesc', category: 'ctgryCd', unit: 'unitNm',
    price: 'salePrc', minOrderQuantity: 'minOrdQty', barcode: 'barcode', supplier: 'vendorCd', updated: 'updDt',
  },
};

const VENDORS: RowNames<SupplierField, keyof VendorWire> = {
  row: 'vendor',
  fields: { code: 'vendorCd', name: 'vendorNm', businessNumber: 'bizrNo', representative: 'ceoNm', region: 'areaNm' },
};

const ORDERS: OrderNames<keyof OrderWire, keyof OrderItemWire> = {
  row: 'order',
  fields: {
    code: 'ordNo', orderedAt: 'ordDt', status: 'ordStat', buyerBusinessNumber: 'buyerBizrNo', buyerName: 'buyerNm',
    supplier: 'vendorCd', clientOrderKey: 'clientOrderKey', lines: 'itemList',
  },
  lineFields: { product: 'goodsNo', quantity: 'ordQty', unitPrice: 'ordPrc' },
  statuses: ORDER_STATUS_BY_CODE,
  statusNoun: 'code',
  linesOf: (itemList) => itemList,
};

export function mapGoods(g: GoodsWire, ctx: MappingContext): ProductRecord | null {
  return mapProductRow(g, GOODS, ctx);
}

export function mapVendor(v: VendorWire, ctx: MappingContext): SupplierRecord | null {
  return mapSupplierRow(v, VENDORS, ctx);
}

export function mapOrder(o: OrderWire, ctx: MappingContext): OrderRecord | null {
  return mapOrderRow(o, ORDERS, ctx);
}
