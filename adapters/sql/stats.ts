/**
 * Stats pushed into SQL: the database groups by what it stores (local
 * category, vendor area, month, status word) and aggregates amounts; the
 * adapter then maps each group's key to the network's terms (category →
 * segment/family, 'YYYYMM' → 'YYYY-MM', word → status) and merges groups
 * that map to the same bucket: counts and sums add, min/max combine.
 */
import { familyOf, segmentOf } from '../../core/domain/unspsc';
import type {
  AmountAggregate,
  OrderDimension,
  OrderFilter,
  OrderStatsRow,
  ProductDimension,
  ProductFilter,
  ProductStatsRow,
} from '../../subgraphs/marketplace/port';
import type { SqlClient, SqlRow } from './dialect';
import { orderStatusOf } from './layout';
import { regionOf, text } from './mapping';
import { header, orderFilterConditions, orderIsReadable } from './orders';
import { amountOf, item, itemAmount, itemIsProduct, productFilterConditions, type ItemQueryContext } from './products';
import { and, join, raw, sql, type Sql } from './sql';
import { vendor, vendorIsSupplier } from './suppliers';

/** A selected group key: its expression and the alias it is read back by. */
interface GroupKey {
  expr: Sql;
  alias: string;
}

/** `SELECT keys…, aggregates FROM … GROUP BY 1, 2…` (ordinals: PostgreSQL rejects repeated expressions whose parameters are numbered apart). */
function groupedSelect(keys: readonly GroupKey[], aggregates: Sql, from: Sql): Sql {
  const selected = [...keys.map((k) => sql`${k.expr} AS ${raw(k.alias)}`), aggregates];
  const groupBy = keys.length ? raw(` GROUP BY ${keys.map((_, i) => i + 1).join(', ')}`) : raw('');
  return sql`SELECT ${join(selected, ', ')} FROM ${from}${groupBy}`;
}

function aggregateOf(row: SqlRow): AmountAggregate {
  return { count: Number(row.N), sum: Number(row.S ?? 0), min: toNumber(row.LO), max: toNumber(row.HI) };
}

function toNumber(value: unknown): number | null {
  return value == null ? null : Number(value);
}

function combine<T extends AmountAggregate>(a: T, b: AmountAggregate): T {
  return {
    ...a,
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: a.min === null ? b.min : b.min === null ? a.min : Math.min(a.min, b.min),
    max: a.max === null ? b.max : b.max === null ? a.max : Math.max(a.max, b.max),
  };
}

/** Merges buckets with equal key fields (several local groups can map to one network bucket). */
export function mergeBuckets<T extends AmountAggregate>(
  buckets: readonly T[],
  keyOf: (bucket: T) => string,
  merge: (a: T, b: T) => T = combine,
): T[] {
  const merged = new Map<string, T>();
  for (const bucket of buckets) {
    if (bucket.count === 0) continue; // an ungrouped aggregate over no rows
    const key = keyOf(bucket);
    const seen = merged.get(key);
    merged.set(key, seen ? merge(seen, bucket) : bucket);
  }
  return [...merged.values()];
}

export async function productStats(
  client: SqlClient,
  q: ItemQueryContext,
  invalidBusinessNumbers: readonly string[],
  filter: ProductFilter,
  dimensions: readonly ProductDimension[],
): Promise<ProductStatsRow[]> {
  const rows = await client.query(productStatsQuery(q, invalidBusinessNumbers, filter, dimensions));
  const buckets = rows.map((row) => productBucketOf(row, q, dimensions));
  return mergeBuckets(buckets, (b) => JSON.stringify([b.segment, b.family, b.supplierRegion]));
}

function productStatsQuery(q: ItemQueryContext, invalidBusinessNumbers: readonly string[], filter: ProductFilter, dimensions: readonly ProductDimension[]): Sql {
  const d = q.dialect;
  const byRegion = dimensions.includes('SUPPLIER_REGION');
  const keys: GroupKey[] = [];
  if (dimensions.includes('SEGMENT') || dimensions.includes('FAMILY')) keys.push({ expr: d.binary(item('ITEM_CLS_CD')), alias: 'CAT' });
  // A vendor the mapping drops is no supplier, so its products have no region (as in memory.ts).
  if (byRegion) keys.push({ expr: sql`CASE WHEN ${and(vendorIsSupplier(d, invalidBusinessNumbers))} THEN ${vendor('AREA_NM')} END`, alias: 'AREA' });
  const amount = itemAmount(q);
  const vendorJoin = byRegion ? sql` LEFT JOIN VEND_MST v ON ${d.binary(vendor('VEND_CD'))} = ${item('VEND_CD')}` : raw('');
  const where = and([...itemIsProduct(q), ...productFilterConditions(q, filter)]);
  const aggregates = sql`COUNT(*) AS N, SUM(${amount}) AS S, MIN(${amount}) AS LO, MAX(${amount}) AS HI`;
  return groupedSelect(keys, aggregates, sql`ITEM_MST i${vendorJoin} WHERE ${where}`);
}

/** UNSPSC code of a grouped local category (null when not grouped by it or unmapped). */
function codeOf(row: SqlRow, q: ItemQueryContext): string | null {
  return row.CAT == null ? null : q.vocabulary.categories.get(text(row.CAT)) ?? null;
}

function productBucketOf(row: SqlRow, q: ItemQueryContext, dimensions: readonly ProductDimension[]): ProductStatsRow {
  const code = codeOf(row, q);
  return {
    segment: dimensions.includes('SEGMENT') && code ? segmentOf(code) : null,
    family: dimensions.includes('FAMILY') && code ? familyOf(code) : null,
    supplierRegion: dimensions.includes('SUPPLIER_REGION') ? regionOf(row.AREA) : null,
    ...aggregateOf(row),
  };
}

/**
 * The segment of an order is that of its first line's product (memory.ts
 * orderSegment): the category of the lowest LINE_NO's item, when that item is
 * a product at all.
 */
function firstLineCategory(q: ItemQueryContext): Sql {
  const d = q.dialect;
  return sql`(SELECT CASE WHEN ${and(itemIsProduct(q, 'fi'))} THEN ${d.binary(item('ITEM_CLS_CD', 'fi'))} END
    FROM ORD_DTL f JOIN ITEM_MST fi ON ${d.binary(item('ITEM_CD', 'fi'))} = f.ITEM_CD
    WHERE f.ORD_NO = h.ORD_NO AND f.LINE_NO = (SELECT MIN(m.LINE_NO) FROM ORD_DTL m WHERE m.ORD_NO = h.ORD_NO))`;
}

/** One row per readable order: its month, status word, first line's category, total amount and quantity. */
function perOrderQuery(q: ItemQueryContext, filter: OrderFilter, bySegment: boolean): Sql {
  const d = q.dialect;
  const lineAmount = sql`x.ORD_QTY * (${amountOf(d, raw('x.UNIT_PRC'), q.pricesIncludeVat)})`;
  return sql`SELECT
      SUBSTR(${header('ORD_DTM')}, 1, 6) AS MON,
      ${d.binary(header('ORD_STAT'))} AS STAT,
      ${bySegment ? firstLineCategory(q) : raw('NULL')} AS CAT,
      COALESCE((SELECT SUM(${lineAmount}) FROM ORD_DTL x WHERE x.ORD_NO = h.ORD_NO), 0) AS T,
      COALESCE((SELECT SUM(x.ORD_QTY) FROM ORD_DTL x WHERE x.ORD_NO = h.ORD_NO), 0) AS Q
    FROM ORD_HDR h WHERE ${and([...orderIsReadable(d), ...orderFilterConditions(d, filter)])}`;
}

export async function orderStats(
  client: SqlClient,
  q: ItemQueryContext,
  filter: OrderFilter,
  dimensions: readonly OrderDimension[],
): Promise<OrderStatsRow[]> {
  const keys: GroupKey[] = [];
  if (dimensions.includes('MONTH')) keys.push({ expr: raw('o.MON'), alias: 'MON' });
  if (dimensions.includes('STATUS')) keys.push({ expr: raw('o.STAT'), alias: 'STAT' });
  if (dimensions.includes('SEGMENT')) keys.push({ expr: raw('o.CAT'), alias: 'CAT' });
  const aggregates = sql`COUNT(*) AS N, SUM(o.T) AS S, MIN(o.T) AS LO, MAX(o.T) AS HI, SUM(o.Q) AS QTY`;
  const perOrder = perOrderQuery(q, filter, dimensions.includes('SEGMENT'));
  const rows = await client.query(groupedSelect(keys, aggregates, sql`(${perOrder}) o`));
  return mergeBuckets(
    rows.map((row) => orderBucketOf(row, q, dimensions)),
    (b) => JSON.stringify([b.month, b.segment, b.status]),
    (a, b) => ({ ...combine(a, b), quantity: a.quantity + b.quantity }),
  );
}

function orderBucketOf(row: SqlRow, q: ItemQueryContext, dimensions: readonly OrderDimension[]): OrderStatsRow {
  const code = codeOf(row, q);
  const month = text(row.MON); // YYYYMM of a Seoul time: the month in Asia/Seoul
  return {
    month: dimensions.includes('MONTH') ? `${month.slice(0, 4)}-${month.slice(4, 6)}` : null,
    segment: dimensions.includes('SEGMENT') && code ? segmentOf(code) : null,
    status: dimensions.includes('STATUS') ? orderStatusOf(row.STAT) : null,
    quantity: Number(row.QTY ?? 0), // SUM comes back as a number or a DECIMAL string
    ...aggregateOf(row),
  };
}
