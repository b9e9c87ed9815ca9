/**
 * What differs between the SQL databases legacy ERPs run on. The adapter
 * builds every query from these few pieces; a new database is a new dialect
 * module (a `SqlDialect` and a way to open a `SqlClient`), nothing else.
 */
import type { Sql, SqlValue } from './sql';

export type DialectName = 'sqlite' | 'postgres' | 'mariadb';

export interface SqlDialect {
  readonly name: DialectName;
  /** Placeholder for the `index`-th (1-based) parameter: `?` or `$1`. */
  placeholder(index: number): string;
  /**
   * A text expression in the one order: NFC, compared by Unicode code point
   * (binary collation). Used for sort keys and keyset comparisons alike, so
   * the two always agree.
   */
  sortText(expr: Sql): Sql;
  /** A text expression compared byte for byte (dates and codes stored as digits). */
  binary(expr: Sql): Sql;
  /** Unicode lower case of the NFC form, as JavaScript's `normalize('NFC').toLowerCase()`. */
  lowerText(expr: Sql): Sql;
  /** Whether `needle` (already lower-cased) occurs in `haystack`, compared exactly (no collation folding). */
  contains(haystack: Sql, needle: Sql): Sql;
  /** Integer division truncating toward zero (operands are non-negative integers here). */
  intDiv(dividend: Sql, divisor: Sql): Sql;
  concat(parts: readonly Sql[]): Sql;
  /** Whether a stored value is an integer (SQLite keeps junk text in INTEGER columns). */
  isInteger(expr: Sql): Sql;
  /** Whether a text value is exactly `length` ASCII digits. */
  isDigits(expr: Sql, length: number): Sql;
  /** `LIMIT n` clause. */
  limit(count: number): Sql;
  /**
   * Whether an error means a concurrent transaction won (unique or primary
   * key violation, deadlock, serialization failure): the work may be retried.
   */
  isConflict(error: unknown): boolean;
}

/** A result row; column names are upper case whatever the database folds them to. */
export type SqlRow = Record<string, unknown>;

/** A connection (or pool) speaking one dialect; every statement goes through `query`. */
export interface SqlClient {
  readonly dialect: SqlDialect;
  query(statement: Sql): Promise<SqlRow[]>;
  /** Runs `work` in one transaction on one connection; commits when it resolves, rolls back when it throws. */
  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Upper-cases column names (PostgreSQL folds unquoted identifiers to lower case). */
export function upperCaseKeys(row: Record<string, unknown>): SqlRow {
  const out: SqlRow = {};
  for (const [key, value] of Object.entries(row)) out[key.toUpperCase()] = value;
  return out;
}

/** The `code` of a driver error, if any. */
export function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

export type { SqlValue };
