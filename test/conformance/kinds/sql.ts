/**
 * Shared by the SQL kinds (sqlite here; postgres and mariadb join the same
 * way): the marketplace and erp adapters over clients whose statements are
 * counted as legacy calls, built as the adapter factory builds them (layout
 * check, then the start-up audit that reports bad rows).
 */
import { checkLayout, SqlErp, SqlMarketplace, type SqlClient } from '../../../adapters/sql';
import type { LegacyDataset } from '../../../demo/data/types';
import type { Sql } from '../../../adapters/sql/sql';
import { adapterContext, type LegacyUnderTest } from '../harness';

/** Counts every statement, inside transactions too. */
export function countingSqlClient(client: SqlClient, counter: { calls: number }): SqlClient {
  return {
    dialect: client.dialect,
    query(statement: Sql) {
      counter.calls++;
      return client.query(statement);
    },
    transaction<T>(work: (tx: SqlClient) => Promise<T>) {
      return client.transaction((tx) => work(countingSqlClient(tx, counter)));
    },
    close: () => client.close(),
  };
}

export interface SqlLegacyOptions {
  dataset: LegacyDataset;
  /** The `legacy:` block of coop.yaml and its folder (for the adapter context). */
  legacy: Record<string, unknown>;
  baseDir?: string;
  /** Opens a connection to the seeded database (`readonly` for the erp role). */
  open(options: { readonly: boolean }): SqlClient | Promise<SqlClient>;
  breakLegacy(): Promise<void> | void;
  /** Runs after both adapters are closed (drop the database, remove files). */
  cleanup(): Promise<void> | void;
}

export async function sqlLegacy(options: SqlLegacyOptions): Promise<LegacyUnderTest> {
  const ctx = adapterContext(options.dataset, options.legacy, options.baseDir);
  const counter = { calls: 0 };
  const marketClient = countingSqlClient(await options.open({ readonly: false }), counter);
  await checkLayout(marketClient);
  const marketplace = new SqlMarketplace(marketClient, ctx);
  await marketplace.audit();
  const erp = new SqlErp(countingSqlClient(await options.open({ readonly: true }), counter), ctx);
  return {
    marketplace,
    erp,
    legacyCalls: () => counter.calls,
    breakLegacy: options.breakLegacy,
    reports: ctx.reports,
    teardown: async () => {
      await Promise.allSettled([marketplace.close(), erp.close()]);
      await options.cleanup();
    },
  };
}
