/** The erp role's adapter port: stock and fulfilment by local ids, in batches. */
import type { Money } from '../marketplace/port';

export interface InventoryRecord {
  onHand: number;
  available: number;
  warehouse: string | null;
  leadTimeDays: number | null;
  /** ISO 8601 with offset. */
  asOf: string;
}

export type FulfillmentStatus = 'PENDING' | 'PICKING' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED';

export interface FulfillmentRecord {
  status: FulfillmentStatus;
  shippedAt: string | null;
  carrier: string | null;
  trackingNumber: string | null;
  invoice: { number: string; issuedAt: string; total: Money } | null;
}

export interface ErpAdapter {
  readonly kind: string;
  /** One legacy call per batch; answers in the order of `productLocalIds`, null when unknown. */
  getInventory(productLocalIds: readonly string[]): Promise<Array<InventoryRecord | null>>;
  getFulfillment(orderLocalIds: readonly string[]): Promise<Array<FulfillmentRecord | null>>;
  close?(): Promise<void>;
}
