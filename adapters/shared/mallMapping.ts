/**
 * Shopping-mall rows → the network's records (port.ts), through the
 * cooperative's config: prices to Money excluding VAT, YYYYMMDD to ISO
 * instants, local categories to UNSPSC, unit words to Rec 20, GTIN and
 * 사업자등록번호 checked. A row that cannot be trusted is reported with its
 * code and the reason; it is skipped when a required field is unusable and
 * repaired (field set to null) when only an optional one is.
 *
 * The rules know no field names: each mall (REST/JSON, SOAP/XML…) passes its
 * own names (`RowNames`), which the reports use, so a cooperative's IT person
 * finds the row (`goods P-1: salePrc "가격문의" is not an amount`,
 * `item P-1: SalePrice "가격문의" is not an amount`).
 */
import type { CoopConfig } from '../../core/coopConfig';
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { normalizeGtin } from '../../core/domain/gtin';
import { addMoney, multiplyMoney, parseAmount, parseLegacyDate, toMoney, ZERO_KRW } from '../../core/domain/legacy';
import { mapUnit } from '../../core/domain/units';
import { mapCategory } from '../../core/domain/unspsc';
import type { OrderLineRecord, OrderRecord, OrderStatus, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import type { RowReport } from '../types';

export interface MappingContext {
  config: Pick<CoopConfig, 'pricesIncludeVat' | 'categories' | 'units'>;
  report(issue: RowReport): void;
}

export type ProductField = 'code' | 'name' | 'spec' | 'description' | 'category' | 'unit' | 'price' | 'minOrderQuantity' | 'barcode' | 'supplier' | 'updated';
export type SupplierField = 'code' | 'name' | 'businessNumber' | 'representative' | 'region';
export type OrderField = 'code' | 'orderedAt' | 'status' | 'buyerBusinessNumber' | 'buyerName' | 'supplier' | 'clientOrderKey' | 'lines';
export type OrderLineField = 'product' | 'quantity' | 'unitPrice';

/** A mall's own names for one kind of row: the word reports call it by, and each field's name. */
export interface RowNames<Field extends string, Name extends string = string> {
  readonly row: string;
  readonly fields: Readonly<Record<Field, Name>>;
}

export interface OrderNames<Name extends string = string, LineName extends string = string> extends RowNames<OrderField, Name> {
  readonly lineFields: Readonly<Record<OrderLineField, LineName>>;
  /** The mall's status values (codes or words) → the network's status; a value not here is reported. */
  readonly statuses: Readonly<Record<string, OrderStatus>>;
  /** What reports call a status value: `code`, `word`. */
  readonly statusNoun: string;
  /** The line rows in the lines field's value (REST: the array itself; SOAP: its repeated element). */
  linesOf(value: unknown): unknown;
}

/** A trimmed string, or null for missing/empty values (numbers are accepted: some malls send codes as numbers). */
export function text(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** A positive integer from "10", "1,000" or 10; else null. */
export function positiveInt(value: unknown): number | null {
  const n = parseAmount(value);
  return n !== null && Number.isInteger(n) && n >= 1 ? n : null;
}

type Row = Readonly<Record<string, unknown>>;

/** A row's fields by their neutral names; anything that is not an object reads as an empty row. */
function fieldsOf<F extends string>(row: unknown, fields: Readonly<Record<F, string>>): (field: F) => unknown {
  const source: Row = row !== null && typeof row === 'object' && !Array.isArray(row) ? (row as Row) : {};
  return (field) => source[fields[field]];
}

/** Reports a row and says "skip it" (null), so mappers can `return skip(…)`. */
function skip(ctx: MappingContext, row: string, reason: string): null {
  ctx.report({ row, reason });
  return null;
}

// ───────────────────────────── product ─────────────────────────────

export function mapProductRow(raw: unknown, names: RowNames<ProductField>, ctx: MappingContext): ProductRecord | null {
  const f = names.fields;
  const get = fieldsOf(raw, f);
  const code = text(get('code'));
  if (code === null) return skip(ctx, `${names.row} (no ${f.code})`, `${names.row} row without ${f.code}`);
  const row = `${names.row} ${code}`;
  const name = text(get('name'));
  if (name === null) return skip(ctx, row, `${f.name} is empty`);
  const unit = mapUnit(text(get('unit')) ?? '', ctx.config.units);
  if (!unit.ok) return skip(ctx, row, `${unit.reason}; product skipped (unit is required)`);
  const price = parseAmount(get('price'));
  if (price === null || price < 0) return skip(ctx, row, `${f.price} ${JSON.stringify(get('price'))} is not an amount`);
  const updatedAt = parseLegacyDate(get('updated'));
  if (updatedAt === null) return skip(ctx, row, `${f.updated} ${JSON.stringify(get('updated'))} is not a valid YYYYMMDD date`);
  const check = { get, f, row, ctx };
  return {
    localId: code,
    sku: code,
    name,
    spec: text(get('spec')),
    description: text(get('description')),
    classificationCode: classificationOf(check),
    gtin: gtinOf(check),
    unit: unit.value,
    price: toMoney(price, ctx.config.pricesIncludeVat),
    minOrderQuantity: minOrderQuantityOf(check),
    supplierLocalId: text(get('supplier')),
    updatedAt,
  };
}

interface FieldCheck {
  get(field: ProductField): unknown;
  f: Readonly<Record<ProductField, string>>;
  row: string;
  ctx: MappingContext;
}

/** Unmapped category: the product stays, without a classification. */
function classificationOf({ get, f, row, ctx }: FieldCheck): string | null {
  const local = text(get('category'));
  if (local === null) return skip(ctx, row, `${f.category} is empty; classification set to null`);
  const mapped = mapCategory(local, ctx.config.categories);
  return mapped.ok ? mapped.value : skip(ctx, row, `${mapped.reason}; classification set to null`);
}

/** An empty barcode is just missing; a non-empty invalid one is junk worth reporting. */
function gtinOf({ get, f, row, ctx }: FieldCheck): string | null {
  const raw = text(get('barcode'));
  if (raw === null) return null;
  return normalizeGtin(raw) ?? skip(ctx, row, `${f.barcode} ${JSON.stringify(raw)} is not a valid GTIN; gtin set to null`);
}

function minOrderQuantityOf({ get, f, row, ctx }: FieldCheck): number {
  const value = get('minOrderQuantity');
  if (value === undefined || value === null || value === '') return 1;
  const moq = positiveInt(value);
  if (moq !== null) return moq;
  ctx.report({ row, reason: `${f.minOrderQuantity} ${JSON.stringify(value)} is not a positive integer; using 1` });
  return 1;
}

// ───────────────────────────── supplier ─────────────────────────────

export function mapSupplierRow(raw: unknown, names: RowNames<SupplierField>, ctx: MappingContext): SupplierRecord | null {
  const f = names.fields;
  const get = fieldsOf(raw, f);
  const code = text(get('code'));
  if (code === null) return skip(ctx, `${names.row} (no ${f.code})`, `${names.row} row without ${f.code}`);
  const row = `${names.row} ${code}`;
  const businessNumber = normalizeBusinessNumber(text(get('businessNumber')) ?? '');
  if (businessNumber === null) return skip(ctx, row, `${f.businessNumber} ${JSON.stringify(get('businessNumber'))} is not a valid 사업자등록번호; supplier skipped`);
  const name = text(get('name'));
  if (name === null) return skip(ctx, row, `${f.name} is empty`);
  return { localId: code, businessNumber, name, representative: text(get('representative')), region: text(get('region')) };
}

// ───────────────────────────── order ─────────────────────────────

export function mapOrderRow(raw: unknown, names: OrderNames, ctx: MappingContext): OrderRecord | null {
  const f = names.fields;
  const get = fieldsOf(raw, f);
  const code = text(get('code'));
  if (code === null) return skip(ctx, `${names.row} (no ${f.code})`, `${names.row} row without ${f.code}`);
  const row = `${names.row} ${code}`;
  // Own keys only: a status like "constructor" must not read Object.prototype.
  const statusValue = text(get('status')) ?? '';
  const status = Object.hasOwn(names.statuses, statusValue) ? names.statuses[statusValue] : undefined;
  if (!status) return skip(ctx, row, `${f.status} ${JSON.stringify(get('status'))} is not a known status ${names.statusNoun}`);
  const orderedAt = parseLegacyDate(get('orderedAt'));
  if (orderedAt === null) return skip(ctx, row, `${f.orderedAt} ${JSON.stringify(get('orderedAt'))} is not a valid date`);
  const buyerNumber = normalizeBusinessNumber(text(get('buyerBusinessNumber')) ?? '');
  if (buyerNumber === null) return skip(ctx, row, `${f.buyerBusinessNumber} ${JSON.stringify(get('buyerBusinessNumber'))} is not a valid 사업자등록번호`);
  const lines = mapOrderLines(names.linesOf(get('lines')), names, row, ctx);
  if (lines === null) return null;
  return {
    localId: code,
    buyer: { businessNumber: buyerNumber, name: text(get('buyerName')) ?? '' },
    supplierLocalId: text(get('supplier')),
    lines,
    // Line amount = quantity × unit price, total = Σ lines (PEPPOL): the mall's own total is not trusted.
    total: lines.reduce((sum, l) => addMoney(sum, l.amount), ZERO_KRW),
    status,
    orderedAt,
    idempotencyKey: text(get('clientOrderKey')),
  };
}

function mapOrderLines(items: unknown, names: OrderNames, row: string, ctx: MappingContext): OrderLineRecord[] | null {
  if (!Array.isArray(items) || items.length === 0) return skip(ctx, row, `${names.fields.lines} is empty`);
  const f = names.lineFields;
  const lines: OrderLineRecord[] = [];
  for (const [i, item] of items.entries()) {
    const get = fieldsOf(item, f);
    const productLocalId = text(get('product'));
    const quantity = positiveInt(get('quantity'));
    const price = parseAmount(get('unitPrice'));
    if (productLocalId === null || quantity === null || price === null || price < 0) {
      const shown = (field: OrderLineField) => `${f[field]} ${JSON.stringify(get(field))}`;
      return skip(ctx, row, `item ${i + 1} is unreadable (${shown('product')}, ${shown('quantity')}, ${shown('unitPrice')})`);
    }
    const unitPrice = toMoney(price, ctx.config.pricesIncludeVat);
    lines.push({ productLocalId, quantity, unitPrice, amount: multiplyMoney(unitPrice, quantity) });
  }
  return lines;
}
