/**
 * VEND_MST queries: which vendors are suppliers (a valid 사업자등록번호),
 * the SupplierFilter as SQL, and the name order.
 */
import type { SortDirection } from '../../core/order';
import type { SupplierFilter } from '../../subgraphs/marketplace/port';
import type { SqlDialect } from './dialect';
import type { SortSpec } from './paging';
import { textCondition } from './products';
import { FALSE, notInList, raw, sql, type Sql } from './sql';

/** A column of VEND_MST under alias `v`. */
export function vendor(column: string, alias = 'v'): Sql {
  return raw(`${alias}.${column}`);
}

export const VEND_COLUMNS = raw(['VEND_CD', 'VEND_NM', 'BIZ_NO', 'CEO_NM', 'AREA_NM'].map((c) => `v.${c} AS ${c}`).join(', '));

/** The rows `mapVendor` accepts; `invalidBusinessNumbers` comes from the vocabulary. */
export function vendorIsSupplier(d: SqlDialect, invalidBusinessNumbers: readonly string[], alias = 'v'): Sql[] {
  return [notInList(d.binary(vendor('BIZ_NO', alias)), invalidBusinessNumbers), sql`${vendor('VEND_NM', alias)} IS NOT NULL`];
}

/** Stored number without hyphens and spaces (as businessNumberDigits reads it). */
export function businessNumberDigits(column: Sql): Sql {
  return sql`REPLACE(REPLACE(${column}, '-', ''), ' ', '')`;
}

/** The number as the network shows it, XXX-XX-XXXXX (for valid rows). */
function formattedBusinessNumber(d: SqlDialect, column: Sql): Sql {
  const digits = businessNumberDigits(column);
  return d.concat([sql`SUBSTR(${digits}, 1, 3)`, sql`'-'`, sql`SUBSTR(${digits}, 4, 2)`, sql`'-'`, sql`SUBSTR(${digits}, 6)`]);
}

/** Same semantics as memory.ts matchesSupplierFilter. */
export function supplierFilterConditions(d: SqlDialect, filter: SupplierFilter): Sql[] {
  const conditions: Sql[] = [];
  if (filter.text) {
    const columns = [vendor('VEND_NM'), vendor('CEO_NM'), formattedBusinessNumber(d, vendor('BIZ_NO'))];
    conditions.push(textCondition(d, filter.text, columns));
  }
  // An empty region is shown as null, so an empty filter value matches no supplier.
  if (filter.region != null) conditions.push(filter.region === '' ? FALSE : sql`${d.binary(vendor('AREA_NM'))} = ${filter.region}`);
  if (filter.businessNumber != null) {
    conditions.push(sql`${businessNumberDigits(vendor('BIZ_NO'))} = ${filter.businessNumber.replace(/-/g, '')}`);
  }
  return conditions;
}

export function supplierSort(d: SqlDialect, direction: SortDirection): SortSpec {
  return { key: d.sortText(vendor('VEND_NM')), id: d.sortText(vendor('VEND_CD')), direction };
}
