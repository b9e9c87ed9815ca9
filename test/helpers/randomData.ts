/** Seeded random cooperative data for oracle tests: ties, Hangul, Latin, astral names, empty cooperatives. */
import type { InMemoryData } from '../../subgraphs/marketplace/inMemoryAdapter';
import type { OrderRecord, OrderStatus, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import { toSeoulIso } from '../../core/domain/legacy';
import { mulberry32 } from '../../demo/data/generate';

export type Rng = () => number;

/** Seeded PRNG shared with the demo's data generator. */
export const rng = (seed: number): Rng => mulberry32(seed);

export const pick = <T>(r: Rng, items: readonly T[]): T => items[Math.floor(r() * items.length)];
export const int = (r: Rng, min: number, max: number): number => min + Math.floor(r() * (max - min + 1));

const NAMES = ['책상', '의자', '사무용 책상', '회의용 탁자', 'Desk', 'desk', 'DESK 1200', '강판 3T', '철선', '𠀋 특수', 'Ｆ전각', 'Ａ4 용지', '두부', 'é 악센트', 'Zebra', '가', '힣'];
const CODES = ['56101703', '56101504', '56101519', '30102204', '30102404', '14111507', '50181901', '39111603'];
const REGIONS = ['서울', '경기', '부산', '대구', null];
const STATUSES: OrderStatus[] = ['RECEIVED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED'];

export function randomCoopData(r: Rng, productCount: number): InMemoryData {
  const suppliers: SupplierRecord[] = Array.from({ length: int(r, 1, 4) }, (_, i) => ({
    localId: `S${i}`,
    businessNumber: '220-81-00127',
    name: `${pick(r, ['(주)', '주식회사 ', ''])}${pick(r, NAMES)}`,
    representative: null,
    region: pick(r, REGIONS),
  }));
  const products: ProductRecord[] = Array.from({ length: productCount }, (_, i) => {
    const ms = Date.UTC(2026, 0, 1) + int(r, 0, 20) * 86_400_000;
    const amount = pick(r, [1000, 1000, 2500, 9900, 12000, 12000, 50000]);
    return {
      localId: `P-${String(int(r, 0, 99999)).padStart(5, '0')}-${i}`,
      sku: `SKU${i}`,
      name: `${pick(r, NAMES)}${r() < 0.3 ? '' : ` ${int(r, 1, 3)}`}`,
      spec: r() < 0.5 ? `${int(r, 1, 9)}00mm` : null,
      description: null,
      classificationCode: pick(r, CODES),
      gtin: null,
      unit: 'EA',
      price: { amount, vat: amount / 10, currency: 'KRW' },
      minOrderQuantity: 1,
      supplierLocalId: pick(r, suppliers).localId,
      // Equal instants written with different offsets must compare equal.
      updatedAt: r() < 0.5 ? new Date(ms).toISOString() : toSeoulIso(ms),
    };
  });
  const orders: OrderRecord[] = Array.from({ length: int(r, 0, productCount) }, (_, i) => {
    const p = pick(r, products);
    const quantity = int(r, 1, 5);
    const amount = { amount: p.price.amount * quantity, vat: p.price.vat * quantity, currency: 'KRW' as const };
    return {
      localId: `O${i}`,
      buyer: { businessNumber: '214-86-02348', name: '구매사' },
      supplierLocalId: p.supplierLocalId,
      lines: [{ productLocalId: p.localId, quantity, unitPrice: p.price, amount }],
      total: amount,
      status: pick(r, STATUSES),
      orderedAt: toSeoulIso(Date.UTC(2025, int(r, 0, 11), int(r, 1, 28), int(r, 0, 23))),
      idempotencyKey: null,
    };
  });
  return { products, suppliers, orders };
}
