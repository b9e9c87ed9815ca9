/**
 * The distinct values a legacy column actually holds, judged by the same
 * TypeScript rules the row mapping uses (mapUnit, mapCategory, date and
 * business number checks). Pushing the verdicts into SQL as IN / NOT IN lists
 * keeps SQL and mapping in exact agreement (trimmed words, lower-case codes,
 * 20240231) without re-writing those rules in every dialect. Vocabularies
 * are small (tens of unit words and categories, a few hundred days) and read
 * afresh for each query, so a new word is never missed.
 */
import { mapCategory } from '../../core/domain/unspsc';
import { mapUnit } from '../../core/domain/units';
import type { SqlClient } from './dialect';
import { isLegacyDay, isValidVendorBusinessNumber, text, type MappingContext } from './mapping';
import { raw, sql } from './sql';

export interface ItemVocabulary {
  /** Stored ITEM_UNIT values that map to a Rec 20 code. */
  units: string[];
  /** Stored ITEM_CLS_CD values that map to a UNSPSC code, with the code. */
  categories: Map<string, string>;
  /** Stored UPD_DT values that look like YYYYMMDD but are no date (20240231). */
  invalidDays: string[];
}

/** One round trip for the three item columns. */
export async function loadItemVocabulary(client: SqlClient, ctx: MappingContext): Promise<ItemVocabulary> {
  // Binary grouping: a case-insensitive collation would fold `kg` and `KG`, which map differently.
  const b = (column: string) => client.dialect.binary(raw(column));
  const rows = await client.query(sql`
    SELECT 'U' AS K, ${b('ITEM_UNIT')} AS V FROM ITEM_MST WHERE ITEM_UNIT IS NOT NULL GROUP BY ${b('ITEM_UNIT')}
    UNION ALL SELECT 'C' AS K, ${b('ITEM_CLS_CD')} AS V FROM ITEM_MST WHERE ITEM_CLS_CD IS NOT NULL GROUP BY ${b('ITEM_CLS_CD')}
    UNION ALL SELECT 'D' AS K, ${b('UPD_DT')} AS V FROM ITEM_MST WHERE UPD_DT IS NOT NULL GROUP BY ${b('UPD_DT')}`);
  const vocabulary: ItemVocabulary = { units: [], categories: new Map(), invalidDays: [] };
  for (const row of rows) {
    const value = text(row.V);
    if (row.K === 'U' && mapUnit(value, ctx.config.units).ok) vocabulary.units.push(value);
    if (row.K === 'C') addCategory(vocabulary.categories, value, ctx);
    if (row.K === 'D' && /^\d{8}$/.test(value) && !isLegacyDay(value)) vocabulary.invalidDays.push(value);
  }
  return vocabulary;
}

function addCategory(categories: Map<string, string>, stored: string, ctx: MappingContext): void {
  const mapped = mapCategory(stored, ctx.config.categories);
  if (mapped.ok) categories.set(stored, mapped.value);
}

/** Stored categories whose UNSPSC code starts with `prefix`. */
export function categoriesUnder(vocabulary: ItemVocabulary, prefix: string): string[] {
  return [...vocabulary.categories].filter(([, code]) => code.startsWith(prefix)).map(([stored]) => stored);
}

/** Stored BIZ_NO values that fail the 사업자등록번호 check (usually none or a handful). */
export async function loadInvalidBusinessNumbers(client: SqlClient): Promise<string[]> {
  const bizNo = client.dialect.binary(raw('BIZ_NO'));
  const rows = await client.query(sql`SELECT ${bizNo} AS V FROM VEND_MST WHERE BIZ_NO IS NOT NULL GROUP BY ${bizNo}`);
  return rows.map((row) => text(row.V)).filter((value) => !isValidVendorBusinessNumber(value));
}
