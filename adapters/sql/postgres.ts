/**
 * The PostgreSQL dialect (`pg`). Text is put in the one order with
 * normalize(…, NFC) under the "C" collation (code point order for UTF-8);
 * lower case uses the ICU root collation when the server has ICU, as
 * JavaScript's toLowerCase follows the full Unicode mapping.
 */
import { Pool, type PoolClient, type PoolConfig } from 'pg';
import { errorCode, upperCaseKeys, type SqlClient, type SqlDialect, type SqlRow } from './dialect';
import { join, render, sql, raw, type Sql } from './sql';

/** unique_violation, serialization_failure, deadlock_detected. */
const CONFLICT_CODES = new Set(['23505', '40001', '40P01']);

/** `lowerCollation`: a collation whose lower() folds all of Unicode (null: the column's own). */
export function postgresDialect(lowerCollation: string | null = null): SqlDialect {
  const collate = lowerCollation ? raw(` COLLATE "${lowerCollation.replace(/"/g, '')}"`) : raw('');
  return {
    name: 'postgres',
    placeholder: (index) => `$${index}`,
    sortText: (expr) => sql`normalize(${expr}, NFC) COLLATE "C"`,
    binary: (expr) => sql`${expr} COLLATE "C"`,
    lowerText: (expr) => sql`lower(normalize(${expr}, NFC)${collate})`,
    contains: (haystack, needle) => sql`strpos(${haystack}, ${needle}) > 0`,
    // Integer operands divide as integers (truncating); the columns are INTEGER/BIGINT.
    intDiv: (dividend, divisor) => sql`((${dividend}) / (${divisor}))`,
    concat: (parts) => join(parts, ' || '),
    isInteger: (expr) => sql`(${expr} IS NOT NULL AND ${expr} = FLOOR(${expr}))`,
    isDigits: (expr, length) => sql`${expr} ~ ${`^[0-9]{${length}}$`}`,
    limit: (count) => sql`LIMIT ${count}`,
    isConflict: (error) => CONFLICT_CODES.has(String(errorCode(error))),
  };
}

export interface PostgresOptions {
  /** e.g. postgres://user@host:5432/db */
  connectionString: string;
  /** Schema holding the ERP tables (search_path), when not the default. */
  schema?: string;
  /** Pool size (default 5). */
  max?: number;
}

/** Opens a pool; detects ICU once so the text filter folds case like JavaScript. */
export async function openPostgres(options: PostgresOptions): Promise<SqlClient> {
  const config: PoolConfig = { connectionString: options.connectionString, max: options.max ?? 5 };
  if (options.schema) config.options = `-c search_path=${quoteIdent(options.schema)}`;
  const pool = new Pool(config);
  try {
    const icu = await pool.query(`SELECT 1 FROM pg_collation WHERE collname = 'und-x-icu'`);
    return new PostgresClient(pool, postgresDialect(icu.rowCount ? 'und-x-icu' : null));
  } catch (error) {
    await pool.end();
    throw error;
  }
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

type Queryable = Pick<PoolClient, 'query'>;

async function run(target: Queryable, dialect: SqlDialect, statement: Sql): Promise<SqlRow[]> {
  const { text, params } = render(statement, dialect.placeholder);
  const result = await target.query(text, params);
  return (result.rows as Array<Record<string, unknown>>).map(upperCaseKeys);
}

class PostgresClient implements SqlClient {
  constructor(
    private readonly pool: Pool,
    readonly dialect: SqlDialect,
  ) {}

  query(statement: Sql): Promise<SqlRow[]> {
    return run(this.pool, this.dialect, statement);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    try {
      await connection.query('BEGIN');
      const result = await work(new PostgresTransaction(connection, this.dialect));
      await connection.query('COMMIT');
      return result;
    } catch (error) {
      await connection.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class PostgresTransaction implements SqlClient {
  constructor(
    private readonly connection: PoolClient,
    readonly dialect: SqlDialect,
  ) {}

  query(statement: Sql): Promise<SqlRow[]> {
    return run(this.connection, this.dialect, statement);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this); // joins the outer transaction
  }

  async close(): Promise<void> {
    // The pool owns the connection.
  }
}
