/**
 * ORD_HDR / ORD_DTL queries: which orders are readable, the OrderFilter as
 * SQL, the ORDERED_AT order, and the one-query fetch of headers with lines.
 */
import { badInput } from '../../core/errors';
import type { SortDirection } from '../../core/order';
import type { OrderFilter } from '../../subgraphs/marketplace/port';
import { ceilToSecond, toLegacyTimestamp } from './cursorKeys';
import type { SqlClient, SqlDialect, SqlRow } from './dialect';
import { KNOWN_STATUS_WORDS, wordsOf } from './layout';
import { mapOrder, text, type MappingContext } from './mapping';
import type { SortSpec } from './paging';
import { inList, raw, sql, type Sql } from './sql';
import { businessNumberDigits } from './suppliers';
import type { OrderRecord } from '../../subgraphs/marketplace/port';

/** A column of ORD_HDR under alias `h`. */
export function header(column: string, alias = 'h'): Sql {
  return raw(`${alias}.${column}`);
}

const HEADER_COLUMNS = ['ORD_NO', 'BUYER_BIZ_NO', 'BUYER_NM', 'VEND_CD', 'ORD_STAT', 'ORD_DTM', 'SHIP_DTM', 'CARRIER_NM', 'TRACK_NO', 'INV_NO', 'IDEMP_KEY'];
const LINE_COLUMNS = ['LINE_NO', 'ITEM_CD', 'ORD_QTY', 'UNIT_PRC'];

/**
 * The orders `mapOrder` accepts: a known status word, a 14-digit time, and no
 * unreadable line. (A 14-digit time that is no real time, 20240231…, is
 * still only caught by the mapping.)
 */
export function orderIsReadable(d: SqlDialect, alias = 'h'): Sql[] {
  const badLine = sql`NOT (${d.isInteger(raw('x.ORD_QTY'))} AND ${d.isInteger(raw('x.UNIT_PRC'))} AND x.UNIT_PRC >= 0)`;
  return [
    inList(d.binary(header('ORD_STAT', alias)), KNOWN_STATUS_WORDS),
    d.isDigits(header('ORD_DTM', alias), 14),
    sql`NOT EXISTS (SELECT 1 FROM ORD_DTL x WHERE x.ORD_NO = ${header('ORD_NO', alias)} AND ${badLine})`,
  ];
}

/** An OrderFilter bound as `YYYYMMDDHHmmss`: ORD_DTM has whole seconds, so bounds round up to one. */
function legacyBound(instant: string, name: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw badInput(`${name} ${JSON.stringify(instant)} is not a date-time`);
  return toLegacyTimestamp(ceilToSecond(ms));
}

/** Same semantics as memory.ts matchesOrderFilter. */
export function orderFilterConditions(d: SqlDialect, filter: OrderFilter, alias = 'h'): Sql[] {
  const col = (c: string) => header(c, alias);
  const conditions: Sql[] = [];
  if (filter.status != null) conditions.push(inList(d.binary(col('ORD_STAT')), wordsOf(filter.status)));
  if (filter.from != null) conditions.push(sql`${d.binary(col('ORD_DTM'))} >= ${legacyBound(filter.from, 'from')}`);
  if (filter.to != null) conditions.push(sql`${d.binary(col('ORD_DTM'))} < ${legacyBound(filter.to, 'to')}`);
  if (filter.buyerBusinessNumber != null) {
    conditions.push(sql`${businessNumberDigits(col('BUYER_BIZ_NO'))} = ${filter.buyerBusinessNumber.replace(/-/g, '')}`);
  }
  if (filter.supplierLocalId != null) conditions.push(sql`${d.binary(col('VEND_CD'))} = ${filter.supplierLocalId}`);
  return conditions;
}

/** Newest first is the usual request; either way ties go by ORD_NO ascending. */
export function orderSort(d: SqlDialect, direction: SortDirection): SortSpec {
  return { key: d.binary(header('ORD_DTM')), id: d.sortText(header('ORD_NO')), direction };
}

export interface FetchedOrder {
  /** The ORD_HDR row (the erp role reads shipping and invoice columns from it). */
  header: SqlRow;
  order: OrderRecord;
}

/**
 * Headers with their lines in ONE query (a LEFT JOIN, folded here), mapped;
 * keyed by ORD_NO. Orders the mapping refuses are absent (and reported).
 */
export async function fetchOrders(client: SqlClient, orderNos: readonly string[], ctx: MappingContext): Promise<Map<string, FetchedOrder>> {
  if (orderNos.length === 0) return new Map();
  const columns = raw([...HEADER_COLUMNS.map((c) => `h.${c} AS ${c}`), ...LINE_COLUMNS.map((c) => `d.${c} AS ${c}`)].join(', '));
  const rows = await client.query(sql`
    SELECT ${columns} FROM ORD_HDR h LEFT JOIN ORD_DTL d ON d.ORD_NO = h.ORD_NO
    WHERE ${inList(raw('h.ORD_NO'), [...new Set(orderNos)])}
    ORDER BY h.ORD_NO, d.LINE_NO`);
  const orders = new Map<string, FetchedOrder>();
  for (const [orderNo, group] of groupRows(rows, (row) => text(row.ORD_NO))) {
    const lines = group[0].LINE_NO == null ? [] : group; // LEFT JOIN: an order without lines gives one row of nulls
    const order = mapOrder(group[0], lines, ctx);
    if (order) orders.set(orderNo, { header: group[0], order });
  }
  return orders;
}

/** Consecutive-or-not rows grouped by key, in first-seen order. */
export function groupRows(rows: readonly SqlRow[], keyOf: (row: SqlRow) => string): Map<string, SqlRow[]> {
  const groups = new Map<string, SqlRow[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}
