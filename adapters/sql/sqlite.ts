/**
 * The SQLite dialect (better-sqlite3): the embedded default for cooperatives
 * whose ERP keeps a file, and the database of the demo network.
 */
import Database from 'better-sqlite3';
import { errorCode, upperCaseKeys, type SqlClient, type SqlDialect, type SqlRow } from './dialect';
import { join, param, raw, render, sql, type Sql } from './sql';

/**
 * SQLite's lower() folds ASCII only and it has no NFC, so the adapter
 * registers JavaScript's own on each connection: the text filter then matches
 * exactly what the in-memory engine matches.
 */
const NFC_FUNCTION = 'sbnet_nfc';
const LOWER_FUNCTION = 'sbnet_lower';

export const sqliteDialect: SqlDialect = {
  name: 'sqlite',
  placeholder: () => '?',
  // Function results carry no column collation; BINARY compares UTF-8 bytes, which is code point order.
  sortText: (expr) => sql`${raw(NFC_FUNCTION)}(${expr}) COLLATE BINARY`,
  binary: (expr) => sql`${expr} COLLATE BINARY`,
  lowerText: (expr) => sql`${raw(LOWER_FUNCTION)}(${expr})`,
  contains: (haystack, needle) => sql`instr(${haystack}, ${needle}) > 0`,
  intDiv: (dividend, divisor) => sql`((${dividend}) / (${divisor}))`,
  concat: (parts) => join(parts, ' || '),
  isInteger: (expr) => sql`typeof(${expr}) = 'integer'`,
  isDigits: (expr, length) => sql`length(${expr}) = ${param(length)} AND ${expr} NOT GLOB '*[^0-9]*'`,
  limit: (count) => sql`LIMIT ${count}`,
  isConflict: (error) => ['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'].includes(String(errorCode(error))),
};

function nfc(value: unknown): string | null {
  return value == null ? null : String(value).normalize('NFC');
}

/** Adds the functions the dialect's expressions call. */
export function registerSqliteFunctions(db: Database.Database): void {
  db.function(NFC_FUNCTION, { deterministic: true }, (value: unknown) => nfc(value));
  db.function(LOWER_FUNCTION, { deterministic: true }, (value: unknown) => nfc(value)?.toLowerCase() ?? null);
}

export interface SqliteOptions {
  /** Opens read-only (the erp role never writes). */
  readonly?: boolean;
}

/** Opens an existing SQLite file; a missing file is an error, not a new empty database. */
export function openSqlite(file: string, options: SqliteOptions = {}): SqlClient {
  let db: Database.Database;
  try {
    db = new Database(file, { fileMustExist: true, readonly: options.readonly ?? false });
  } catch (error) {
    throw new Error(`Cannot open the SQLite ERP file ${file}: ${(error as Error).message}`);
  }
  registerSqliteFunctions(db);
  return new SqliteClient(db);
}

/**
 * better-sqlite3 is synchronous and one connection has one transaction, so
 * transactions are queued, and statements from outside a running transaction
 * wait for it (they would otherwise run inside it and see its uncommitted rows).
 */
class SqliteClient implements SqlClient {
  readonly dialect = sqliteDialect;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(private readonly db: Database.Database) {}

  async query(statement: Sql): Promise<SqlRow[]> {
    await this.queue;
    return this.run(statement);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    const result = this.queue.then(() => this.runTransaction(work));
    this.queue = result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await this.queue;
    this.db.close();
  }

  /** Runs one statement now (the transaction's own statements must not wait for it). */
  run(statement: Sql): SqlRow[] {
    const { text, params } = render(statement, sqliteDialect.placeholder);
    const prepared = this.prepare(text);
    if (!prepared.reader) {
      prepared.run(...params);
      return [];
    }
    return (prepared.all(...params) as Array<Record<string, unknown>>).map(upperCaseKeys);
  }

  private prepare(text: string): Database.Statement {
    let prepared = this.statements.get(text);
    if (!prepared) {
      // Keyset and IN lists vary in length; a bounded cache keeps the common shapes.
      if (this.statements.size > 500) this.statements.clear();
      prepared = this.db.prepare(text);
      this.statements.set(text, prepared);
    }
    return prepared;
  }

  private async runTransaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    // IMMEDIATE takes the write lock up front, so two processes cannot both read then both write.
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = await work(new SqliteTransaction(this));
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }
}

/** The client handed to transaction work: runs at once, nested transactions join the outer one. */
class SqliteTransaction implements SqlClient {
  readonly dialect = sqliteDialect;

  constructor(private readonly owner: SqliteClient) {}

  async query(statement: Sql): Promise<SqlRow[]> {
    return this.owner.run(statement);
  }

  transaction<T>(work: (tx: SqlClient) => Promise<T>): Promise<T> {
    return work(this);
  }

  async close(): Promise<void> {
    // The owner closes the connection.
  }
}
