/**
 * The legacy ERP layout this adapter reads: tables ITEM_MST (item master),
 * VEND_MST (vendors = cooperative members), STOCK, ORD_HDR / ORD_DTL (order
 * header and detail), with the ERP's own status words. Column names appear
 * literally in the query modules; what needs translating lives here.
 */
import type { OrderStatus } from '../../subgraphs/marketplace/port';

/** ORD_HDR.ORD_STAT as the ERP writes it → the network's order status. */
export const ORDER_STATUS_BY_WORD: Readonly<Record<string, OrderStatus>> = {
  접수: 'RECEIVED',
  확정: 'CONFIRMED',
  출고: 'SHIPPED',
  배송완료: 'DELIVERED',
  취소: 'CANCELLED',
};

/** The word the adapter writes for a status (placeOrder, cancelOrder). */
export const WORD_BY_ORDER_STATUS: Readonly<Record<OrderStatus, string>> = {
  RECEIVED: '접수',
  CONFIRMED: '확정',
  SHIPPED: '출고',
  DELIVERED: '배송완료',
  CANCELLED: '취소',
};

export function orderStatusOf(word: unknown): OrderStatus | null {
  return typeof word === 'string' && Object.hasOwn(ORDER_STATUS_BY_WORD, word) ? ORDER_STATUS_BY_WORD[word] : null;
}

/** Every ERP word meaning `status` (filters push these down as an IN list). */
export function wordsOf(status: OrderStatus): string[] {
  return Object.keys(ORDER_STATUS_BY_WORD).filter((word) => ORDER_STATUS_BY_WORD[word] === status);
}

export const KNOWN_STATUS_WORDS: readonly string[] = Object.keys(ORDER_STATUS_BY_WORD);

