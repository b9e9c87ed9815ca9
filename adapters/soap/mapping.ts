/**
 * SOAP mall rows → the network's records, by the very rules the REST adapter
 * applies (adapters/rest/mapping.ts: which fields are required, which are
 * repaired to null, VAT, dates, UNSPSC, Rec 20, GTIN, 사업자등록번호). The
 * two malls differ only in names, so a SOAP row is renamed field by field to
 * the REST shape and mapped there; the reports of bad rows come back in the
 * SOAP mall's own names (`item P-1: SalePrice "가격문의" is not an amount`),
 * driven by the same tables, so a cooperative's IT person can find the row.
 */
import type { RowReport } from '../types';
import { mapGoods, mapOrder, mapVendor, text, type MappingContext } from '../rest/mapping';
import { ORDER_STATUS_CODE, type GoodsWire, type OrderItemWire as RestOrderItem, type OrderWire as RestOrder, type VendorWire } from '../rest/wire';
import type { OrderRecord, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import { listAt, type XmlNode } from './envelope';
import { ORDER_STATUS_BY_WORD, type ItemWire, type MemberWire, type OrderItemWire, type OrderWire } from './wire';

export type { MappingContext };

/** REST name → SOAP name, for the fields and the row word of one kind of row. */
type Names<Rest, Soap> = { readonly [K in keyof Required<Rest>]: keyof Soap & string };

const ITEM_FIELDS: Names<GoodsWire, ItemWire> = {
  goodsNo: 'ItemCd',
  goodsNm: 'ItemNm',
  goodsSpec: 'ItemSpec',
  goodsDesc: 'ItemDesc',
  ctgryCd: 'CtgrCd',
  unitNm: 'UnitNm',
  salePrc: 'SalePrice',
  minOrdQty: 'MinOrdQty',
  barcode: 'Barcode',
  vendorCd: 'VendorCd',
  updDt: 'UpdDate',
};

const MEMBER_FIELDS: Names<VendorWire, MemberWire> = {
  vendorCd: 'MemberCd',
  vendorNm: 'MemberNm',
  bizrNo: 'BizNo',
  ceoNm: 'CeoNm',
  areaNm: 'AreaNm',
};

const ORDER_FIELDS: Names<RestOrder, OrderWire> = {
  ordNo: 'OrderNo',
  ordDt: 'OrderDate',
  ordStat: 'OrderStatus',
  buyerBizrNo: 'BuyerBizNo',
  buyerNm: 'BuyerNm',
  vendorCd: 'VendorCd',
  clientOrderKey: 'ClientOrderKey',
  itemList: 'OrderItemList',
};

const ORDER_ITEM_FIELDS: Names<RestOrderItem, OrderItemWire> = { goodsNo: 'ItemCd', ordQty: 'OrderQty', ordPrc: 'UnitPrice' };

const STATUS_BY_WORD = new Map(Object.entries(ORDER_STATUS_BY_WORD));

const ITEM_TERMS = translator({ goods: 'item', ...ITEM_FIELDS });
const MEMBER_TERMS = translator({ vendor: 'member', ...MEMBER_FIELDS });
const ORDER_TERMS = translator({ ...ORDER_FIELDS, ...ORDER_ITEM_FIELDS });

export function mapItem(row: XmlNode, ctx: MappingContext): ProductRecord | null {
  return mapGoods(renamed<GoodsWire>(row, ITEM_FIELDS), inSoapTerms(ctx, ITEM_TERMS));
}

export function mapMember(row: XmlNode, ctx: MappingContext): SupplierRecord | null {
  return mapVendor(renamed<VendorWire>(row, MEMBER_FIELDS), inSoapTerms(ctx, MEMBER_TERMS));
}

export function mapOrderRow(row: XmlNode, ctx: MappingContext): OrderRecord | null {
  const order = renamed<RestOrder>(row, ORDER_FIELDS);
  // The status vocabulary is this mall's own (words, not codes), so it is checked here; REST's rules get its code.
  const code = text(order.ordNo);
  const word = text(order.ordStat);
  const status = word === null ? undefined : STATUS_BY_WORD.get(word);
  if (code !== null && !status) {
    ctx.report({ row: `order ${code}`, reason: `OrderStatus ${JSON.stringify(order.ordStat ?? null)} is not a known status word` });
    return null;
  }
  if (status) order.ordStat = ORDER_STATUS_CODE[status];
  order.itemList = listAt(order.itemList as XmlNode | undefined, 'OrderItem').map((item) => renamed<RestOrderItem>(item, ORDER_ITEM_FIELDS));
  return mapOrder(order, inSoapTerms(ctx, ORDER_TERMS));
}

/** The code of a row, for de-duplicating pages before mapping. */
export function codeOf(row: XmlNode, field: 'ItemCd' | 'MemberCd' | 'OrderNo'): string | null {
  return row && typeof row === 'object' && !Array.isArray(row) ? text(row[field]) : null;
}

/** The REST-shaped row: each REST field takes the value of its SOAP field (non-object rows read as empty). */
function renamed<Rest>(row: XmlNode | undefined, names: Readonly<Record<string, string>>): Rest {
  const source = row && typeof row === 'object' && !Array.isArray(row) ? row : {};
  const out: Record<string, unknown> = {};
  for (const [rest, soap] of Object.entries(names)) out[rest] = source[soap];
  return out as Rest;
}

/** Rewrites REST names (whole words) into SOAP ones. */
function translator(names: Readonly<Record<string, string>>): (s: string) => string {
  const pattern = new RegExp(`\\b(${Object.keys(names).join('|')})\\b`, 'g');
  return (s) => s.replace(pattern, (name) => names[name]);
}

/** A mapping context whose reports name the SOAP row kind and fields instead of the REST ones. */
function inSoapTerms(ctx: MappingContext, translate: (s: string) => string): MappingContext {
  return { config: ctx.config, report: (issue: RowReport) => ctx.report({ row: translate(issue.row), reason: translate(issue.reason) }) };
}
