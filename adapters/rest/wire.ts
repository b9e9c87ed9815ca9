/**
 * The mall API's rows as the adapter reads them. Every field is `unknown`:
 * a legacy system is not trusted to send what its manual says, so mapping.ts
 * checks each one and reports the row when it cannot be read.
 */
export interface GoodsWire {
  goodsNo?: unknown;
  goodsNm?: unknown;
  goodsSpec?: unknown;
  goodsDesc?: unknown;
  ctgryCd?: unknown;
  unitNm?: unknown;
  /** "12,000" (VAT included or not, as the cooperative's config says). */
  salePrc?: unknown;
  minOrdQty?: unknown;
  barcode?: unknown;
  vendorCd?: unknown;
  /** YYYYMMDD. */
  updDt?: unknown;
}

export interface VendorWire {
  vendorCd?: unknown;
  vendorNm?: unknown;
  /** 사업자등록번호, digits with or without hyphens. */
  bizrNo?: unknown;
  ceoNm?: unknown;
  areaNm?: unknown;
}

export interface OrderItemWire {
  goodsNo?: unknown;
  ordQty?: unknown;
  ordPrc?: unknown;
}

export interface OrderWire {
  ordNo?: unknown;
  /** YYYYMMDDHHmmss (Asia/Seoul). */
  ordDt?: unknown;
  /** "10" 접수, "20" 확인, "30" 배송중, "40" 배송완료, "90" 취소. */
  ordStat?: unknown;
  buyerBizrNo?: unknown;
  buyerNm?: unknown;
  vendorCd?: unknown;
  clientOrderKey?: unknown;
  itemList?: unknown;
}

/** The mall's order status codes. */
export const ORDER_STATUS_BY_CODE = {
  '10': 'RECEIVED',
  '20': 'CONFIRMED',
  '30': 'SHIPPED',
  '40': 'DELIVERED',
  '90': 'CANCELLED',
} as const;

export const ORDER_STATUS_CODE = {
  RECEIVED: '10',
  CONFIRMED: '20',
  SHIPPED: '30',
  DELIVERED: '40',
  CANCELLED: '90',
} as const;

/** Business result codes the adapter treats as the caller's mistake, not as an outage. */
export const RESULT_CODES = {
  noItems: '1001',
  unknownGoods: '1002',
  badQuantity: '1003',
  unknownOrder: '1004',
  duplicateOrderKey: '2001',
  alreadyShipped: '3001',
} as const;
