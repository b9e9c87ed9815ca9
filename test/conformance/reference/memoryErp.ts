/**
 * A reference ERP adapter over a dataset held in memory (the erp group's
 * run on the reference kind): stock per product, shipping and invoice per
 * order, as the legacy data has them.
 */
import { parseLegacyDate } from '../../../core/domain/legacy';
import type { LegacyDataset, LegacyOrder, LegacyProduct } from '../../../demo/data/types';
import type { ErpAdapter, FulfillmentRecord, FulfillmentStatus, InventoryRecord } from '../../../subgraphs/erp/port';
import { expectedInventory, expectedOrder } from '../expected';

function fulfillmentStatus(o: LegacyOrder): FulfillmentStatus {
  switch (o.status) {
    case 'RECEIVED':
      return o.shippedAt ? 'SHIPPED' : 'PENDING';
    case 'CONFIRMED':
      return o.shippedAt ? 'SHIPPED' : 'PICKING';
    default:
      return o.status;
  }
}

export class MemoryErp implements ErpAdapter {
  readonly kind = 'memory';
  private readonly products: Map<string, LegacyProduct>;
  private readonly orders: Map<string, LegacyOrder>;

  constructor(private readonly dataset: LegacyDataset) {
    this.products = new Map(dataset.products.map((p) => [p.code, p]));
    this.orders = new Map(dataset.orders.map((o) => [o.code, o]));
  }

  async getInventory(productLocalIds: readonly string[]): Promise<Array<InventoryRecord | null>> {
    return productLocalIds.map((id) => {
      const p = this.products.get(id);
      return p ? { ...expectedInventory(p), asOf: parseLegacyDate(p.updatedDate)! } : null;
    });
  }

  async getFulfillment(orderLocalIds: readonly string[]): Promise<Array<FulfillmentRecord | null>> {
    return orderLocalIds.map((id) => {
      const o = this.orders.get(id);
      if (!o) return null;
      const shippedAt = o.shippedAt === null ? null : parseLegacyDate(o.shippedAt);
      const order = expectedOrder(o, this.dataset);
      return {
        status: fulfillmentStatus(o),
        shippedAt,
        carrier: o.carrier,
        trackingNumber: o.trackingNumber,
        invoice: o.invoiceNumber && order ? { number: o.invoiceNumber, issuedAt: shippedAt ?? order.orderedAt, total: order.total } : null,
      };
    });
  }
}
