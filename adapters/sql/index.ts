/**
 * The SQL ERP adapter: one implementation of the marketplace and erp roles
 * over the ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL), with a
 * small dialect module per database. Config (coop.yaml):
 *
 *   legacy:
 *     database: ./erp.sqlite      # sqlite: the file, relative to coop.yaml
 */
import { legacyPath } from '../../core/coopConfig';
import type { AdapterContext, AdapterFactory } from '../types';
import type { SqlClient } from './dialect';
import { SqlErp } from './erp';
import { SqlMarketplace } from './marketplace';
import { raw, sql } from './sql';
import { openSqlite } from './sqlite';

export { SqlMarketplace, type SqlMarketplaceOptions } from './marketplace';
export { SqlErp } from './erp';
export type { SqlClient, SqlDialect, SqlRow } from './dialect';
export { openSqlite, sqliteDialect } from './sqlite';

const REQUIRED_TABLES = ['ITEM_MST', 'VEND_MST', 'STOCK', 'ORD_HDR', 'ORD_DTL'] as const;

/** Fails at start-up, naming the table, when the database is not an ERP of this layout. */
export async function checkLayout(client: SqlClient, tables: readonly string[] = REQUIRED_TABLES): Promise<void> {
  for (const table of tables) {
    try {
      await client.query(sql`SELECT COUNT(*) AS N FROM ${raw(table)} WHERE 1 = 0`);
    } catch (error) {
      throw new Error(`The legacy database has no usable ${table} table: ${(error as Error).message}`);
    }
  }
}

function sqliteFile(ctx: AdapterContext): string {
  const file = legacyPath(ctx.config, 'database');
  if (!file) throw new Error(`Cooperative ${ctx.config.cooperative}: legacy.database (the SQLite file of the ERP) is not set`);
  return file;
}

async function opened(client: SqlClient): Promise<SqlClient> {
  try {
    await checkLayout(client);
    return client;
  } catch (error) {
    await client.close();
    throw error;
  }
}

export const sqliteAdapter: AdapterFactory = {
  kind: 'sqlite',
  description: 'SQL ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in a SQLite file (legacy.database)',
  async marketplace(ctx) {
    const adapter = new SqlMarketplace(await opened(openSqlite(sqliteFile(ctx))), ctx);
    await adapter.audit(); // bad legacy rows are reported at start-up, not only when someone asks for them
    return adapter;
  },
  async erp(ctx) {
    // The erp role only reads.
    return new SqlErp(await opened(openSqlite(sqliteFile(ctx), { readonly: true })), ctx);
  },
};
