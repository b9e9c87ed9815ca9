/**
 * The suite's fixed dataset: one small generated cooperative (60 products,
 * Hangul and Latin names, deliberate name/price ties, VAT-inclusive prices)
 * with its deliberate defects, plus a few hand-made rows that break naive
 * adapters, and the records it all must map to.
 */
import { generateDatasetWithDefects, type DatasetDefects } from '../../demo/data/generate';
import type { CoopProfile, LegacyDataset, LegacyOrder, LegacyProduct } from '../../demo/data/types';
import { expectedRecords, type ExpectedRecords } from './expected';

export interface Fixture {
  dataset: LegacyDataset;
  /** The deliberate bad rows, by legacy code. */
  defects: DatasetDefects;
  /** What the dataset must map to (independent of every adapter). */
  expected: ExpectedRecords;
}

/** Furniture: Korean names with some Latin ones (`Ergo 메쉬 의자`, `OA 데스크`), specs like `E0 등급 PB`. */
export const CONFORMANCE_PROFILE: CoopProfile = {
  id: 'confcoop',
  industry: 'furniture',
  productCount: 60,
  memberCount: 12,
  orderCount: 40,
  pricesIncludeVat: true,
  seed: 20261031,
};

type EdgeProduct = Pick<LegacyProduct, 'code' | 'name' | 'spec' | 'categoryCode' | 'unitWord' | 'price' | 'gtin' | 'updatedDate'>;

/**
 * Clean rows (nothing to report) that only a correct adapter orders, filters
 * and stores right. All of it is encodable in CP949/EUC-KR, so SOAP and CSV
 * legacy kinds can hold it too.
 */
const EDGE_PRODUCTS: readonly EdgeProduct[] = [
  // Case: code point order is 'STEEL' < 'Steel' < 'steel'; text 'steel' matches all three.
  { code: 'E-001', name: 'Steel Desk', spec: 'STD-1200', categoryCode: 'F01', unitWord: '개', price: 220000, gtin: '96385074', updatedDate: '20261031' }, // GTIN-8
  { code: 'E-002', name: 'steel desk', spec: 'std-1000', categoryCode: 'F01', unitWord: 'EA', price: 198000, gtin: '036000291452', updatedDate: '20261031' }, // GTIN-12, leading zero
  { code: 'E-003', name: 'STEEL DESK', spec: 'Std', categoryCode: 'F01', unitWord: '개', price: 198000, gtin: '', updatedDate: '20261030' },
  // Fullwidth Ａ４ (U+FF21) sorts after all Hangul by code point; Hanja (U+4E00…) before it.
  { code: 'E-004', name: 'Ａ４ 서류함', spec: '전각 문자', categoryCode: 'F04', unitWord: '개', price: 55000, gtin: '', updatedDate: '20260105' },
  { code: 'E-005', name: '韓國 전통 책상', spec: '한자 이름', categoryCode: 'F01', unitWord: '개', price: 330000, gtin: '', updatedDate: '20260105' },
  // VAT included: 6 and 5 won both have supply amount 5, so PRICE ties and the id decides (E-006 first), not the stored price.
  { code: 'E-006', name: '의자 부품 나사', spec: '6원', categoryCode: 'F02', unitWord: '세트', price: 6, gtin: '', updatedDate: '20260301' },
  { code: 'E-007', name: '의자 부품 와셔', spec: '5원', categoryCode: 'F02', unitWord: '세트', price: 5, gtin: '', updatedDate: '20260301' },
  // A lower-case code sorts after every upper-case one.
  { code: 'e-008', name: 'lower code 책상', spec: 'Mixed Case', categoryCode: 'F01', unitWord: '개', price: 0, gtin: '', updatedDate: '20260301' },
  // SQL, CSV and XML metacharacters in names and specs.
  { code: 'E-009', name: "O'Neil 회의 탁자", spec: "2'x4'", categoryCode: 'F03', unitWord: '개', price: 250000, gtin: '', updatedDate: '20250920' },
  { code: 'E-010', name: '의자, 2인용 "특가"', spec: '쉼표, 따옴표', categoryCode: 'F02', unitWord: '개', price: 99000, gtin: '', updatedDate: '20250920' },
  { code: 'E-011', name: 'A&B 책상 <신형>', spec: '&amp; 아님', categoryCode: 'F01', unitWord: '개', price: 121000, gtin: '', updatedDate: '20250920' },
  { code: 'E-012', name: '책상_특가 100%', spec: 'LIKE 와일드카드', categoryCode: 'F01', unitWord: '개', price: 121000, gtin: '', updatedDate: '20250920' },
  // Full tie with E-012 on name, price and date: only the id orders them.
  { code: 'E-013', name: '책상_특가 100%', spec: '동일 상품', categoryCode: 'F01', unitWord: '개', price: 121000, gtin: '', updatedDate: '20250920' },
];

function withEdgeRows(dataset: LegacyDataset, defects: DatasetDefects): LegacyDataset {
  const supplier = dataset.members.find((m) => !defects.invalidBusinessNumbers.includes(m.code))!;
  const buyer = dataset.orders[0];
  const products: LegacyProduct[] = EDGE_PRODUCTS.map((p) => ({
    ...p,
    description: `${p.name} (${p.spec}).`,
    minOrderQuantity: 1,
    supplierCode: supplier.code,
    stockOnHand: 40,
    stockReserved: 4,
    warehouse: '본사 창고',
    leadTimeDays: 3,
  }));
  const order = (code: string, orderedAt: string, status: LegacyOrder['status'], lines: LegacyOrder['lines']): LegacyOrder => ({
    code,
    buyerBusinessNumber: buyer.buyerBusinessNumber,
    buyerName: buyer.buyerName,
    supplierCode: supplier.code,
    lines,
    status,
    orderedAt,
    shippedAt: null,
    carrier: null,
    trackingNumber: null,
    invoiceNumber: null,
    idempotencyKey: null,
  });
  const orders: LegacyOrder[] = [
    // Same instant (Seoul midnight of 1 Feb = 31 Jan in UTC): ties by id, month 2026-02 in Asia/Seoul.
    order('ORD-EDGE-2', '20260201000000', 'CONFIRMED', [{ productCode: 'E-010', quantity: 3, unitPrice: 99000 }]),
    order('ORD-EDGE-1', '20260201000000', 'RECEIVED', [{ productCode: 'E-006', quantity: 100, unitPrice: 6 }, { productCode: 'E-007', quantity: 100, unitPrice: 5 }]),
    { ...order('ORD-EDGE-3', '20260131235959', 'SHIPPED', [{ productCode: 'E-001', quantity: 1, unitPrice: 220000 }]), shippedAt: '20260202100000', carrier: 'CJ대한통운', trackingNumber: '012345678901' },
  ];
  // A Latin name (case-insensitive supplier text), a comma (CSV), and a number stored without hyphens.
  const member = { code: 'E-M01', name: 'Seoul Desk Co., Ltd.', businessNumber: '1248100998', representative: 'Kim Minsu', region: '인천' };
  return { ...dataset, products: [...dataset.products, ...products], members: [...dataset.members, member], orders: [...dataset.orders, ...orders] };
}

/**
 * `generateDatasetWithDefects` gives the same data as `generateDataset` for
 * the profile, plus the list of its defects (the validation group's oracle).
 */
export function conformanceFixture(profile: CoopProfile = CONFORMANCE_PROFILE): Fixture {
  const generated = generateDatasetWithDefects(profile);
  const dataset = withEdgeRows(generated.dataset, generated.defects);
  return { dataset, defects: generated.defects, expected: expectedRecords(dataset) };
}
