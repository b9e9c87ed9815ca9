/**
 * Brings up the demo network: for each demo cooperative its simulated legacy
 * system (seeded data), its adapter config written to a file, and its role
 * subgraphs started from that file exactly as `sbnet subgraph …` would; then
 * the network subgraph and the gateway from supergraph.yaml. With
 * `freePorts` every server takes any free port (tests), else the ports of
 * supergraph.yaml (npm start).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCoopConfig } from '../core/coopConfig';
import { createLogger, silentLogger, type Logger } from '../core/log';
import { projectPath } from '../core/paths';
import { Registry, type CooperativeEntry } from '../core/registry';
import type { RunningServer } from '../core/http/serve';
import { loadSupergraphConfig, type SupergraphConfig } from '../gateway/config/supergraphConfig';
import { startGateway, type RunningGateway } from '../gateway/server';
import { startNetworkSubgraph } from '../subgraphs/network/start';
import { startRoleSubgraph } from '../subgraphs/startCooperative';
import type { TenantRole } from '../subgraphs/serve';
import { DEMO_COOPERATIVES, type DemoCooperative } from './cooperatives';
import { generateDataset } from './data/generate';
import type { LegacyDataset } from './data/types';
import { startRestLegacy } from './legacy/rest/server';
import { seedSqlite } from './legacy/sql/seed';

export interface DemoOptions {
  configFile?: string;
  /** Where seeded databases and generated coop configs go. */
  dataDir: string;
  freePorts: boolean;
  cooperatives?: readonly DemoCooperative[];
  /** Logs of the servers (silent in tests). */
  log?: Logger;
}

export interface DemoNetwork {
  gateway: RunningGateway;
  gatewayUrl: string;
  /** Every started server, for inspection; close() stops them all. */
  servers: Array<{ name: string; url: string }>;
  close(): Promise<void>;
}

type Closeable = { close(): Promise<void> };

export async function startDemoNetwork(options: DemoOptions): Promise<DemoNetwork> {
  const config = loadSupergraphConfig(options.configFile ?? projectPath('supergraph.yaml'));
  const log = options.log ?? silentLogger;
  const running: Closeable[] = [];
  const servers: Array<{ name: string; url: string }> = [];
  const stopAll = () => Promise.allSettled(running.reverse().map((r) => r.close()));
  try {
    mkdirSync(options.dataDir, { recursive: true });
    const urls = new Map<string, string>();
    for (const coop of options.cooperatives ?? DEMO_COOPERATIVES) {
      const entry = config.cooperatives.find((c) => c.id === coop.id);
      if (!entry) throw new Error(`demo cooperative ${coop.id} is not in ${config.file}`);
      const started = await startDemoCooperative(coop, entry, options, log, running);
      for (const s of started) {
        urls.set(s.name, s.url);
        servers.push(s);
      }
    }
    const registry = new Registry(config.cooperatives.filter((c) => urls.has(`${c.id}-marketplace`)).map((c) => withUrls(c, urls, options.freePorts)));
    const statusHolder: { gateway?: RunningGateway } = {};
    const network = await startNetworkSubgraph({
      registry,
      classificationsFile: config.classificationsFile,
      statusOf: (id) => statusHolder.gateway?.status.statusOf(id) ?? 'UNKNOWN',
      port: options.freePorts ? 0 : portOf(config.subgraphs.find((s) => s.name === 'network')?.routingUrl),
    });
    running.push(network);
    servers.push({ name: 'network', url: network.url });
    const gateway = await startGateway({
      config: withNetworkUrl(config, network.url),
      registry,
      port: options.freePorts ? 0 : config.gateway.port,
      log: options.log ? createLogger('gateway') : silentLogger,
    });
    statusHolder.gateway = gateway;
    running.push(gateway);
    servers.push({ name: 'gateway', url: gateway.url });
    return { gateway, gatewayUrl: gateway.url, servers, close: async () => void (await stopAll()) };
  } catch (err) {
    await stopAll();
    throw err;
  }
}

async function startDemoCooperative(
  coop: DemoCooperative,
  entry: CooperativeEntry,
  options: DemoOptions,
  log: Logger,
  running: Closeable[],
): Promise<Array<{ name: string; url: string }>> {
  const dataset = generateDataset({ id: coop.id, ...coop.profile });
  const legacy = await startLegacy(coop, dataset, options, running);
  const out: Array<{ name: string; url: string }> = [];
  const roles: Array<[TenantRole, DemoCooperative['marketplace'] | undefined]> = [
    ['marketplace', coop.marketplace],
    ['erp', coop.erp],
  ];
  for (const [role, spec] of roles) {
    if (!spec) continue;
    const configFile = writeCoopConfig(coop, role, dataset, spec.adapter === 'rest' ? { url: legacy.restUrl } : { database: legacy.sqliteFile }, options.dataDir);
    const server = await startRoleSubgraph({
      role,
      adapterKind: spec.adapter,
      config: loadCoopConfig(configFile),
      port: options.freePorts ? 0 : portOf(entry.subgraphs[role]),
      log: options.log ? createLogger(`${coop.id}-${role}`) : log,
    });
    running.push(server);
    out.push({ name: server.name, url: server.url });
  }
  return out;
}

/** Starts the REST simulator and/or seeds the SQLite ERP a cooperative's roles need. */
async function startLegacy(coop: DemoCooperative, dataset: LegacyDataset, options: DemoOptions, running: Closeable[]) {
  const kinds = [coop.marketplace.adapter, coop.erp?.adapter];
  let restUrl: string | undefined;
  let sqliteFile: string | undefined;
  if (kinds.includes('rest')) {
    const rest = await startRestLegacy({ dataset, port: options.freePorts ? 0 : coop.legacyPort });
    running.push(rest);
    restUrl = rest.url;
  }
  if (kinds.includes('sqlite')) {
    sqliteFile = join(options.dataDir, `${coop.id}-erp.sqlite`);
    seedSqlite(sqliteFile, dataset);
  }
  return { restUrl, sqliteFile };
}

/** The cooperative's adapter config, as its IT person would write it. */
function writeCoopConfig(coop: DemoCooperative, role: TenantRole, dataset: LegacyDataset, legacy: Record<string, unknown>, dir: string): string {
  const file = join(dir, `${coop.id}.${role}.yaml`);
  const body = {
    cooperative: coop.id,
    legacy,
    pricesIncludeVat: dataset.pricesIncludeVat,
    categories: dataset.categories,
    units: dataset.units,
  };
  writeFileSync(file, `# ${coop.id} ${role} adapter (${role === 'marketplace' ? coop.marketplace.adapter : coop.erp?.adapter}), written by the demo\n${stringify(body)}`);
  return file;
}

function withUrls(entry: CooperativeEntry, urls: Map<string, string>, freePorts: boolean): CooperativeEntry {
  if (!freePorts) return entry;
  const subgraphs = Object.fromEntries(Object.keys(entry.subgraphs).flatMap((role) => (urls.has(`${entry.id}-${role}`) ? [[role, urls.get(`${entry.id}-${role}`)!]] : [])));
  return { ...entry, subgraphs };
}

function withNetworkUrl(config: SupergraphConfig, url: string): SupergraphConfig {
  return { ...config, subgraphs: config.subgraphs.map((s) => (s.name === 'network' ? { ...s, routingUrl: url } : s)) };
}

function portOf(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const port = Number(new URL(url).port);
  return port || undefined;
}

export type { RunningServer };
