/**
 * Keyset paging in SQL: ORDER BY the sort key in the requested direction and
 * the id ascending (whatever the direction), resume strictly after the
 * cursor's (key, id), LIMIT first + 1 to learn whether rows remain, and
 * COUNT(*) under the same filter for totalCount.
 */
import type { SortDirection } from '../../core/order';
import type { SqlClient, SqlRow } from './dialect';
import { and, FALSE, or, sql, type Sql, type SqlValue } from './sql';

export interface SortSpec {
  /** The sort key expression (already in the one order, see `SqlDialect.sortText`). */
  key: Sql;
  /** The id expression (tie-breaker, ascending). */
  id: Sql;
  direction: SortDirection;
}

/**
 * A cursor position in the legacy column's terms. `exact` is false when the
 * network key falls between two legacy values (an instant inside a stored
 * day, a fraction of a won): `value` is then the legacy value just below it,
 * and no stored row can tie with the cursor.
 */
export interface LegacyKeyset {
  value: SqlValue;
  exact: boolean;
  id: string;
}

export function orderBy(spec: SortSpec): Sql {
  const direction = spec.direction === 'DESC' ? sql`DESC` : sql`ASC`;
  return sql`ORDER BY ${spec.key} ${direction}, ${spec.id} ASC`;
}

/** Rows strictly after the cursor in the spec's order. */
export function afterCondition(spec: SortSpec, after: LegacyKeyset | null): Sql {
  if (after === null) return sql`1 = 1`;
  if (after.value === null) return FALSE; // no stored row has a null key, so nothing sorts after one
  const { key, id } = spec;
  const value = after.value;
  if (!after.exact) {
    // key > k ⟺ key > ⌊k⌋ and key < k ⟺ key ≤ ⌊k⌋ when keys are whole legacy values.
    return spec.direction === 'ASC' ? sql`${key} > ${value}` : sql`${key} <= ${value}`;
  }
  const beyond = spec.direction === 'ASC' ? sql`${key} > ${value}` : sql`${key} < ${value}`;
  return or([beyond, and([sql`${key} = ${value}`, sql`${id} > ${after.id.normalize('NFC')}`])]);
}

export interface PageQuery {
  /** The select list. */
  columns: Sql;
  /** FROM clause body (tables and joins). */
  from: Sql;
  /** The filter (without the cursor). */
  where: Sql;
  sort: SortSpec;
  first: number;
  after: LegacyKeyset | null;
}

export interface SqlPage {
  rows: SqlRow[];
  totalCount: number;
  hasNextPage: boolean;
}

export async function fetchPage(client: SqlClient, query: PageQuery): Promise<SqlPage> {
  const { dialect } = client;
  const where = and([query.where, afterCondition(query.sort, query.after)]);
  const pageSql = sql`SELECT ${query.columns} FROM ${query.from} WHERE ${where} ${orderBy(query.sort)} ${dialect.limit(query.first + 1)}`;
  const countSql = sql`SELECT COUNT(*) AS N FROM ${query.from} WHERE ${query.where}`;
  const [rows, count] = await Promise.all([client.query(pageSql), client.query(countSql)]);
  return {
    rows: rows.slice(0, query.first),
    totalCount: Number(count[0]?.N ?? 0),
    hasNextPage: rows.length > query.first,
  };
}
