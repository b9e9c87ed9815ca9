/** Rules every ERP adapter applies the same way when it builds inventory and fulfilment records. */
import { compareCodePoints } from '../../core/order';
import type { OrderStatus } from '../marketplace/port';
import type { FulfillmentStatus, InventoryRecord } from './port';

/** One warehouse's stock of one item, as an ERP row gives it. */
export interface WarehouseStock {
  warehouse: string | null;
  onHand: number;
  available: number;
  leadTimeDays: number | null;
  asOf: string;
}

/**
 * An item stocked in several warehouses: quantities add, the soonest lead
 * time applies, and the figures are as old as the oldest count.
 */
export function combineWarehouses(stocks: readonly WarehouseStock[]): InventoryRecord {
  const names = stocks.map((s) => s.warehouse).filter((w): w is string => w !== null);
  const leadTimes = stocks.map((s) => s.leadTimeDays).filter((d): d is number => d !== null);
  return {
    onHand: stocks.reduce((sum, s) => sum + s.onHand, 0),
    available: stocks.reduce((sum, s) => sum + s.available, 0),
    warehouse: names.length ? [...new Set(names)].sort(compareCodePoints).join(', ') : null,
    leadTimeDays: leadTimes.length ? Math.min(...leadTimes) : null,
    asOf: stocks.map((s) => s.asOf).sort()[0],
  };
}

/**
 * Fulfilment as the warehouse sees it: a confirmed order is being picked; an
 * order with a shipping time is shipped even if the header was not updated yet.
 */
export function fulfillmentStatusOf(status: OrderStatus, shipped: boolean): FulfillmentStatus {
  switch (status) {
    case 'CANCELLED':
      return 'CANCELLED';
    case 'DELIVERED':
      return 'DELIVERED';
    case 'SHIPPED':
      return 'SHIPPED';
    case 'CONFIRMED':
      return shipped ? 'SHIPPED' : 'PICKING';
    case 'RECEIVED':
      return shipped ? 'SHIPPED' : 'PENDING';
  }
}
