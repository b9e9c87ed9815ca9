/**
 * Legacy rows → network records, with the checks every adapter applies: an
 * invalid GTIN becomes null, an unmapped category leaves the classification
 * null, an unmapped unit or an unreadable price or date drops the product, an
 * invalid 사업자등록번호 drops the supplier; each is reported with its row.
 * The validity predicates are exported because the query modules push the
 * same rules into SQL (a row dropped after LIMIT would shorten the page).
 */
import { addMoney, multiplyMoney, parseLegacyDate, toMoney, ZERO_KRW } from '../../core/domain/legacy';
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { normalizeGtin } from '../../core/domain/gtin';
import { mapCategory } from '../../core/domain/unspsc';
import { mapUnit } from '../../core/domain/units';
import type { AdapterContext } from '../types';
import type { Money, OrderLineRecord, OrderRecord, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import type { SqlRow } from './dialect';
import { orderStatusOf } from './layout';

export type MappingContext = Pick<AdapterContext, 'config' | 'report'>;

export function text(value: unknown): string {
  return value == null ? '' : String(value);
}

/** Empty legacy text means "not given". */
export function optionalText(value: unknown): string | null {
  const s = text(value);
  return s === '' ? null : s;
}

/** Integers as drivers return them (number, bigint, or digits for BIGINT/DECIMAL); anything else → null. */
export function toInteger(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return Number(value);
  return null;
}

/** A stored price the adapter can convert: a non-negative integer. */
export function isLegacyPrice(value: unknown): boolean {
  const price = toInteger(value);
  return price !== null && price >= 0;
}

/** `YYYYMMDD` exactly, and a real date (string order is then time order). */
export function isLegacyDay(value: unknown): boolean {
  return typeof value === 'string' && /^\d{8}$/.test(value) && parseLegacyDate(value) !== null;
}

/** `YYYYMMDDHHmmss` exactly, and a real time. */
export function isLegacyTimestamp(value: unknown): boolean {
  return typeof value === 'string' && /^\d{14}$/.test(value) && parseLegacyDate(value) !== null;
}

/** Supplier region as the network shows it (also the stats key). */
export function regionOf(area: unknown): string | null {
  return optionalText(area);
}

/** The money of a stored price under the cooperative's VAT convention. */
export function moneyOf(price: number, ctx: MappingContext): Money {
  return toMoney(price, ctx.config.pricesIncludeVat);
}

export function mapItem(row: SqlRow, ctx: MappingContext): ProductRecord | null {
  const localId = text(row.ITEM_CD);
  const where = `ITEM_MST ${localId}`;
  const skip = (reason: string): null => {
    ctx.report({ row: where, reason: `${reason}; product skipped` });
    return null;
  };
  const unit = mapUnit(text(row.ITEM_UNIT), ctx.config.units);
  if (!unit.ok) return skip(unit.reason);
  if (!isLegacyPrice(row.SALE_PRC)) return skip(`SALE_PRC ${JSON.stringify(row.SALE_PRC)} is not a price`);
  if (!isLegacyDay(row.UPD_DT)) return skip(`UPD_DT ${JSON.stringify(row.UPD_DT)} is not a YYYYMMDD date`);
  if (row.ITEM_NM == null) return skip('ITEM_NM is missing');
  return {
    localId,
    sku: localId,
    name: text(row.ITEM_NM),
    spec: optionalText(row.ITEM_SPEC),
    description: optionalText(row.ITEM_DESC),
    classificationCode: classificationOf(row.ITEM_CLS_CD, where, ctx),
    gtin: gtinOf(row.BARCODE, where, ctx),
    unit: unit.value,
    price: moneyOf(toInteger(row.SALE_PRC)!, ctx),
    minOrderQuantity: minOrderQuantityOf(row.MIN_ORD_QTY, where, ctx),
    supplierLocalId: optionalText(row.VEND_CD),
    updatedAt: parseLegacyDate(row.UPD_DT)!,
  };
}

/** UNSPSC code of a local category, or null (reported) when the config does not map it. */
export function classificationOf(category: unknown, where: string, ctx: MappingContext): string | null {
  const mapped = mapCategory(text(category), ctx.config.categories);
  if (mapped.ok) return mapped.value;
  ctx.report({ row: where, reason: `${mapped.reason}; classification left empty` });
  return null;
}

function gtinOf(barcode: unknown, where: string, ctx: MappingContext): string | null {
  const stored = text(barcode).trim();
  if (stored === '') return null;
  const gtin = normalizeGtin(stored);
  if (gtin === null) ctx.report({ row: where, reason: `BARCODE ${JSON.stringify(stored)} is not a valid GTIN; gtin left empty` });
  return gtin;
}

function minOrderQuantityOf(value: unknown, where: string, ctx: MappingContext): number {
  const quantity = toInteger(value);
  if (quantity !== null && quantity >= 1) return quantity;
  ctx.report({ row: where, reason: `MIN_ORD_QTY ${JSON.stringify(value)} is not a positive integer; 1 used` });
  return 1;
}

export function mapVendor(row: SqlRow, ctx: MappingContext): SupplierRecord | null {
  const localId = text(row.VEND_CD);
  const businessNumber = normalizeBusinessNumber(text(row.BIZ_NO));
  if (businessNumber === null || row.VEND_NM == null) {
    const reason = businessNumber === null ? `BIZ_NO ${JSON.stringify(row.BIZ_NO)} is not a valid 사업자등록번호` : 'VEND_NM is missing';
    ctx.report({ row: `VEND_MST ${localId}`, reason: `${reason}; supplier skipped` });
    return null;
  }
  return {
    localId,
    businessNumber,
    name: text(row.VEND_NM),
    representative: optionalText(row.CEO_NM),
    region: regionOf(row.AREA_NM),
  };
}

/** Whether a vendor row passes `mapVendor` (used to push the rule into SQL). */
export function isValidVendorBusinessNumber(value: unknown): boolean {
  return normalizeBusinessNumber(text(value)) !== null;
}

/** A line of ORD_DTL the adapter can read: integer quantity, non-negative integer price. */
export function isValidLine(line: SqlRow): boolean {
  return toInteger(line.ORD_QTY) !== null && isLegacyPrice(line.UNIT_PRC);
}

function mapLine(line: SqlRow, ctx: MappingContext): OrderLineRecord {
  const unitPrice = moneyOf(toInteger(line.UNIT_PRC)!, ctx);
  const quantity = toInteger(line.ORD_QTY)!;
  return { productLocalId: text(line.ITEM_CD), quantity, unitPrice, amount: multiplyMoney(unitPrice, quantity) };
}

export function totalOf(lines: readonly OrderLineRecord[]): Money {
  return lines.reduce((sum, line) => addMoney(sum, line.amount), ZERO_KRW);
}

/** An order header and its detail lines (in LINE_NO order). */
export function mapOrder(header: SqlRow, lines: readonly SqlRow[], ctx: MappingContext): OrderRecord | null {
  const localId = text(header.ORD_NO);
  const where = `ORD_HDR ${localId}`;
  const skip = (reason: string): null => {
    ctx.report({ row: where, reason: `${reason}; order skipped` });
    return null;
  };
  const status = orderStatusOf(header.ORD_STAT);
  if (status === null) return skip(`ORD_STAT ${JSON.stringify(header.ORD_STAT)} is not a known status`);
  if (!isLegacyTimestamp(header.ORD_DTM)) return skip(`ORD_DTM ${JSON.stringify(header.ORD_DTM)} is not a YYYYMMDDHHmmss time`);
  const bad = lines.find((line) => !isValidLine(line));
  if (bad) return skip(`line ${text(bad.LINE_NO)} has quantity ${JSON.stringify(bad.ORD_QTY)} and price ${JSON.stringify(bad.UNIT_PRC)}`);
  const mapped = lines.map((line) => mapLine(line, ctx));
  return {
    localId,
    buyer: { businessNumber: buyerBusinessNumber(header.BUYER_BIZ_NO, where, ctx), name: text(header.BUYER_NM) },
    supplierLocalId: optionalText(header.VEND_CD),
    lines: mapped,
    total: totalOf(mapped),
    status,
    orderedAt: parseLegacyDate(header.ORD_DTM)!,
    idempotencyKey: optionalText(header.IDEMP_KEY),
  };
}

/** Buyers are not members: an invalid number is shown as stored (and reported) rather than hiding the order. */
function buyerBusinessNumber(value: unknown, where: string, ctx: MappingContext): string {
  const normalized = normalizeBusinessNumber(text(value));
  if (normalized !== null) return normalized;
  ctx.report({ row: where, reason: `BUYER_BIZ_NO ${JSON.stringify(value)} is not a valid 사업자등록번호; shown as stored` });
  return text(value);
}
