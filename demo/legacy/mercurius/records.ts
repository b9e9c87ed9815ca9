/**
 * The cooperative's own catalogue, built once from its legacy rows
 * (`LegacyDataset`) in the network's terms: Money excluding VAT, ISO instants
 * with +09:00, UNSPSC codes and Rec 20 units through its own tables, GTIN and
 * 사업자등록번호 checked. A row that cannot be trusted is reported: skipped
 * when a required field is unusable (unit, price, date, business number),
 * repaired to null when only an optional one is (classification, GTIN).
 */
import type { RowReport } from '../../../adapters/types';
import { normalizeBusinessNumber } from '../../../core/domain/businessNumber';
import { normalizeGtin } from '../../../core/domain/gtin';
import { addMoney, multiplyMoney, parseLegacyDate, toMoney, ZERO_KRW } from '../../../core/domain/legacy';
import { mapUnit } from '../../../core/domain/units';
import { mapCategory } from '../../../core/domain/unspsc';
import type { OrderLineRecord, OrderRecord, ProductRecord, SupplierRecord } from '../../../subgraphs/marketplace/port';
import type { LegacyDataset, LegacyMember, LegacyOrder, LegacyProduct } from '../../data/types';

export interface CooperativeRecords {
  products: ProductRecord[];
  suppliers: SupplierRecord[];
  orders: OrderRecord[];
  /** Legacy rows refused or repaired, with why. */
  reports: RowReport[];
}

/** Where mappers report rows: `note` for a repaired row, `skip` (returns null) for a dropped one. */
interface Report {
  note(row: string, reason: string): void;
  skip(row: string, reason: string): null;
}

const blankToNull = (value: string | null | undefined): string | null => (value == null || value.trim() === '' ? null : value.trim());

function productOf(p: LegacyProduct, data: LegacyDataset, report: Report): ProductRecord | null {
  const row = `product ${p.code}`;
  const unit = mapUnit(p.unitWord, data.units);
  if (!unit.ok) return report.skip(row, `${unit.reason}; product skipped`);
  const updatedAt = parseLegacyDate(p.updatedDate);
  if (updatedAt === null) return report.skip(row, `updatedDate ${JSON.stringify(p.updatedDate)} is not a YYYYMMDD date; product skipped`);
  if (!Number.isFinite(p.price) || p.price < 0) return report.skip(row, `price ${p.price} is not an amount; product skipped`);
  const category = mapCategory(p.categoryCode, data.categories);
  if (!category.ok) report.note(row, `${category.reason}; classification set to null`);
  const gtin = normalizeGtin(blankToNull(p.gtin));
  if (gtin === null && blankToNull(p.gtin) !== null) report.note(row, `GTIN ${JSON.stringify(p.gtin)} fails its check digit; gtin set to null`);
  return {
    localId: p.code,
    sku: p.code,
    name: p.name,
    spec: blankToNull(p.spec),
    description: blankToNull(p.description),
    classificationCode: category.ok ? category.value : null,
    gtin,
    unit: unit.value,
    price: toMoney(p.price, data.pricesIncludeVat),
    minOrderQuantity: Number.isInteger(p.minOrderQuantity) && p.minOrderQuantity >= 1 ? p.minOrderQuantity : 1,
    supplierLocalId: blankToNull(p.supplierCode),
    updatedAt,
  };
}

function supplierOf(m: LegacyMember, report: Report): SupplierRecord | null {
  const businessNumber = normalizeBusinessNumber(m.businessNumber);
  if (businessNumber === null) return report.skip(`member ${m.code}`, `사업자등록번호 ${JSON.stringify(m.businessNumber)} fails its check; supplier skipped`);
  return { localId: m.code, businessNumber, name: m.name, representative: blankToNull(m.representative), region: blankToNull(m.region) };
}

function orderOf(o: LegacyOrder, data: LegacyDataset, report: Report): OrderRecord | null {
  const row = `order ${o.code}`;
  const orderedAt = parseLegacyDate(o.orderedAt);
  if (orderedAt === null) return report.skip(row, `orderedAt ${JSON.stringify(o.orderedAt)} is not a YYYYMMDDHHmmss time; order skipped`);
  const buyerNumber = normalizeBusinessNumber(o.buyerBusinessNumber);
  if (buyerNumber === null) return report.skip(row, `buyer 사업자등록번호 ${JSON.stringify(o.buyerBusinessNumber)} fails its check; order skipped`);
  if (o.lines.length === 0) return report.skip(row, 'order without lines; order skipped');
  const lines: OrderLineRecord[] = o.lines.map((l) => {
    const unitPrice = toMoney(l.unitPrice, data.pricesIncludeVat);
    return { productLocalId: l.productCode, quantity: l.quantity, unitPrice, amount: multiplyMoney(unitPrice, l.quantity) };
  });
  return {
    localId: o.code,
    buyer: { businessNumber: buyerNumber, name: o.buyerName },
    supplierLocalId: blankToNull(o.supplierCode),
    lines,
    total: lines.reduce((sum, l) => addMoney(sum, l.amount), ZERO_KRW),
    status: o.status,
    orderedAt,
    idempotencyKey: blankToNull(o.idempotencyKey),
  };
}

/** Maps every legacy row; pure apart from the reports it returns. */
export function recordsOf(data: LegacyDataset): CooperativeRecords {
  const reports: RowReport[] = [];
  const report: Report = {
    note: (row, reason) => void reports.push({ row, reason }),
    skip: (row, reason) => {
      reports.push({ row, reason });
      return null;
    },
  };
  const keep = <T>(value: T | null): value is T => value !== null;
  return {
    products: data.products.map((p) => productOf(p, data, report)).filter(keep),
    suppliers: data.members.map((m) => supplierOf(m, report)).filter(keep),
    orders: data.orders.map((o) => orderOf(o, data, report)).filter(keep),
    reports,
  };
}
