/**
 * The SOAP mall's contract as the adapter reads it (the service's WSDL, see
 * demo/legacy/soap for the simulated one): namespace, operations, element
 * names, status words and fault codes. Row fields are `unknown`: a legacy
 * system is not trusted to send what its WSDL says, so mapping checks each.
 */
import type { OrderStatus } from '../../subgraphs/marketplace/port';

/** Target namespace of the mall's WSDL; SOAPAction is `<namespace>/<operation>`. */
export const SERVICE_NS = 'http://bizmall.example/ws/MallService';

export type Operation =
  | 'GetItemList'
  | 'GetItemsByCode'
  | 'GetMemberList'
  | 'GetMembersByCode'
  | 'GetOrderList'
  | 'GetOrdersByNo'
  | 'RegisterOrder'
  | 'CancelOrder';

/** Operations that only read, so a call lost on a stale keep-alive socket may be sent again. */
export const READ_ONLY: ReadonlySet<Operation> = new Set(['GetItemList', 'GetItemsByCode', 'GetMemberList', 'GetMembersByCode', 'GetOrderList', 'GetOrdersByNo']);

export interface ItemWire {
  ItemCd?: unknown;
  ItemNm?: unknown;
  ItemSpec?: unknown;
  ItemDesc?: unknown;
  CtgrCd?: unknown;
  UnitNm?: unknown;
  /** "12,000" (VAT included or not, as the cooperative's config says). */
  SalePrice?: unknown;
  MinOrdQty?: unknown;
  Barcode?: unknown;
  VendorCd?: unknown;
  /** YYYYMMDD. */
  UpdDate?: unknown;
}

export interface MemberWire {
  MemberCd?: unknown;
  MemberNm?: unknown;
  /** 사업자등록번호 as typed, with or without hyphens. */
  BizNo?: unknown;
  CeoNm?: unknown;
  AreaNm?: unknown;
}

export interface OrderItemWire {
  ItemCd?: unknown;
  OrderQty?: unknown;
  UnitPrice?: unknown;
}

export interface OrderWire {
  OrderNo?: unknown;
  /** YYYYMMDDHHmmss (Asia/Seoul). */
  OrderDate?: unknown;
  /** A Korean word: 주문접수, 주문확인, 배송중, 배송완료, 주문취소. */
  OrderStatus?: unknown;
  BuyerBizNo?: unknown;
  BuyerNm?: unknown;
  VendorCd?: unknown;
  ClientOrderKey?: unknown;
  /** `<OrderItemList><OrderItem>…</OrderItem>…</OrderItemList>` */
  OrderItemList?: unknown;
}

/** The mall shows order status as words; a word not here is reported, never guessed. */
export const ORDER_STATUS_BY_WORD: Readonly<Record<string, OrderStatus>> = {
  주문접수: 'RECEIVED',
  주문확인: 'CONFIRMED',
  배송중: 'SHIPPED',
  배송완료: 'DELIVERED',
  주문취소: 'CANCELLED',
};

/** `detail/MallFault/ErrorCode` values the adapter treats as the caller's mistake, not as an outage. */
export const FAULT_CODES = {
  noItems: 'E1001',
  unknownItem: 'E1002',
  badQuantity: 'E1003',
  unknownOrder: 'E1004',
  duplicateOrderKey: 'E2001',
  alreadyShipped: 'E3001',
} as const;
