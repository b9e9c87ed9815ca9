/**
 * Shared by the Mercurius cooperative's tests: a lighting cooperative's
 * generated data (Hangul and Latin names) plus rows whose names stress the
 * one order (astral characters, decomposed Hangul, fullwidth Latin, equal
 * names), and an order oracle written independently of core/order.
 */
import { generateDatasetWithDefects } from '../../../data/generate';
import type { CoopProfile, LegacyDataset, LegacyProduct } from '../../../data/types';

export const PROFILE: CoopProfile = {
  id: 'klight',
  industry: 'lighting',
  productCount: 140,
  memberCount: 9,
  orderCount: 40,
  pricesIncludeVat: true,
  seed: 7,
};

const TRICKY_NAMES = [
  'apple LED', 'Apple LED', 'Zebra 조명', 'ｆｕｌｌwidth 등', '𝐀stral 램프', '\uFF5Eｔｉｌｄｅ',
  '\u1100\u1161 분해된 가', '가로등', '가로등', 'é 조명', 'e\u0301 조명', '갸', '힣', '0 램프', '~ 램프',
];

function trickyProduct(name: string, i: number): LegacyProduct {
  return {
    code: `X-${String(900 - i).padStart(3, '0')}`,
    name,
    spec: i % 2 ? 'IP66' : '',
    description: '',
    categoryCode: 'L01',
    unitWord: 'EA',
    price: 11_000 * (1 + (i % 4)),
    minOrderQuantity: 1,
    gtin: '',
    supplierCode: 'M001',
    updatedDate: `202609${String(10 + (i % 3)).padStart(2, '0')}`,
    stockOnHand: 0,
    stockReserved: 0,
    warehouse: '본사',
    leadTimeDays: 3,
  };
}

/** The generated dataset (with its deliberate defects) and the tricky rows appended. */
export function cooperativeDataset(profile: CoopProfile = PROFILE) {
  const { dataset, defects } = generateDatasetWithDefects(profile);
  const withTricky: LegacyDataset = { ...dataset, products: [...dataset.products, ...TRICKY_NAMES.map(trickyProduct)] };
  return { dataset: withTricky, defects };
}

/** Code points of the NFC form compared one by one: the order DESIGN.md §3 fixes, written without core/order. */
export function byCodePoints(a: string, b: string): number {
  const x = Array.from(a.normalize('NFC'), (c) => c.codePointAt(0)!);
  const y = Array.from(b.normalize('NFC'), (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

export interface OracleRow {
  id: string;
  name: string;
  price: number;
  updatedAt: string;
}

/** Rows in the one order: by the field in `direction`, ties by global id ascending. */
export function oracleOrder(rows: readonly OracleRow[], field: 'NAME' | 'PRICE' | 'UPDATED_AT', direction: 'ASC' | 'DESC'): string[] {
  const key = (r: OracleRow, s: OracleRow): number =>
    field === 'NAME' ? byCodePoints(r.name, s.name) : field === 'PRICE' ? r.price - s.price : Date.parse(r.updatedAt) - Date.parse(s.updatedAt);
  const sign = direction === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => sign * Math.sign(key(a, b)) || byCodePoints(a.id, b.id)).map((r) => r.id);
}
