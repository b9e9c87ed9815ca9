/**
 * The MariaDB / MySQL dialect (`mysql2`). Legacy installs use
 * case-insensitive, PAD SPACE collations, so every comparison that must be
 * exact is forced to utf8mb4_nopad_bin (code point order, trailing spaces
 * significant). MariaDB has no NFC function: text compares as stored, so a
 * name stored decomposed (NFD) sorts and matches as stored there.
 */
import { createPool, type Pool, type PoolConnection } from 'mysql2/promise';
import { errorCode, upperCaseKeys, type SqlClient, type SqlDialect, type SqlRow } from './dialect';
import { join, render, sql, raw, type Sql } from './sql';

const BINARY = raw(' COLLATE utf8mb4_nopad_bin');

/** ER_DUP_ENTRY, ER_LOCK_DEADLOCK. */
const CONFLICT_CODES = new Set(['ER_DUP_ENTRY', 'ER_LOCK_DEADLOCK']);

export const mariadbDialect: SqlDialect = {
  name: 'mariadb',
  placeholder: () => '?',
  sortText: (expr) => sql`${expr}${BINARY}`,
  binary: (expr) => sql`${expr}${BINARY}`,
  lowerText: (expr) => sql`LOWER(${expr})`,
  // The explicit collation wins over the parameter's, so INSTR compares exactly.
  contains: (haystack, needle) => sql`INSTR(${haystack}${BINARY}, ${needle}) > 0`,
  intDiv: (dividend, divisor) => sql`((${dividend}) DIV (${divisor}))`,
  concat: (parts) => sql`CONCAT(${join(parts, ', ')})`,
  isInteger: (expr) => sql`(${expr} IS NOT NULL AND ${expr} = FLOOR(${expr}))`,
  isDigits: (expr, length) => sql`${expr} REGEXP ${`^[0-9]{${length}}$`}`,
  limit: (count) => sql`LIMIT ${count}`,
  isConflict: (error) => CONFLICT_CODES.has(String(errorCode(error))),
};

export interface MariadbOptions {
  /** e.g. mysql://user:password@host:3306/db */
  uri: string;
  /** Pool size (default 5). */
  connectionLimit?: number;
}

export function openMariadb(options: MariadbOptions): SqlClient {
  // utf8mb4 on the connection: parameters then share the columns' character set, and COLLATE applies to them.
  const pool = createPool({ uri: options.uri, connectionLimit: options.connectionLimit ?? 5, charset: 'utf8mb4', dateStrings: true });
  return new MariadbClient(pool);
}

type Executable = Pick<Pool, 'execute'> | Pick<PoolConnection, 'execute'>;

async function run(target: Executable, statement: Sql): Promise<SqlRow[]> {
  const { text, params } = render(statement, mariadbDialect.placeholder);
  // execute(): a server-side prepared statement, values never spliced into the text.
  const [result] = await (target as Pick<Pool, 'execute'>).execute(text, params);
  return Array.isArray(result) ? (result as Array<Record<string, unknown>>).map(upperCaseKeys) : [];
}

class MariadbClient implements SqlClient {
  readonly dialect = mariadbDialect;

  constructor(private readonly pool: Pool) {}

  query(statement: Sql): Promise<SqlRow[]> {
    return run(this.pool, statement);
  }

  async transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const connection = await this.pool.getConnection();
    try {
      await connection.beginTransaction();
      const result = await work(new MariadbTransaction(connection));
      await connection.commit();
      return result;
    } catch (error) {
      await connection.rollback().catch(() => undefined);
      throw error;
    } finally {
      connection.release();
    }
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

class MariadbTransaction implements SqlClient {
  readonly dialect = mariadbDialect;

  constructor(private readonly connection: PoolConnection) {}

  query(statement: Sql): Promise<SqlRow[]> {
    return run(this.connection, statement);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this); // joins the outer transaction
  }

  async close(): Promise<void> {
    // The pool owns the connection.
  }
}
