/**
 * Two cooperatives with orders of several buyers, for who-sees-what tests:
 *
 *   acoop (marketplace + erp): A-O1 by MEMBER_A, A-O2 by OTHER_A, A-O3 by MEMBER_A
 *   bcoop (marketplace):        B-O1 by BUYER_B, B-O2 by MEMBER_A (the same company buying elsewhere)
 */
import type { ErpAdapter, FulfillmentRecord, InventoryRecord } from '../../../subgraphs/erp/port';
import { InMemoryMarketplace, type InMemoryData } from '../../../subgraphs/marketplace/inMemoryAdapter';
import { order, product, supplier, won } from '../../../subgraphs/marketplace/__tests__/harness';

export const MEMBER_A = '105-86-12348';
export const OTHER_A = '113-81-55552';
export const BUYER_B = '120-87-00019';

function data(prefix: string, buyers: string[]): InMemoryData {
  return {
    suppliers: [supplier('S1', `${prefix} 공급사`, '서울')],
    products: [
      product('P01', { name: `${prefix} 책상`, price: won(100_000) }),
      product('P02', { name: `${prefix} 의자`, price: won(50_000), minOrderQuantity: 5 }),
    ],
    orders: buyers.map((bno, i) =>
      order(`O${i + 1}`, {
        buyer: { businessNumber: bno, name: `구매사 ${bno}` },
        orderedAt: `2026-0${i + 1}-10T10:00:00+09:00`,
      }),
    ),
  };
}

export const acoopData = () => data('A', [MEMBER_A, OTHER_A, MEMBER_A]);
export const bcoopData = () => data('B', [BUYER_B, MEMBER_A]);

/** An ERP that knows every order's fulfilment and every product's stock. */
export class FixtureErp implements ErpAdapter {
  readonly kind = 'fixture';
  async getInventory(ids: readonly string[]): Promise<Array<InventoryRecord | null>> {
    return ids.map(() => ({ onHand: 10, available: 8, warehouse: 'W1', leadTimeDays: 2, asOf: '2026-03-01T09:00:00+09:00' }));
  }
  async getFulfillment(ids: readonly string[]): Promise<Array<FulfillmentRecord | null>> {
    return ids.map((id) => ({ status: 'PENDING', shippedAt: null, carrier: null, trackingNumber: `T-${id}`, invoice: null }));
  }
}

export function fixtureCoops() {
  return [
    { id: 'acoop', marketplace: new InMemoryMarketplace(acoopData()), erp: new FixtureErp() },
    { id: 'bcoop', marketplace: new InMemoryMarketplace(bcoopData()) },
  ];
}
