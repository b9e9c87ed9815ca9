/**
 * Legacy mall rows → the network's records (port.ts), through the
 * cooperative's config: prices to Money excluding VAT, YYYYMMDD to ISO
 * instants, local categories to UNSPSC, unit words to Rec 20, GTIN and
 * 사업자등록번호 checked. A row that cannot be trusted is reported with its
 * code and the reason; it is skipped when a required field is unusable and
 * repaired (field set to null) when only an optional one is.
 */
import type { CoopConfig } from '../../core/coopConfig';
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { normalizeGtin } from '../../core/domain/gtin';
import { addMoney, multiplyMoney, parseAmount, parseLegacyDate, toMoney, ZERO_KRW } from '../../core/domain/legacy';
import { mapUnit } from '../../core/domain/units';
import { mapCategory } from '../../core/domain/unspsc';
import type { OrderLineRecord, OrderRecord, ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';
import type { RowReport } from '../types';
import { ORDER_STATUS_BY_CODE, type GoodsWire, type OrderItemWire, type OrderWire, type VendorWire } from './wire';

export interface MappingContext {
  config: Pick<CoopConfig, 'pricesIncludeVat' | 'categories' | 'units'>;
  report(issue: RowReport): void;
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

/** Reports a row and says "skip it" (null), so mappers can `return skip(…)`. */
function skip(ctx: MappingContext, row: string, reason: string): null {
  ctx.report({ row, reason });
  return null;
}

// ───────────────────────────── goods → ProductRecord ─────────────────────────────

export function mapGoods(g: GoodsWire, ctx: MappingContext): ProductRecord | null {
  const code = text(g.goodsNo);
  if (code === null) return skip(ctx, 'goods (no goodsNo)', 'goods row without goodsNo');
  const row = `goods ${code}`;
  const name = text(g.goodsNm);
  if (name === null) return skip(ctx, row, 'goodsNm is empty');
  const unit = mapUnit(text(g.unitNm) ?? '', ctx.config.units);
  if (!unit.ok) return skip(ctx, row, `${unit.reason}; product skipped (unit is required)`);
  const price = parseAmount(g.salePrc);
  if (price === null || price < 0) return skip(ctx, row, `salePrc ${JSON.stringify(g.salePrc)} is not an amount`);
  const updatedAt = parseLegacyDate(g.updDt);
  if (updatedAt === null) return skip(ctx, row, `updDt ${JSON.stringify(g.updDt)} is not a valid YYYYMMDD date`);
  return {
    localId: code,
    sku: code,
    name,
    spec: text(g.goodsSpec),
    description: text(g.goodsDesc),
    classificationCode: classificationOf(g, row, ctx),
    gtin: gtinOf(g, row, ctx),
    unit: unit.value,
    price: toMoney(price, ctx.config.pricesIncludeVat),
    minOrderQuantity: minOrderQuantityOf(g, row, ctx),
    supplierLocalId: text(g.vendorCd),
    updatedAt,
  };
}

/** Unmapped category: the product stays, without a classification. */
function classificationOf(g: GoodsWire, row: string, ctx: MappingContext): string | null {
  const local = text(g.ctgryCd);
  if (local === null) return skip(ctx, row, 'ctgryCd is empty; classification set to null');
  const mapped = mapCategory(local, ctx.config.categories);
  return mapped.ok ? mapped.value : skip(ctx, row, `${mapped.reason}; classification set to null`);
}

/** An empty barcode is just missing; a non-empty invalid one is junk worth reporting. */
function gtinOf(g: GoodsWire, row: string, ctx: MappingContext): string | null {
  const raw = text(g.barcode);
  if (raw === null) return null;
  return normalizeGtin(raw) ?? skip(ctx, row, `barcode ${JSON.stringify(raw)} is not a valid GTIN; gtin set to null`);
}

function minOrderQuantityOf(g: GoodsWire, row: string, ctx: MappingContext): number {
  if (g.minOrdQty === undefined || g.minOrdQty === null || g.minOrdQty === '') return 1;
  const moq = positiveInt(g.minOrdQty);
  if (moq !== null) return moq;
  ctx.report({ row, reason: `minOrdQty ${JSON.stringify(g.minOrdQty)} is not a positive integer; using 1` });
  return 1;
}

// ───────────────────────────── vendor → SupplierRecord ─────────────────────────────

export function mapVendor(v: VendorWire, ctx: MappingContext): SupplierRecord | null {
  const code = text(v.vendorCd);
  if (code === null) return skip(ctx, 'vendor (no vendorCd)', 'vendor row without vendorCd');
  const row = `vendor ${code}`;
  const businessNumber = normalizeBusinessNumber(text(v.bizrNo) ?? '');
  if (businessNumber === null) return skip(ctx, row, `bizrNo ${JSON.stringify(v.bizrNo)} is not a valid 사업자등록번호; supplier skipped`);
  const name = text(v.vendorNm);
  if (name === null) return skip(ctx, row, 'vendorNm is empty');
  return { localId: code, businessNumber, name, representative: text(v.ceoNm), region: text(v.areaNm) };
}

// ───────────────────────────── order → OrderRecord ─────────────────────────────

export function mapOrder(o: OrderWire, ctx: MappingContext): OrderRecord | null {
  const code = text(o.ordNo);
  if (code === null) return skip(ctx, 'order (no ordNo)', 'order row without ordNo');
  const row = `order ${code}`;
  // Own keys only: a status like "constructor" must not read Object.prototype.
  const statusCode = text(o.ordStat) ?? "";
  const status = Object.hasOwn(ORDER_STATUS_BY_CODE, statusCode) ? ORDER_STATUS_BY_CODE[statusCode as keyof typeof ORDER_STATUS_BY_CODE] : undefined;
  if (!status) return skip(ctx, row, `ordStat ${JSON.stringify(o.ordStat)} is not a known status code`);
  const orderedAt = parseLegacyDate(o.ordDt);
  if (orderedAt === null) return skip(ctx, row, `ordDt ${JSON.stringify(o.ordDt)} is not a valid date`);
  const buyerNumber = normalizeBusinessNumber(text(o.buyerBizrNo) ?? '');
  if (buyerNumber === null) return skip(ctx, row, `buyerBizrNo ${JSON.stringify(o.buyerBizrNo)} is not a valid 사업자등록번호`);
  const lines = mapOrderLines(o.itemList, row, ctx);
  if (lines === null) return null;
  return {
    localId: code,
    buyer: { businessNumber: buyerNumber, name: text(o.buyerNm) ?? '' },
    supplierLocalId: text(o.vendorCd),
    lines,
    // Line amount = quantity × unit price, total = Σ lines (PEPPOL): the mall's own totAmt is not trusted.
    total: lines.reduce((sum, l) => addMoney(sum, l.amount), ZERO_KRW),
    status,
    orderedAt,
    idempotencyKey: text(o.clientOrderKey),
  };
}

function mapOrderLines(items: unknown, row: string, ctx: MappingContext): OrderLineRecord[] | null {
  if (!Array.isArray(items) || items.length === 0) return skip(ctx, row, 'itemList is empty');
  const lines: OrderLineRecord[] = [];
  for (const [i, item] of (items as OrderItemWire[]).entries()) {
    const productLocalId = text(item?.goodsNo);
    const quantity = positiveInt(item?.ordQty);
    const price = parseAmount(item?.ordPrc);
    if (productLocalId === null || quantity === null || price === null || price < 0) {
      return skip(ctx, row, `item ${i + 1} is unreadable (goodsNo ${JSON.stringify(item?.goodsNo)}, ordQty ${JSON.stringify(item?.ordQty)}, ordPrc ${JSON.stringify(item?.ordPrc)})`);
    }
    const unitPrice = toMoney(price, ctx.config.pricesIncludeVat);
    lines.push({ productLocalId, quantity, unitPrice, amount: multiplyMoney(unitPrice, quantity) });
  }
  return lines;
}
