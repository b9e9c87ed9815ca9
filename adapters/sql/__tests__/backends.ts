/**
 * The databases the shared SQL suites run on. Each `seed` creates its own
 * database (SQLite file, PostgreSQL schema, MariaDB database) from a dataset
 * and drops it afterwards. Servers are optional on a developer machine: when
 * one is unreachable its suite is skipped with one line saying how to start
 * it, except under CI=true, where it fails.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createConnection } from 'mysql2/promise';
import type { CoopConfig } from '../../../core/coopConfig';
import { silentLogger } from '../../../core/log';
import type { LegacyDataset } from '../../../demo/data/types';
import { createTableStatements, TABLES } from '../../../demo/legacy/sql/schema';
import { insertStatement, legacyTables } from '../../../demo/legacy/sql/seed';
import { coopConfigFor as configFor } from '../../../test/conformance/harness';
import { createAdapterContext, type AdapterContext, type RowReport } from '../../types';
import type { SqlClient } from '../dialect';
import { openMariadb } from '../mariadb';
import { openPostgres } from '../postgres';
import { openSqlite } from '../sqlite';
import { seedTempDb, type DatasetOptions } from './harness';

export interface SeededBackend {
  /** A new client on the seeded database (whoever opens it closes it). */
  connect(): Promise<SqlClient>;
  config: CoopConfig;
  ctx: AdapterContext & { reports: RowReport[] };
  drop(): Promise<void>;
}

export interface Backend {
  name: string;
  /** What the sample dataset may contain for this database. */
  dataset: DatasetOptions;
  seed(dataset: LegacyDataset): Promise<SeededBackend>;
}

function uniqueName(): string {
  return `sbnet_t_${randomBytes(5).toString('hex')}`;
}

export const sqliteBackend: Backend = {
  name: 'SQLite',
  dataset: {},
  async seed(dataset) {
    const db = seedTempDb(dataset);
    return { connect: async () => openSqlite(db.file), config: db.config, ctx: db.ctx, drop: async () => db.cleanup() };
  },
};

export const POSTGRES_URL = process.env.SBNET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const MARIADB_URL = process.env.SBNET_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';

export const postgresBackend: Backend = {
  name: 'PostgreSQL',
  dataset: {},
  async seed(dataset) {
    const schema = uniqueName();
    const admin = new Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA ${schema}`);
      await admin.query(`SET search_path = ${schema}`);
      await admin.query('BEGIN'); // one commit, not one disk flush per row
      for (const statement of createTableStatements('postgres')) await admin.query(statement);
      const tables = legacyTables(dataset);
      for (const table of TABLES) {
        const insert = insertStatement(table.name, (i) => `$${i}`);
        for (const row of tables[table.name]) await admin.query(insert, row);
      }
      await admin.query('COMMIT');
    } finally {
      await admin.end();
    }
    const config = configFor(dataset, { url: POSTGRES_URL, schema });
    return {
      connect: () => openPostgres({ connectionString: POSTGRES_URL, schema }),
      config,
      ctx: createAdapterContext(config, silentLogger),
      async drop() {
        const dropper = new Client({ connectionString: POSTGRES_URL });
        await dropper.connect();
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
        await dropper.end();
      },
    };
  },
};

/** The same server URL on another database. */
function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

export const mariadbBackend: Backend = {
  name: 'MariaDB',
  dataset: { nfdNames: false }, // MariaDB has no NFC: decomposed names compare as stored
  async seed(dataset) {
    const database = uniqueName();
    const url = withDatabase(MARIADB_URL, database);
    const admin = await createConnection({ uri: MARIADB_URL, charset: 'utf8mb4' });
    try {
      await admin.query(`CREATE DATABASE ${database} CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci`);
      await admin.query(`USE ${database}`);
      for (const statement of createTableStatements('mariadb')) await admin.query(statement);
      await admin.beginTransaction(); // one commit, not one disk flush per row (DDL above commits implicitly)
      const tables = legacyTables(dataset);
      for (const table of TABLES) {
        const insert = insertStatement(table.name);
        for (const row of tables[table.name]) await admin.execute(insert, row);
      }
      await admin.commit();
    } finally {
      await admin.end();
    }
    const config = configFor(dataset, { url });
    return {
      connect: async () => openMariadb({ uri: url }),
      config,
      ctx: createAdapterContext(config, silentLogger),
      async drop() {
        const dropper = await createConnection({ uri: MARIADB_URL });
        await dropper.query(`DROP DATABASE ${database}`);
        await dropper.end();
      },
    };
  },
};

/** Whether something accepts TCP connections (synchronous, so it can decide which tests exist). */
function reachable(url: string): boolean {
  const { hostname, port } = new URL(url);
  const probe = `const s=require('net').connect(${Number(port)},${JSON.stringify(hostname)});s.setTimeout(1500);s.on('connect',()=>process.exit(0));s.on('error',()=>process.exit(1));s.on('timeout',()=>process.exit(1));`;
  return spawnSync(process.execPath, ['-e', probe], { timeout: 5000 }).status === 0;
}

export interface Server {
  service: string;
  url: string;
  /** How to start it, for the skip line. */
  start: string;
}

export const POSTGRES_SERVER: Server = {
  service: 'PostgreSQL',
  url: POSTGRES_URL,
  start: 'sudo service postgresql start (user postgres, trust auth, db test), or set SBNET_TEST_POSTGRES_URL',
};

export const MARIADB_SERVER: Server = {
  service: 'MariaDB',
  url: MARIADB_URL,
  start: 'sudo service mariadb start (root, empty password, db test), or set SBNET_TEST_MARIADB_URL',
};

/** `describe` when the server answers; otherwise skipped with one line, or failed under CI=true. */
export function describeWithServer(server: Server, name: string, body: () => void): void {
  if (reachable(server.url)) {
    describe(name, body);
    return;
  }
  const where = new URL(server.url).host;
  if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${server.service} at ${where}`, () => {
        throw new Error(`${server.service} is not reachable at ${where} and CI=true; start it: ${server.start}`);
      });
    });
    return;
  }
  process.stdout.write(`SKIPPED ${name}: ${server.service} not reachable at ${where}; start it with: ${server.start}\n`);
  describe.skip(name, body);
}
