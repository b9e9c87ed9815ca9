/** Adapters for router tests: an ERP that counts its calls, and a marketplace that can be made slow. */
import type { ErpAdapter, FulfillmentRecord, InventoryRecord } from '../../subgraphs/erp/port';
import type { MarketplaceAdapter } from '../../subgraphs/marketplace/port';

export class CountingErp implements ErpAdapter {
  readonly kind = 'counting';
  calls = 0;

  constructor(private readonly known: ReadonlySet<string>) {}

  async getInventory(ids: readonly string[]): Promise<Array<InventoryRecord | null>> {
    this.calls++;
    return ids.map((id) => (this.known.has(id) ? { onHand: id.length * 10, available: id.length, warehouse: 'W1', leadTimeDays: 3, asOf: '2026-11-01T09:00:00+09:00' } : null));
  }

  async getFulfillment(ids: readonly string[]): Promise<Array<FulfillmentRecord | null>> {
    this.calls++;
    return ids.map(() => null);
  }
}

/** Wraps an adapter so every call waits `delayMs` first (a slow legacy system). */
export function slowed<T extends MarketplaceAdapter>(adapter: T, delay: { ms: number }): T {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (delay.ms > 0) await new Promise((r) => setTimeout(r, delay.ms));
        return value.apply(target, args);
      };
    },
  });
}
