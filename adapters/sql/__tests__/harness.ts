/**
 * Test harness for the SQL adapter: a small hand-made legacy dataset with the
 * cases that break naive adapters (Hangul, Latin case, astral and fullwidth
 * names, NFD text, ties in name and price, bad rows), the records any adapter
 * must map it to (derived here independently of the adapter's mapping), and
 * helpers to seed a SQLite file and count queries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CoopConfig } from '../../../core/coopConfig';
import { normalizeBusinessNumber } from '../../../core/domain/businessNumber';
import { normalizeGtin } from '../../../core/domain/gtin';
import { addMoney, multiplyMoney, parseLegacyDate, toMoney, ZERO_KRW } from '../../../core/domain/legacy';
import { mapCategory } from '../../../core/domain/unspsc';
import { mapUnit } from '../../../core/domain/units';
import { silentLogger } from '../../../core/log';
import type { LegacyDataset, LegacyOrder, LegacyProduct } from '../../../demo/data/types';
import { seedSqlite } from '../../../demo/legacy/sql/seed';
import type { InMemoryData } from '../../../subgraphs/marketplace/inMemoryAdapter';
import type { OrderRecord, ProductRecord, SupplierRecord } from '../../../subgraphs/marketplace/port';
import { createAdapterContext, type AdapterContext, type RowReport } from '../../types';
import type { SqlClient } from '../dialect';
import type { Sql } from '../sql';

type ProductSeed = Partial<LegacyProduct> & Pick<LegacyProduct, 'code' | 'name' | 'price'>;

function product(p: ProductSeed): LegacyProduct {
  return {
    spec: '',
    description: '',
    categoryCode: 'F01',
    unitWord: '개',
    minOrderQuantity: 1,
    gtin: '',
    supplierCode: 'M01',
    updatedDate: '20250301',
    stockOnHand: 100,
    stockReserved: 10,
    warehouse: '본사창고',
    leadTimeDays: 3,
    ...p,
  };
}

const PRODUCTS: LegacyProduct[] = [
  product({ code: 'P-001', name: '가구 책상', spec: '1200×600', price: 110000, gtin: '8801234000017', updatedDate: '20250105' }),
  product({ code: 'P-002', name: '나무 의자', spec: '원목', price: 55005, categoryCode: 'F02', updatedDate: '20250105' }),
  product({ code: 'P-003', name: '나무 의자', spec: '철제 다리', price: 55006, categoryCode: 'F02', unitWord: '대' }), // name tie, amount tie
  product({ code: 'P-004', name: 'Steel Desk', spec: 'STD-1200', price: 220000, supplierCode: 'M07', updatedDate: '20241231' }),
  product({ code: 'P-005', name: 'steel desk', spec: 'std-1000', price: 198000, supplierCode: 'M07', gtin: '8801234000018' }), // bad GTIN
  product({ code: 'P-006', name: 'STEEL Plate 1T', spec: '1219×2438', price: 88000, categoryCode: 'S01', unitWord: 'kg', supplierCode: 'M02' }),
  product({ code: 'P-007', name: '철강막대 SD400', spec: 'D13', price: 12345, categoryCode: 'S02', unitWord: 'kg', supplierCode: 'M02', updatedDate: '20250210' }),
  product({ code: 'P-008', name: '복사용지 A4', spec: '80g 2500매', price: 27500, categoryCode: 'P01', unitWord: '박스', supplierCode: 'M03', gtin: '8809876500100' }),
  product({ code: 'P-009', name: 'Ａ４ 복사용지', spec: '전각 이름', price: 27500, categoryCode: 'P01', unitWord: '박스', supplierCode: 'M03' }), // fullwidth U+FF21
  product({ code: 'P-010', name: '𠀀 한자 책상', spec: 'astral', price: 99000, updatedDate: '20250220' }), // U+20000
  product({ code: 'P-011', name: '📦 포장 상자', spec: '50×50', price: 1100, categoryCode: 'P01', unitWord: 'ea', supplierCode: 'M03' }), // 'ea' → EA
  product({ code: 'P-012', name: 'Écran LED', spec: '27인치', price: 330000, categoryCode: 'L01', unitWord: ' 개', supplierCode: 'M04' }),
  product({ code: 'P-013', name: 'E\u0301cran LED', spec: 'NFD 이름', price: 330000, categoryCode: 'L01', supplierCode: 'M04' }), // NFD of P-012's name
  product({ code: 'P-014', name: 'ДОСКА стол', spec: 'Кириллица', price: 77000, supplierCode: 'M06' }),
  product({ code: 'P-015', name: '가로등 LED 100W', spec: '가로등', price: 550000, categoryCode: 'L01', unitWord: '대', supplierCode: 'M04', gtin: '8805555100036' }),
  product({ code: 'P-016', name: '절연전선 HFIX', spec: '2.5SQ 100%', price: 45000, categoryCode: 'E01', unitWord: 'm', supplierCode: 'M06' }),
  product({ code: 'P-017', name: '전선 묶음_특가', spec: 'under_score', price: 45000, categoryCode: 'E01', unitWord: 'm', supplierCode: 'M06' }),
  product({ code: 'P-018', name: '분류 없는 상품', spec: '', price: 5000, categoryCode: 'ZZ9' }), // unmapped category
  product({ code: 'P-019', name: '말 단위 상품', spec: '', price: 6000, unitWord: '말' }), // unmapped unit → skipped
  product({ code: 'P-020', name: 'BX 단위 상품', spec: '', price: 7000, unitWord: 'BX' }), // not a Rec 20 code → skipped
  product({ code: 'P-021', name: '음수 가격', spec: '', price: -100 }), // skipped
  product({ code: 'P-022', name: '없는 날짜', spec: '', price: 8000, updatedDate: '20240231' }), // skipped
  product({ code: 'P-023', name: '모양 틀린 날짜', spec: '', price: 8000, updatedDate: '2024-3-1' }), // skipped
  product({ code: 'P-024', name: '최소수량 영', spec: '', price: 2200, minOrderQuantity: 0, supplierCode: 'M05' }), // vendor invalid
  product({ code: 'P-025', name: '가구 책상', spec: '동명', price: 110000, gtin: '8801234000031', updatedDate: '20250105' }), // full tie with P-001
  product({ code: 'P-026', name: '의자 세트', spec: '4인', price: 5, categoryCode: 'F02', unitWord: '조' }), // 5 → amount 5
  product({ code: 'P-027', name: '의자 부품', spec: '나사', price: 6, categoryCode: 'F02', unitWord: '조', supplierCode: '' }), // 6 → 5 too; no supplier
  product({ code: 'p-028', name: 'lower sku', spec: 'Mixed Case SKU', price: 0, updatedDate: '20250301' }),
];

export interface DatasetOptions {
  /** Include a name stored decomposed (NFD); false for databases without NFC (MariaDB). */
  nfdNames?: boolean;
}

export function sampleDataset(pricesIncludeVat = true, options: DatasetOptions = {}): LegacyDataset {
  const storedNfc = (p: LegacyProduct) => p.name === p.name.normalize('NFC');
  return {
    cooperative: 'testcoop',
    pricesIncludeVat,
    categories: { F01: '56101703', F02: '56101504', S01: '30102204', S02: '30102404', P01: '14111507', L01: '39111603', E01: '26121524' },
    units: { 개: 'EA', 대: 'C62', 조: 'SET', 박스: 'XBX', kg: 'KGM', m: 'MTR' },
    products: options.nfdNames === false ? PRODUCTS.filter(storedNfc) : PRODUCTS,
    members: [
      { code: 'M01', name: '한샘가구', businessNumber: '220-81-00127', representative: '김대표', region: '서울' },
      { code: 'M02', name: '대한철강', businessNumber: '214-86-02348', representative: 'Park', region: '경기' },
      { code: 'M03', name: 'Acme Paper', businessNumber: '101-81-00452', representative: '이사장', region: '부산' },
      { code: 'M04', name: '빛나라조명', businessNumber: '605-81-00779', representative: '', region: '' },
      { code: 'M05', name: '㈜불량번호', businessNumber: '123-45-67890', representative: '최', region: '서울' }, // bad check digit
      { code: 'M06', name: '동양전선', businessNumber: '138-81-01230', representative: '정', region: '서울' },
      { code: 'M07', name: 'seoul desk', businessNumber: '1248100998', representative: 'Kim', region: '인천' }, // no hyphens
      { code: 'M08', name: '한샘가구', businessNumber: '211-86-01239', representative: '한', region: '경기' }, // name tie with M01
    ],
    orders: ORDERS,
  };
}

function order(o: Partial<LegacyOrder> & Pick<LegacyOrder, 'code' | 'lines' | 'orderedAt'>): LegacyOrder {
  return {
    buyerBusinessNumber: '312-81-45670',
    buyerName: '서울시청',
    supplierCode: 'M01',
    status: 'RECEIVED',
    shippedAt: null,
    carrier: null,
    trackingNumber: null,
    invoiceNumber: null,
    idempotencyKey: null,
    ...o,
  };
}

const ORDERS: LegacyOrder[] = [
  order({ code: 'O-001', orderedAt: '20250105093000', lines: [{ productCode: 'P-001', quantity: 2, unitPrice: 110000 }, { productCode: 'P-002', quantity: 4, unitPrice: 55005 }] }),
  order({ code: 'O-002', orderedAt: '20250105093000', status: 'CONFIRMED', lines: [{ productCode: 'P-006', quantity: 10, unitPrice: 88000 }], supplierCode: 'M02' }), // time tie with O-001
  order({
    code: 'O-003', orderedAt: '20250131235959', status: 'SHIPPED', shippedAt: '20250201100000', carrier: 'CJ대한통운', trackingNumber: '6543210987',
    invoiceNumber: 'INV-2025-0003', lines: [{ productCode: 'P-008', quantity: 3, unitPrice: 27500 }, { productCode: 'P-009', quantity: 1, unitPrice: 27500 }], supplierCode: 'M03',
  }),
  order({ code: 'O-004', orderedAt: '20250201000000', status: 'DELIVERED', shippedAt: '20250202', invoiceNumber: 'INV-2025-0004', lines: [{ productCode: 'P-015', quantity: 1, unitPrice: 550000 }], supplierCode: 'M04', buyerBusinessNumber: '105-87-11220', buyerName: 'Busan Port' }),
  order({ code: 'O-005', orderedAt: '20250215120000', status: 'CANCELLED', lines: [{ productCode: 'P-019', quantity: 5, unitPrice: 6000 }, { productCode: 'P-001', quantity: 1, unitPrice: 110000 }] }), // first line's product skipped
  order({ code: 'O-006', orderedAt: '20250215120001', lines: [{ productCode: 'P-018', quantity: 2, unitPrice: 5000 }] }), // first line's category unmapped
  order({ code: 'O-007', orderedAt: '20250301080000', lines: [{ productCode: 'P-007', quantity: 1000, unitPrice: 12345 }], supplierCode: 'M02', idempotencyKey: 'key-existing' }),
  order({ code: 'O-008', orderedAt: '20250301080000', status: 'CONFIRMED', lines: [{ productCode: 'P-016', quantity: 100, unitPrice: 45000 }, { productCode: 'P-017', quantity: 50, unitPrice: 45000 }], supplierCode: 'M06', buyerBusinessNumber: '123-45-67890' }), // bad buyer number
  order({ code: 'O-009', orderedAt: '20241231235959', status: 'DELIVERED', lines: [{ productCode: 'P-004', quantity: 1, unitPrice: 220000 }], supplierCode: 'M07' }),
  order({ code: 'O-010', orderedAt: '20250302101010', lines: [] }), // no lines
  order({ code: 'O-011', orderedAt: '20250303', lines: [{ productCode: 'P-001', quantity: 1, unitPrice: 110000 }] }), // ORD_DTM too short → skipped
];

/** The records an adapter must produce from the dataset, computed from the dataset itself. */
export function expectedRecords(dataset: LegacyDataset): InMemoryData {
  return {
    products: dataset.products.map((p) => expectedProduct(p, dataset)).filter((p): p is ProductRecord => p !== null),
    suppliers: dataset.members.flatMap((m): SupplierRecord[] => {
      const businessNumber = normalizeBusinessNumber(m.businessNumber);
      if (!businessNumber) return [];
      return [{ localId: m.code, businessNumber, name: m.name, representative: m.representative || null, region: m.region || null }];
    }),
    orders: dataset.orders.map((o) => expectedOrder(o, dataset)).filter((o): o is OrderRecord => o !== null),
  };
}

function expectedProduct(p: LegacyProduct, dataset: LegacyDataset): ProductRecord | null {
  const unit = mapUnit(p.unitWord, dataset.units);
  const updatedAt = /^\d{8}$/.test(p.updatedDate) ? parseLegacyDate(p.updatedDate) : null;
  if (!unit.ok || !Number.isInteger(p.price) || p.price < 0 || !updatedAt) return null;
  const category = mapCategory(p.categoryCode, dataset.categories);
  return {
    localId: p.code,
    sku: p.code,
    name: p.name,
    spec: p.spec || null,
    description: p.description || null,
    classificationCode: category.ok ? category.value : null,
    gtin: normalizeGtin(p.gtin),
    unit: unit.value,
    price: toMoney(p.price, dataset.pricesIncludeVat),
    minOrderQuantity: p.minOrderQuantity >= 1 ? p.minOrderQuantity : 1,
    supplierLocalId: p.supplierCode || null,
    updatedAt,
  };
}

function expectedOrder(o: LegacyOrder, dataset: LegacyDataset): OrderRecord | null {
  const orderedAt = /^\d{14}$/.test(o.orderedAt) ? parseLegacyDate(o.orderedAt) : null;
  if (!orderedAt) return null;
  const lines = o.lines.map((line) => {
    const unitPrice = toMoney(line.unitPrice, dataset.pricesIncludeVat);
    return { productLocalId: line.productCode, quantity: line.quantity, unitPrice, amount: multiplyMoney(unitPrice, line.quantity) };
  });
  const digits = o.buyerBusinessNumber.replace(/-/g, '');
  return {
    localId: o.code,
    buyer: { businessNumber: normalizeBusinessNumber(digits) ?? digits, name: o.buyerName },
    supplierLocalId: o.supplierCode || null,
    lines,
    total: lines.reduce((sum, l) => addMoney(sum, l.amount), ZERO_KRW),
    status: o.status,
    orderedAt,
    idempotencyKey: o.idempotencyKey,
  };
}

export interface SeededDb {
  dir: string;
  file: string;
  config: CoopConfig;
  ctx: AdapterContext & { reports: RowReport[] };
  cleanup(): void;
}

/** Seeds a SQLite ERP file from `dataset` in a fresh temp dir, with a config pointing at it. */
export function seedTempDb(dataset: LegacyDataset): SeededDb {
  const dir = mkdtempSync(join(tmpdir(), 'sbnet-sql-'));
  const file = join(dir, 'erp.sqlite');
  seedSqlite(file, dataset);
  const config: CoopConfig = {
    cooperative: dataset.cooperative,
    legacy: { database: 'erp.sqlite' },
    pricesIncludeVat: dataset.pricesIncludeVat,
    categories: dataset.categories,
    units: dataset.units,
    baseDir: dir,
  };
  return { dir, file, config, ctx: createAdapterContext(config, silentLogger), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A client that counts the statements it runs. */
export function countingClient(client: SqlClient): SqlClient & { count: number; statements: Sql[] } {
  const counted = {
    dialect: client.dialect,
    count: 0,
    statements: [] as Sql[],
    query(statement: Sql) {
      counted.count++;
      counted.statements.push(statement);
      return client.query(statement);
    },
    transaction<T>(work: (tx: SqlClient) => Promise<T>) {
      return client.transaction(work);
    },
    close: () => client.close(),
  };
  return counted;
}
