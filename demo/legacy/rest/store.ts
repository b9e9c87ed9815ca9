/**
 * The state and business rules of the simulated REST shopping-mall API:
 * a mutable copy of a LegacyDataset, shown in the mall's own field names
 * (goodsNo, salePrc "12,000", updDt YYYYMMDD, bizrNo without hyphens, status
 * codes "10"…"90") and in its own row order, which is deliberately not the
 * network's code-point order. HTTP lives in server.ts.
 */
import type { LegacyDataset, LegacyMember, LegacyOrder, LegacyProduct } from '../../data/types';

/** A business error the mall answers with `resultCode ≠ 0000` (HTTP 200, as such systems do). */
export class MallError extends Error {
  constructor(
    readonly resultCode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export interface GoodsRow {
  goodsNo: string;
  goodsNm: string;
  goodsSpec: string;
  goodsDesc: string;
  ctgryCd: string;
  unitNm: string;
  salePrc: string;
  minOrdQty: string;
  barcode: string;
  vendorCd: string;
  stockQty: string;
  saleYn: 'Y' | 'N';
  updDt: string;
}

export interface VendorRow {
  vendorCd: string;
  vendorNm: string;
  bizrNo: string;
  ceoNm: string;
  areaNm: string;
  useYn: 'Y' | 'N';
}

export interface OrderItemRow {
  ordSeq: number;
  goodsNo: string;
  goodsNm: string;
  ordQty: string;
  ordPrc: string;
  ordAmt: string;
}

export interface OrderRow {
  ordNo: string;
  ordDt: string;
  ordStat: string;
  ordStatNm: string;
  buyerBizrNo: string;
  buyerNm: string;
  vendorCd: string;
  totAmt: string;
  clientOrderKey: string | null;
  itemList: OrderItemRow[];
  dlvCoNm: string | null;
  invcNo: string | null;
  dlvDt: string | null;
  cnclRsn: string | null;
}

/** The mall's status codes and labels. */
const STATUS: Record<LegacyOrder['status'], { code: string; label: string }> = {
  RECEIVED: { code: '10', label: '주문접수' },
  CONFIRMED: { code: '20', label: '주문확인' },
  SHIPPED: { code: '30', label: '배송중' },
  DELIVERED: { code: '40', label: '배송완료' },
  CANCELLED: { code: '90', label: '주문취소' },
};

/** `12000` → `"12,000"` (how the mall shows every amount). */
export function formatAmount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `YYYYMMDDHHmmss` of an instant in Asia/Seoul. */
function seoulTimestamp(date: Date): string {
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

export interface GoodsQuery {
  ctgryCd?: string[];
  vendorCd?: string;
}

export interface OrderQuery {
  ordStat?: string;
  vendorCd?: string;
  buyerBizrNo?: string;
  clientOrderKey?: string;
  /** YYYYMMDD, inclusive both. */
  fromDt?: string;
  toDt?: string;
}

export interface NewOrder {
  buyerBizrNo: string;
  buyerNm: string;
  clientOrderKey?: string | null;
  itemList: Array<{ goodsNo: string; ordQty: number }>;
}

export class MallStore {
  private readonly goods: Map<string, LegacyProduct>;
  private readonly vendors: Map<string, LegacyMember>;
  private readonly orders: Map<string, LegacyOrder & { cnclRsn?: string | null }>;

  constructor(dataset: LegacyDataset, private readonly now: () => Date = () => new Date()) {
    // A deep copy: orders placed here must not leak into the caller's dataset.
    const copy = structuredClone(dataset);
    this.goods = new Map(copy.products.map((p) => [p.code, p]));
    this.vendors = new Map(copy.members.map((m) => [m.code, m]));
    this.orders = new Map(copy.orders.map((o) => [o.code, o]));
  }

  /** The mall's default listing: newest update first, then by goods number (not code-point order of names). */
  listGoods(query: GoodsQuery): GoodsRow[] {
    return [...this.goods.values()]
      .filter((p) => (!query.ctgryCd || query.ctgryCd.includes(p.categoryCode)) && (!query.vendorCd || p.supplierCode === query.vendorCd))
      .sort((a, b) => b.updatedDate.localeCompare(a.updatedDate) || a.code.localeCompare(b.code, 'ko'))
      .map(goodsRow);
  }

  /** Batch lookup; unknown codes are simply absent, rows come in the mall's order, not the request's. */
  goodsByCodes(codes: readonly string[]): GoodsRow[] {
    const wanted = new Set(codes);
    return this.listGoods({}).filter((g) => wanted.has(g.goodsNo));
  }

  /** Vendors in Korean collation order (가나다 by the mall's locale, not code points). */
  listVendors(): VendorRow[] {
    return [...this.vendors.values()].sort((a, b) => a.name.localeCompare(b.name, 'ko-KR') || a.code.localeCompare(b.code)).map(vendorRow);
  }

  vendorsByCodes(codes: readonly string[]): VendorRow[] {
    const wanted = new Set(codes);
    return this.listVendors().filter((v) => wanted.has(v.vendorCd));
  }

  /** Newest orders first. */
  listOrders(query: OrderQuery): OrderRow[] {
    return [...this.orders.values()]
      .filter((o) => matchesOrderQuery(o, query))
      .sort((a, b) => b.orderedAt.localeCompare(a.orderedAt) || b.code.localeCompare(a.code))
      .map((o) => this.orderRow(o));
  }

  ordersByCodes(codes: readonly string[]): OrderRow[] {
    const wanted = new Set(codes);
    return this.listOrders({}).filter((o) => wanted.has(o.ordNo));
  }

  /** Creates an order priced from the mall's goods; a reused clientOrderKey is refused with 2001. */
  placeOrder(input: NewOrder): OrderRow {
    const key = input.clientOrderKey || null;
    const existing = key ? [...this.orders.values()].find((o) => o.idempotencyKey === key) : undefined;
    if (existing) throw new MallError('2001', '이미 접수된 주문키입니다', { ordNo: existing.code });
    const lines = this.priceLines(input.itemList);
    const at = this.now();
    const code = `ORD-${seoulTimestamp(at).slice(0, 8)}-${String(this.orders.size + 1).padStart(4, '0')}`;
    const order: LegacyOrder = {
      code: this.orders.has(code) ? `${code}-${this.orders.size}` : code,
      buyerBusinessNumber: input.buyerBizrNo,
      buyerName: input.buyerNm,
      supplierCode: this.goods.get(lines[0].productCode)!.supplierCode,
      lines,
      status: 'RECEIVED',
      orderedAt: seoulTimestamp(at),
      shippedAt: null,
      carrier: null,
      trackingNumber: null,
      invoiceNumber: null,
      idempotencyKey: key,
    };
    this.orders.set(order.code, order);
    return this.orderRow(order);
  }

  /** Cancels an order not yet shipped; cancelling twice is harmless. */
  cancelOrder(ordNo: string, reason: string | null): OrderRow {
    const order = this.orders.get(ordNo);
    if (!order) throw new MallError('1004', `주문번호 ${ordNo}이(가) 존재하지 않습니다`);
    if (order.status === 'SHIPPED' || order.status === 'DELIVERED') throw new MallError('3001', '배송이 시작된 주문은 취소할 수 없습니다');
    if (order.status !== 'CANCELLED') this.orders.set(ordNo, { ...order, status: 'CANCELLED', cnclRsn: reason });
    return this.orderRow(this.orders.get(ordNo)!);
  }

  private priceLines(items: NewOrder['itemList']): LegacyOrder['lines'] {
    if (!Array.isArray(items) || items.length === 0) throw new MallError('1001', '주문상품이 없습니다');
    return items.map((item) => {
      const goods = this.goods.get(String(item.goodsNo));
      if (!goods) throw new MallError('1002', `상품번호 ${item.goodsNo}이(가) 존재하지 않습니다`);
      if (!Number.isInteger(item.ordQty) || item.ordQty < 1) throw new MallError('1003', `주문수량이 올바르지 않습니다: ${item.ordQty}`);
      return { productCode: goods.code, quantity: item.ordQty, unitPrice: goods.price };
    });
  }

  private orderRow(o: LegacyOrder & { cnclRsn?: string | null }): OrderRow {
    const itemList = o.lines.map((l, i) => ({
      ordSeq: i + 1,
      goodsNo: l.productCode,
      goodsNm: this.goods.get(l.productCode)?.name ?? '',
      ordQty: String(l.quantity),
      ordPrc: formatAmount(l.unitPrice),
      ordAmt: formatAmount(l.unitPrice * l.quantity),
    }));
    const total = o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
    return {
      ordNo: o.code,
      ordDt: o.orderedAt,
      ordStat: STATUS[o.status].code,
      ordStatNm: STATUS[o.status].label,
      buyerBizrNo: o.buyerBusinessNumber.replace(/-/g, ''),
      buyerNm: o.buyerName,
      vendorCd: o.supplierCode,
      totAmt: `${formatAmount(total)}원`,
      clientOrderKey: o.idempotencyKey,
      itemList,
      dlvCoNm: o.carrier,
      invcNo: o.trackingNumber,
      dlvDt: o.shippedAt ? o.shippedAt.slice(0, 8) : null,
      cnclRsn: o.cnclRsn ?? null,
    };
  }
}

function goodsRow(p: LegacyProduct): GoodsRow {
  return {
    goodsNo: p.code,
    goodsNm: p.name,
    goodsSpec: p.spec,
    goodsDesc: p.description,
    ctgryCd: p.categoryCode,
    unitNm: p.unitWord,
    salePrc: formatAmount(p.price),
    minOrdQty: String(p.minOrderQuantity),
    barcode: p.gtin,
    vendorCd: p.supplierCode,
    stockQty: String(p.stockOnHand - p.stockReserved),
    saleYn: 'Y',
    updDt: p.updatedDate,
  };
}

function vendorRow(m: LegacyMember): VendorRow {
  return {
    vendorCd: m.code,
    vendorNm: m.name,
    // The mall stores 사업자등록번호 as bare digits, however it was typed in.
    bizrNo: m.businessNumber.replace(/-/g, ''),
    ceoNm: m.representative,
    areaNm: m.region,
    useYn: 'Y',
  };
}

function matchesOrderQuery(o: LegacyOrder, q: OrderQuery): boolean {
  if (q.ordStat && STATUS[o.status].code !== q.ordStat) return false;
  if (q.vendorCd && o.supplierCode !== q.vendorCd) return false;
  if (q.buyerBizrNo && o.buyerBusinessNumber.replace(/-/g, '') !== q.buyerBizrNo.replace(/-/g, '')) return false;
  if (q.clientOrderKey && o.idempotencyKey !== q.clientOrderKey) return false;
  if (q.fromDt && o.orderedAt.slice(0, 8) < q.fromDt) return false;
  if (q.toDt && o.orderedAt.slice(0, 8) > q.toDt) return false;
  return true;
}

export const STATUS_CODES: ReadonlyArray<string> = Object.values(STATUS).map((s) => s.code);
