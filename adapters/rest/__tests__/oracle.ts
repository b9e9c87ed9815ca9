/**
 * Test helpers: the expected records of a generated dataset, built straight
 * from its legacy terms with core/domain (not through the REST field names),
 * so the integration test compares the adapter with an independent oracle.
 */
import type { CoopConfig } from '../../../core/coopConfig';
import { normalizeBusinessNumber } from '../../../core/domain/businessNumber';
import { normalizeGtin } from '../../../core/domain/gtin';
import { addMoney, multiplyMoney, parseLegacyDate, toMoney, ZERO_KRW } from '../../../core/domain/legacy';
import { mapUnit } from '../../../core/domain/units';
import { mapCategory } from '../../../core/domain/unspsc';
import type { InMemoryData } from '../../../subgraphs/marketplace/inMemoryAdapter';
import type { Keyset, OrderRecord, Page, PageRequest, ProductRecord, SupplierRecord } from '../../../subgraphs/marketplace/port';
import type { SortValue } from '../../../core/order';
import type { LegacyDataset, LegacyOrder, LegacyProduct } from '../../../demo/data/types';

export function configFor(dataset: LegacyDataset, legacy: Record<string, unknown>): CoopConfig {
  return {
    cooperative: dataset.cooperative,
    legacy,
    pricesIncludeVat: dataset.pricesIncludeVat,
    categories: dataset.categories,
    units: dataset.units,
    baseDir: process.cwd(),
  };
}

function productOf(p: LegacyProduct, d: LegacyDataset): ProductRecord | null {
  const unit = mapUnit(p.unitWord, d.units);
  if (!unit.ok) return null;
  const category = mapCategory(p.categoryCode, d.categories);
  return {
    localId: p.code,
    sku: p.code,
    name: p.name,
    spec: p.spec || null,
    description: p.description || null,
    classificationCode: category.ok ? category.value : null,
    gtin: normalizeGtin(p.gtin),
    unit: unit.value,
    price: toMoney(p.price, d.pricesIncludeVat),
    minOrderQuantity: p.minOrderQuantity,
    supplierLocalId: p.supplierCode,
    updatedAt: parseLegacyDate(p.updatedDate)!,
  };
}

function orderOf(o: LegacyOrder, d: LegacyDataset): OrderRecord {
  const lines = o.lines.map((l) => {
    const unitPrice = toMoney(l.unitPrice, d.pricesIncludeVat);
    return { productLocalId: l.productCode, quantity: l.quantity, unitPrice, amount: multiplyMoney(unitPrice, l.quantity) };
  });
  return {
    localId: o.code,
    buyer: { businessNumber: normalizeBusinessNumber(o.buyerBusinessNumber)!, name: o.buyerName },
    supplierLocalId: o.supplierCode,
    lines,
    total: lines.reduce((s, l) => addMoney(s, l.amount), ZERO_KRW),
    status: o.status,
    orderedAt: parseLegacyDate(o.orderedAt)!,
    idempotencyKey: o.idempotencyKey,
  };
}

export function oracleData(d: LegacyDataset): InMemoryData {
  const suppliers: SupplierRecord[] = [];
  for (const m of d.members) {
    const businessNumber = normalizeBusinessNumber(m.businessNumber);
    if (businessNumber) suppliers.push({ localId: m.code, businessNumber, name: m.name, representative: m.representative, region: m.region });
  }
  return {
    products: d.products.map((p) => productOf(p, d)).filter((p): p is ProductRecord => p !== null),
    suppliers,
    orders: d.orders.map((o) => orderOf(o, d)),
  };
}

/**
 * Walks every page of a search with keyset `after`, comparing each page with
 * the oracle's; returns the ids in visiting order.
 */
export async function walkPages<T extends { localId: string }, F, Field extends string>(
  search: (r: PageRequest<F, Field>) => Promise<Page<T>>,
  oracle: (r: PageRequest<F, Field>) => Promise<Page<T>>,
  base: Omit<PageRequest<F, Field>, 'after' | 'first'>,
  first: number,
  keyOf: (row: T, field: Field) => SortValue,
): Promise<string[]> {
  const visited: string[] = [];
  let after: Keyset | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const request: PageRequest<F, Field> = { ...base, first, after };
    const [page, expected] = await Promise.all([search(request), oracle(request)]);
    expect(page).toEqual(expected);
    visited.push(...page.rows.map((r) => r.localId));
    if (!page.hasNextPage) return visited;
    const last = page.rows[page.rows.length - 1];
    after = { key: keyOf(last, base.order.field), id: last.localId };
  }
  throw new Error('paging did not end');
}

/** Stats buckets in a stable order, for comparing two adapters' answers. */
export function sortBuckets<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}
