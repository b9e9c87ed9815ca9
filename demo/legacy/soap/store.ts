/**
 * The state and business rules of the simulated SOAP mall (`soap` legacy
 * kind): a mutable copy of a LegacyDataset shown in the mall's own
 * Korean-romanized field names (ItemCd, ItemNm, SalePrice "12,000",
 * UpdDate YYYYMMDD, BizNo as typed, order status as a Korean word) and in
 * its own row order, which is deliberately not the network's code-point
 * order. SOAP and HTTP live in server.ts.
 */
import type { LegacyDataset, LegacyMember, LegacyOrder, LegacyProduct } from '../../data/types';

/** A refusal the mall answers with a SOAP Fault (`detail/MallFault/ErrorCode`). */
export class MallFault extends Error {
  constructor(
    readonly errorCode: string,
    message: string,
    /** Client = the caller's mistake, Server = the mall's. */
    readonly side: 'Client' | 'Server' = 'Client',
  ) {
    super(message);
  }
}

/** The mall's error codes (its manual's table). */
export const ERROR_CODES = {
  noItems: 'E1001',
  unknownItem: 'E1002',
  badQuantity: 'E1003',
  unknownOrder: 'E1004',
  duplicateOrderKey: 'E2001',
  alreadyShipped: 'E3001',
  badParameter: 'E9001',
  badRequest: 'E9002',
  unknownOperation: 'E9003',
  system: 'E9999',
} as const;

export interface ItemRow {
  ItemCd: string;
  ItemNm: string;
  ItemSpec: string;
  ItemDesc: string;
  CtgrCd: string;
  UnitNm: string;
  SalePrice: string;
  MinOrdQty: string;
  Barcode: string;
  VendorCd: string;
  StockQty: string;
  SaleYn: 'Y' | 'N';
  UpdDate: string;
}

export interface MemberRow {
  MemberCd: string;
  MemberNm: string;
  BizNo: string;
  CeoNm: string;
  AreaNm: string;
  UseYn: 'Y' | 'N';
}

export interface OrderItemRow {
  SeqNo: string;
  ItemCd: string;
  ItemNm: string;
  OrderQty: string;
  UnitPrice: string;
  Amount: string;
}

export interface OrderRow {
  OrderNo: string;
  OrderDate: string;
  OrderStatus: string;
  BuyerBizNo: string;
  BuyerNm: string;
  VendorCd: string;
  TotalAmt: string;
  ClientOrderKey: string;
  OrderItemList: { OrderItem: OrderItemRow[] };
  DlvCompany: string;
  InvoiceNo: string;
  CancelReason: string;
}

/** Status words as the mall shows them (no codes: an old system's screens leak into its API). */
export const STATUS_WORDS: Record<LegacyOrder['status'], string> = {
  RECEIVED: '주문접수',
  CONFIRMED: '주문확인',
  SHIPPED: '배송중',
  DELIVERED: '배송완료',
  CANCELLED: '주문취소',
};

export interface NewOrder {
  clientOrderKey: string | null;
  buyerBizNo: string;
  buyerNm: string;
  items: Array<{ itemCd: string; orderQty: number }>;
}

/** `12000` → `"12,000"` (how the mall shows every amount). */
export function formatAmount(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `YYYYMMDDHHmmss` of an instant in Asia/Seoul. */
function seoulTimestamp(date: Date): string {
  return new Date(date.getTime() + 9 * 3600_000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

type StoredOrder = LegacyOrder & { cancelReason?: string | null };

/** The mall database's Korean collation (가나다 by locale rules, not by code point). One collator: localeCompare builds one per call. */
const korean = new Intl.Collator('ko-KR');

export class SoapMallStore {
  private readonly items: Map<string, LegacyProduct>;
  private readonly members: Map<string, LegacyMember>;
  private readonly orders: Map<string, StoredOrder>;

  constructor(dataset: LegacyDataset, private readonly now: () => Date = () => new Date()) {
    // A deep copy: orders placed here must not leak into the caller's dataset.
    const copy = structuredClone(dataset);
    this.items = new Map(copy.products.map((p) => [p.code, p]));
    this.members = new Map(copy.members.map((m) => [m.code, m]));
    this.orders = new Map(copy.orders.map((o) => [o.code, o]));
  }

  /** The mall's listing: by category, then name in its database's Korean collation, then code. */
  listItems(categoryCodes?: readonly string[]): ItemRow[] {
    return [...this.items.values()]
      .filter((p) => !categoryCodes?.length || categoryCodes.includes(p.categoryCode))
      .sort((a, b) => a.categoryCode.localeCompare(b.categoryCode) || korean.compare(a.name, b.name) || a.code.localeCompare(b.code))
      .map(itemRow);
  }

  /** Batch lookup; unknown codes are simply absent, rows come in the mall's order, not the request's. */
  itemsByCode(codes: readonly string[]): ItemRow[] {
    const wanted = new Set(codes);
    return this.listItems().filter((i) => wanted.has(i.ItemCd));
  }

  /** Members in registration (code) order. */
  listMembers(): MemberRow[] {
    return [...this.members.values()].sort((a, b) => a.code.localeCompare(b.code)).map(memberRow);
  }

  membersByCode(codes: readonly string[]): MemberRow[] {
    const wanted = new Set(codes);
    return this.listMembers().filter((m) => wanted.has(m.MemberCd));
  }

  /** Newest orders first; optionally only the one placed with a client order key. */
  listOrders(clientOrderKey?: string): OrderRow[] {
    return [...this.orders.values()]
      .filter((o) => !clientOrderKey || o.idempotencyKey === clientOrderKey)
      .sort((a, b) => b.orderedAt.localeCompare(a.orderedAt) || b.code.localeCompare(a.code))
      .map((o) => this.orderRow(o));
  }

  ordersByNo(codes: readonly string[]): OrderRow[] {
    const wanted = new Set(codes);
    return this.listOrders().filter((o) => wanted.has(o.OrderNo));
  }

  /** Creates an order priced from the mall's items; a reused ClientOrderKey is refused (E2001). */
  registerOrder(input: NewOrder): OrderRow {
    const key = input.clientOrderKey || null;
    const existing = key ? [...this.orders.values()].find((o) => o.idempotencyKey === key) : undefined;
    if (existing) throw new MallFault(ERROR_CODES.duplicateOrderKey, `이미 등록된 주문키입니다 (주문번호 ${existing.code})`);
    const lines = this.priceLines(input.items);
    const at = this.now();
    const base = `ORD-${seoulTimestamp(at).slice(0, 8)}-${String(this.orders.size + 1).padStart(4, '0')}`;
    const order: StoredOrder = {
      code: this.orders.has(base) ? `${base}-${this.orders.size}` : base,
      buyerBusinessNumber: input.buyerBizNo,
      buyerName: input.buyerNm,
      supplierCode: this.items.get(lines[0].productCode)!.supplierCode,
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
  cancelOrder(orderNo: string, reason: string | null): OrderRow {
    const order = this.orders.get(orderNo);
    if (!order) throw new MallFault(ERROR_CODES.unknownOrder, `주문번호 ${orderNo}이(가) 존재하지 않습니다`);
    if (order.status === 'SHIPPED' || order.status === 'DELIVERED') throw new MallFault(ERROR_CODES.alreadyShipped, '배송이 시작된 주문은 취소할 수 없습니다');
    if (order.status !== 'CANCELLED') this.orders.set(orderNo, { ...order, status: 'CANCELLED', cancelReason: reason });
    return this.orderRow(this.orders.get(orderNo)!);
  }

  private priceLines(items: NewOrder['items']): LegacyOrder['lines'] {
    if (items.length === 0) throw new MallFault(ERROR_CODES.noItems, '주문상품이 없습니다');
    return items.map((item) => {
      const product = this.items.get(item.itemCd);
      if (!product) throw new MallFault(ERROR_CODES.unknownItem, `상품코드 ${item.itemCd}이(가) 존재하지 않습니다`);
      if (!Number.isInteger(item.orderQty) || item.orderQty < 1) throw new MallFault(ERROR_CODES.badQuantity, `주문수량이 올바르지 않습니다: ${item.orderQty}`);
      return { productCode: product.code, quantity: item.orderQty, unitPrice: product.price };
    });
  }

  private orderRow(o: StoredOrder): OrderRow {
    const total = o.lines.reduce((s, l) => s + l.unitPrice * l.quantity, 0);
    return {
      OrderNo: o.code,
      OrderDate: o.orderedAt,
      OrderStatus: STATUS_WORDS[o.status],
      BuyerBizNo: o.buyerBusinessNumber.replace(/-/g, ''),
      BuyerNm: o.buyerName,
      VendorCd: o.supplierCode,
      TotalAmt: `${formatAmount(total)}원`,
      ClientOrderKey: o.idempotencyKey ?? '',
      OrderItemList: {
        OrderItem: o.lines.map((l, i) => ({
          SeqNo: String(i + 1),
          ItemCd: l.productCode,
          ItemNm: this.items.get(l.productCode)?.name ?? '',
          OrderQty: String(l.quantity),
          UnitPrice: formatAmount(l.unitPrice),
          Amount: formatAmount(l.unitPrice * l.quantity),
        })),
      },
      DlvCompany: o.carrier ?? '',
      InvoiceNo: o.trackingNumber ?? '',
      CancelReason: o.cancelReason ?? '',
    };
  }
}

function itemRow(p: LegacyProduct): ItemRow {
  return {
    ItemCd: p.code,
    ItemNm: p.name,
    ItemSpec: p.spec,
    ItemDesc: p.description,
    CtgrCd: p.categoryCode,
    UnitNm: p.unitWord,
    SalePrice: formatAmount(p.price),
    MinOrdQty: String(p.minOrderQuantity),
    Barcode: p.gtin,
    VendorCd: p.supplierCode,
    StockQty: String(p.stockOnHand - p.stockReserved),
    SaleYn: 'Y',
    UpdDate: p.updatedDate,
  };
}

/** 사업자등록번호 as typed into the member screen (with hyphens). */
function memberRow(m: LegacyMember): MemberRow {
  return { MemberCd: m.code, MemberNm: m.name, BizNo: m.businessNumber, CeoNm: m.representative, AreaNm: m.region, UseYn: 'Y' };
}
