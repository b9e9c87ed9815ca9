/**
 * What a nightly ERP export looks like to this adapter: which files, which
 * columns (under the header spellings Korean ERPs use), and the ERP's order
 * status words. Everything that needs translating lives here; the parsing
 * and indexing modules only name columns.
 */
import type { OrderStatus } from '../../subgraphs/marketplace/port';

export type Column =
  | 'itemCode' | 'warehouse' | 'onHand' | 'reserved' | 'leadTimeDays' | 'stockDate'
  | 'orderNo' | 'orderedAt' | 'status' | 'invoiceNo' | 'supplyAmount' | 'vatAmount' | 'totalAmount'
  | 'shippedAt' | 'carrier' | 'trackingNo';

export type ExportFileKey = 'items' | 'stock' | 'orders' | 'shipments';

export interface ExportFileSpec {
  key: ExportFileKey;
  name: string;
  /** Without it there is no export to load (the set is incomplete). */
  required: boolean;
  /** Columns the header must name; the file is unreadable without them. */
  columns: readonly Column[];
  optional: readonly Column[];
}

export const EXPORT_FILES: readonly ExportFileSpec[] = [
  { key: 'items', name: 'items.csv', required: true, columns: ['itemCode'], optional: [] },
  { key: 'stock', name: 'stock.csv', required: true, columns: ['itemCode', 'onHand'], optional: ['warehouse', 'reserved', 'leadTimeDays', 'stockDate'] },
  {
    key: 'orders',
    name: 'orders.csv',
    required: false,
    columns: ['orderNo', 'orderedAt', 'status'],
    // Some ERPs put the shipping columns in the order file itself.
    optional: ['invoiceNo', 'supplyAmount', 'vatAmount', 'totalAmount', 'shippedAt', 'carrier', 'trackingNo'],
  },
  { key: 'shipments', name: 'shipments.csv', required: false, columns: ['orderNo', 'shippedAt'], optional: ['carrier', 'trackingNo'] },
];

/** Header spellings, compared after `normalizeHeader` (Korean, ECOUNT-style and table-style names). */
const HEADER_ALIASES: Record<Column, readonly string[]> = {
  itemCode: ['품목코드', '품번', '품목번호', '상품코드', '제품코드', 'itemcd', 'itemcode', 'prodcd', 'goodscd', 'goodscode'],
  warehouse: ['창고', '창고명', '보관창고', '창고코드', 'whnm', 'whcd', 'warehouse'],
  onHand: ['현재고', '현재고수량', '재고수량', '재고량', '재고', 'onhandqty', 'onhand', 'balqty', 'stockqty'],
  reserved: ['예약수량', '예약재고', '할당수량', '출고예정수량', 'rsrvqty', 'reservedqty', 'reserved'],
  leadTimeDays: ['리드타임', '리드타임일', '조달기간', '조달기간일', '납기일수', 'leaddays', 'leadtime', 'leadtimedays'],
  stockDate: ['재고일자', '기준일자', '재고기준일', '재고기준일자', 'stkdt', 'stockdate', 'iodate'],
  orderNo: ['주문번호', '수주번호', '오더번호', 'ordno', 'orderno'],
  orderedAt: ['주문일시', '주문일자', '수주일시', '수주일자', 'orddtm', 'orddt', 'orderdate'],
  status: ['주문상태', '진행상태', '처리상태', '상태', 'ordstat', 'status'],
  invoiceNo: ['계산서번호', '세금계산서번호', '전자세금계산서승인번호', '승인번호', 'invno', 'invoiceno'],
  supplyAmount: ['공급가액', 'supplyamt'],
  vatAmount: ['세액', '부가세', '부가세액', 'vatamt'],
  totalAmount: ['합계금액', '합계', '총금액', '총액', 'totalamt'],
  shippedAt: ['출고일시', '출고일자', '발송일시', '발송일자', '배송일자', 'shipdtm', 'shipdt', 'shipdate'],
  carrier: ['택배사', '운송사', '택배업체', '배송업체', 'carriernm', 'carrier'],
  trackingNo: ['송장번호', '운송장번호', 'trackno', 'trackingno'],
};

/** `리드타임(일)`, `ITEM_CD`, ` 품목 코드 *` → `리드타임일`, `itemcd`, `품목코드`. */
export function normalizeHeader(cell: string): string {
  return cell.normalize('NFC').toLowerCase().replace(/[\s_\-.()/[\]*]/g, '');
}

/** The position of `column` in a header row, or undefined. */
export function columnIndex(header: readonly string[], column: Column): number | undefined {
  const names = header.map(normalizeHeader);
  const index = names.findIndex((name) => HEADER_ALIASES[column].includes(name));
  return index < 0 ? undefined : index;
}

/** The usual Korean name of a column, for messages. */
export function columnLabel(column: Column): string {
  return HEADER_ALIASES[column][0];
}

/** Order status words seen in ERP exports → the network's order status. */
const ORDER_STATUS_BY_WORD: Readonly<Record<string, OrderStatus>> = {
  접수: 'RECEIVED',
  주문접수: 'RECEIVED',
  확정: 'CONFIRMED',
  주문확정: 'CONFIRMED',
  출고: 'SHIPPED',
  출고완료: 'SHIPPED',
  배송중: 'SHIPPED',
  배송완료: 'DELIVERED',
  납품완료: 'DELIVERED',
  취소: 'CANCELLED',
  주문취소: 'CANCELLED',
};

export function orderStatusOf(word: string): OrderStatus | null {
  const key = word.normalize('NFC').replace(/\s/g, '');
  return Object.hasOwn(ORDER_STATUS_BY_WORD, key) ? ORDER_STATUS_BY_WORD[key] : null;
}
