/**
 * ITEM_MST queries: which rows are products at all, the ProductFilter as SQL,
 * and the three sort orders. The supply amount is computed in SQL with the
 * integer form of toMoney, so price filters, price order and price stats
 * agree with the mapped records to the won.
 */
import { isValidGtin } from '../../core/domain/gtin';
import type { Keyset, ProductFilter, ProductOrderField } from '../../subgraphs/marketplace/port';
import type { SortDirection } from '../../core/order';
import type { SqlDialect } from './dialect';
import { amountKeyset, dayKeyset, textKeyset } from './cursorKeys';
import type { LegacyKeyset, SortSpec } from './paging';
import { FALSE, inList, notInList, or, raw, sql, type Sql } from './sql';
import { categoriesUnder, type ItemVocabulary } from './vocabulary';

export interface ItemQueryContext {
  dialect: SqlDialect;
  vocabulary: ItemVocabulary;
  pricesIncludeVat: boolean;
}

/** A column of ITEM_MST under alias `i`. */
export function item(column: string, alias = 'i'): Sql {
  return raw(`${alias}.${column}`);
}

export const ITEM_COLUMNS = raw(
  ['ITEM_CD', 'ITEM_NM', 'ITEM_SPEC', 'ITEM_DESC', 'ITEM_CLS_CD', 'ITEM_UNIT', 'SALE_PRC', 'MIN_ORD_QTY', 'BARCODE', 'VEND_CD', 'UPD_DT']
    .map((c) => `i.${c} AS ${c}`)
    .join(', '),
);

/**
 * Supply amount of a stored price: round(10P / 11) when prices include VAT,
 * as `(10P + 5) / 11` in integers (exact for P ≥ 0, see core/domain/legacy toMoney).
 */
export function amountOf(dialect: SqlDialect, price: Sql, pricesIncludeVat: boolean): Sql {
  return pricesIncludeVat ? dialect.intDiv(sql`10 * ${price} + 5`, raw('11')) : price;
}

/** The rows `mapItem` accepts, so LIMIT never counts a row the mapping would drop. */
export function itemIsProduct(q: ItemQueryContext, alias = 'i'): Sql[] {
  const d = q.dialect;
  const col = (c: string) => item(c, alias);
  return [
    inList(d.binary(col('ITEM_UNIT')), q.vocabulary.units),
    d.isInteger(col('SALE_PRC')),
    sql`${col('SALE_PRC')} >= 0`,
    d.isDigits(col('UPD_DT'), 8),
    notInList(d.binary(col('UPD_DT')), q.vocabulary.invalidDays),
    sql`${col('ITEM_NM')} IS NOT NULL`,
  ];
}

export function itemAmount(q: ItemQueryContext, alias = 'i'): Sql {
  return amountOf(q.dialect, item('SALE_PRC', alias), q.pricesIncludeVat);
}

/** The ProductFilter as conditions on ITEM_MST (same semantics as memory.ts matchesProductFilter). */
export function productFilterConditions(q: ItemQueryContext, filter: ProductFilter): Sql[] {
  const d = q.dialect;
  const conditions: Sql[] = [];
  if (filter.text) conditions.push(textCondition(d, filter.text, ['ITEM_NM', 'ITEM_SPEC', 'ITEM_CD'].map((c) => item(c))));
  if (filter.classificationPrefix) {
    conditions.push(inList(d.binary(item('ITEM_CLS_CD')), categoriesUnder(q.vocabulary, filter.classificationPrefix)));
  }
  if (filter.supplierLocalId != null) conditions.push(sql`${d.binary(item('VEND_CD'))} = ${filter.supplierLocalId}`);
  if (filter.gtin != null) conditions.push(gtinCondition(filter.gtin));
  if (filter.minPrice != null) conditions.push(sql`${itemAmount(q)} >= ${filter.minPrice}`);
  if (filter.maxPrice != null) conditions.push(sql`${itemAmount(q)} <= ${filter.maxPrice}`);
  return conditions;
}

/** Case-insensitive (Unicode lower case, NFC) substring of any of `columns`. */
export function textCondition(d: SqlDialect, needle: string, columns: readonly Sql[]): Sql {
  const lowered = needle.normalize('NFC').toLowerCase();
  return or(columns.map((column) => d.contains(d.lowerText(column), sql`${lowered}`)));
}

/** Mapped GTINs are valid and trimmed, so an invalid filter value matches nothing. */
function gtinCondition(gtin: string): Sql {
  return isValidGtin(gtin) ? sql`TRIM(${item('BARCODE')}) = ${gtin}` : FALSE;
}

export function productSort(q: ItemQueryContext, field: ProductOrderField, direction: SortDirection): SortSpec {
  const d = q.dialect;
  const id = d.sortText(item('ITEM_CD'));
  switch (field) {
    case 'NAME':
      return { key: d.sortText(item('ITEM_NM')), id, direction };
    case 'PRICE':
      return { key: itemAmount(q), id, direction };
    case 'UPDATED_AT':
      // YYYYMMDD strings sort as the days they name.
      return { key: d.binary(item('UPD_DT')), id, direction };
  }
}

export function productKeyset(field: ProductOrderField, after: Keyset): LegacyKeyset {
  switch (field) {
    case 'NAME':
      return textKeyset(after);
    case 'PRICE':
      return amountKeyset(after);
    case 'UPDATED_AT':
      return dayKeyset(after);
  }
}
