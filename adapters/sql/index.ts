/**
 * The SQL ERP adapter: one implementation of the marketplace and erp roles
 * over the ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL), with a
 * small dialect module per database. Config (coop.yaml), besides the usual
 * pricesIncludeVat / categories / units:
 *
 *   legacy:
 *     database: ./erp.sqlite                      # --adapter sqlite: the file, relative to coop.yaml
 *     url: postgres://erp@10.0.0.5:5432/erp       # --adapter postgres | mariadb (mysql://…)
 *     schema: erp                                 # postgres only, optional: search_path
 *     poolSize: 5                                 # postgres | mariadb, optional
 */
import { legacyPath } from '../../core/coopConfig';
import type { AdapterContext, AdapterFactory } from '../types';
import type { SqlClient } from './dialect';
import { SqlErp } from './erp';
import { openMariadb } from './mariadb';
import { SqlMarketplace } from './marketplace';
import { openPostgres } from './postgres';
import { raw, sql } from './sql';
import { openSqlite } from './sqlite';

export { SqlMarketplace, type SqlMarketplaceOptions } from './marketplace';
export { SqlErp } from './erp';
export type { SqlClient, SqlDialect, SqlRow } from './dialect';
export { openSqlite, sqliteDialect } from './sqlite';
export { openPostgres, postgresDialect } from './postgres';
export { openMariadb, mariadbDialect } from './mariadb';

const REQUIRED_TABLES = ['ITEM_MST', 'VEND_MST', 'STOCK', 'ORD_HDR', 'ORD_DTL'] as const;

/** Fails at start-up, naming the table, when the database is not an ERP of this layout. */
export async function checkLayout(client: SqlClient): Promise<void> {
  for (const table of REQUIRED_TABLES) {
    try {
      await client.query(sql`SELECT COUNT(*) AS N FROM ${raw(table)} WHERE 1 = 0`);
    } catch (error) {
      throw new Error(`The legacy database has no usable ${table} table: ${(error as Error).message}`);
    }
  }
}

type Role = 'marketplace' | 'erp';

/** A factory for one database kind: how to open a client from the config; the roles are shared. */
function sqlAdapterFactory(kind: string, description: string, open: (ctx: AdapterContext, role: Role) => Promise<SqlClient>): AdapterFactory {
  const opened = async (ctx: AdapterContext, role: Role): Promise<SqlClient> => {
    const client = await open(ctx, role);
    try {
      await checkLayout(client);
      return client;
    } catch (error) {
      await client.close();
      throw error;
    }
  };
  return {
    kind,
    description,
    async marketplace(ctx) {
      const adapter = new SqlMarketplace(await opened(ctx, 'marketplace'), ctx);
      await adapter.audit(); // bad legacy rows are reported at start-up, not only when someone asks for them
      return adapter;
    },
    async erp(ctx) {
      return new SqlErp(await opened(ctx, 'erp'), ctx);
    },
  };
}

function requiredSetting(ctx: AdapterContext, key: string, what: string): string {
  const value = ctx.config.legacy[key];
  if (typeof value !== 'string' || value === '') {
    throw new Error(`Cooperative ${ctx.config.cooperative}: legacy.${key} (${what}) is not set`);
  }
  return value;
}

function poolSize(ctx: AdapterContext): number | undefined {
  const value = ctx.config.legacy.poolSize;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

export const sqliteAdapter = sqlAdapterFactory(
  'sqlite',
  'SQL ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in a SQLite file (legacy.database)',
  async (ctx, role) => {
    requiredSetting(ctx, 'database', 'the SQLite file of the ERP');
    // The erp role only reads.
    return openSqlite(legacyPath(ctx.config, 'database')!, { readonly: role === 'erp' });
  },
);

export const postgresAdapter = sqlAdapterFactory(
  'postgres',
  'SQL ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in PostgreSQL (legacy.url, legacy.schema)',
  (ctx) => {
    const schema = ctx.config.legacy.schema;
    return openPostgres({
      connectionString: requiredSetting(ctx, 'url', 'a postgres:// connection string'),
      schema: typeof schema === 'string' && schema !== '' ? schema : undefined,
      max: poolSize(ctx),
    });
  },
);

export const mariadbAdapter = sqlAdapterFactory(
  'mariadb',
  'SQL ERP tables (ITEM_MST, VEND_MST, STOCK, ORD_HDR, ORD_DTL) in MariaDB or MySQL (legacy.url)',
  async (ctx) => openMariadb({ uri: requiredSetting(ctx, 'url', 'a mysql:// connection string'), connectionLimit: poolSize(ctx) }),
);

/** Every SQL kind, for the CLI's adapter registry. */
export const sqlAdapters: readonly AdapterFactory[] = [sqliteAdapter, postgresAdapter, mariadbAdapter];
