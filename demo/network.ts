/**
 * Brings up the demo network: for each demo cooperative its simulated legacy
 * system (seeded data), its adapter config written to a file, and its role
 * subgraphs started from that file exactly as `sbnet subgraph …` would; then
 * the network subgraph and the gateway from supergraph.yaml. With
 * `freePorts` every server takes any free port (tests), else the ports of
 * supergraph.yaml (npm start).
 */
import { mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadCoopConfig } from '../core/coopConfig';
import { createLogger, silentLogger, type Logger } from '../core/log';
import { projectPath } from '../core/paths';
import { Registry, type CooperativeEntry } from '../core/registry';
import type { RunningServer } from '../core/http/serve';
import { loadSupergraphConfig, type SupergraphConfig } from '../gateway/config/supergraphConfig';
import { effectiveAuthSettings } from '../gateway/auth/settings';
import { startGateway, type RunningGateway } from '../gateway/server';
import { registryAdminRoutes } from '../gateway/registry/adminRoutes';
import { startLiveRegistry } from '../gateway/registry/liveGateway';
import type { LiveRegistry } from '../gateway/registry/liveRegistry';
import { stateStoreFor } from '../gateway/resilience/wiring';
import { startNetworkSubgraph } from '../subgraphs/network/start';
import { startRoleSubgraph } from '../subgraphs/startCooperative';
import type { TenantRole } from '../subgraphs/serve';
import { DEMO_COOPERATIVES, type DemoCooperative, type DemoRole } from './cooperatives';
import { generateDataset } from './data/generate';
import type { LegacyDataset } from './data/types';
import { writeCsvExport } from './legacy/csv/exporter';
import { startMercuriusCooperative } from './legacy/mercurius/server';
import { startRestLegacy } from './legacy/rest/server';
import { startSoapLegacy } from './legacy/soap/server';
import { seedSqlite } from './legacy/sql/seed';

export interface DemoOptions {
  configFile?: string;
  /** Where seeded databases and generated coop configs go. */
  dataDir: string;
  freePorts: boolean;
  cooperatives?: readonly DemoCooperative[];
  /** Logs of the servers (silent in tests). */
  log?: Logger;
  /** Written into each cooperative's config (`gatewaySecret`); default: the gateway's `auth.identitySecret`. */
  gatewaySecret?: string;
  /**
   * How soon a contract check that could not finish (unreachable, or an answer
   * slower than the deadline: cold caches on a loaded machine) runs again;
   * default the live registry's 30 s.
   */
  checkRetryMs?: number;
}

export interface DemoNetwork {
  gateway: RunningGateway;
  gatewayUrl: string;
  /** Every started server, for inspection; close() stops them all. */
  servers: Array<{ name: string; url: string }>;
  /** The live registry: `/admin/cooperatives` and `sbnet coop` change it while the demo runs. */
  live: LiveRegistry;
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
      // The cooperatives check the gateway's signed identity with the secret the gateway signs with.
      const gatewaySecret = options.gatewaySecret ?? effectiveAuthSettings(config.gateway.auth).identitySecret;
      const started = await startDemoCooperative(coop, entry, { ...options, gatewaySecret }, log, running);
      for (const s of started) {
        urls.set(s.name, s.url);
        servers.push(s);
      }
    }
    const entries = config.cooperatives.filter((c) => urls.has(`${c.id}-marketplace`)).map((c) => withUrls(c, urls, options.freePorts));
    // The live registry (gateway/registry): `sbnet coop add|update|remove` and edits of supergraph.yaml apply while the
    // demo runs, after a contract check. With free ports the file's URLs are not the real ones, so it is not watched.
    const registryLog = options.log ? createLogger('registry') : silentLogger;
    const store = stateStoreFor(config, registryLog);
    running.push({ close: () => store.close() });
    const live = await startLiveRegistry({ config, store, fileEntries: entries, watchFile: !options.freePorts, checks: true, log: registryLog, retryMs: options.checkRetryMs });
    running.push(live);
    const registry = live.registry;
    const statusHolder: { gateway?: RunningGateway } = {};
    const network = await startNetworkSubgraph({
      registry,
      directory: live,
      classificationsFile: config.classificationsFile,
      statusOf: (id) => statusHolder.gateway?.status.statusOf(id) ?? 'UNKNOWN',
      port: options.freePorts ? 0 : portOf(config.subgraphs.find((s) => s.name === 'network')?.routingUrl),
    });
    running.push(network);
    servers.push({ name: 'network', url: network.url });
    const gateway = await startGateway({
      config: withNetworkUrl(config, network.url),
      registry,
      store,
      routes: ({ adminChecks }) => registryAdminRoutes(live, adminChecks),
      port: options.freePorts ? 0 : config.gateway.port,
      log: options.log ? createLogger('gateway') : silentLogger,
    });
    statusHolder.gateway = gateway;
    running.push(gateway);
    servers.push({ name: 'gateway', url: gateway.url });
    return { gateway, gatewayUrl: gateway.url, servers, live, close: async () => void (await stopAll()) };
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
  if ('own' in coop.marketplace) {
    // A cooperative already on GraphQL runs its own subgraph; SB-NET only routes to it.
    const own = await startMercuriusCooperative({ cooperativeId: coop.id, dataset, port: options.freePorts ? 0 : portOf(entry.subgraphs.marketplace) });
    running.push(own);
    out.push({ name: `${coop.id}-marketplace`, url: own.url });
  }
  const roles: Array<[TenantRole, DemoRole | undefined]> = [
    ['marketplace', 'own' in coop.marketplace ? undefined : coop.marketplace],
    ['erp', coop.erp],
  ];
  for (const [role, spec] of roles) {
    if (!spec) continue;
    const configFile = writeCoopConfig(coop, role, spec, dataset, legacySettings(spec, legacy), options.dataDir, options.gatewaySecret);
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

interface LegacyEndpoints {
  restUrl?: string;
  sqliteFile?: string;
  csvFolder?: string;
  soapUrl?: string;
}

/** The `legacy:` section of a cooperative's adapter config for its kind. */
function legacySettings(spec: DemoRole, legacy: LegacyEndpoints): Record<string, unknown> {
  switch (spec.adapter) {
    case 'rest':
      return { url: legacy.restUrl };
    case 'sqlite':
      return { database: legacy.sqliteFile };
    case 'csv':
      return { folder: legacy.csvFolder, settleMs: 1000 };
    case 'soap':
      return { url: legacy.soapUrl };
  }
}

/** Starts or lays down the simulated legacy systems a cooperative's roles need. */
async function startLegacy(coop: DemoCooperative, dataset: LegacyDataset, options: DemoOptions, running: Closeable[]): Promise<LegacyEndpoints> {
  const kinds = ['adapter' in coop.marketplace ? coop.marketplace.adapter : undefined, coop.erp?.adapter];
  const out: LegacyEndpoints = {};
  if (kinds.includes('rest')) {
    const rest = await startRestLegacy({ dataset, port: options.freePorts ? 0 : coop.legacyPort });
    running.push(rest);
    out.restUrl = rest.url;
  }
  if (kinds.includes('soap')) {
    const soap = await startSoapLegacy({ dataset, port: options.freePorts ? 0 : coop.legacyPort });
    running.push(soap);
    out.soapUrl = soap.url;
  }
  if (kinds.includes('sqlite')) {
    out.sqliteFile = join(options.dataDir, `${coop.id}-erp.sqlite`);
    seedSqlite(out.sqliteFile, dataset);
  }
  if (kinds.includes('csv')) {
    out.csvFolder = join(options.dataDir, `${coop.id}-export`);
    mkdirSync(out.csvFolder, { recursive: true });
    writeCsvExport(out.csvFolder, dataset, { badRows: true });
    // Last night's export: settled long ago, so the adapter loads it at once.
    const lastNight = new Date(Date.now() - 8 * 3600_000);
    for (const file of readdirSync(out.csvFolder)) utimesSync(join(out.csvFolder, file), lastNight, lastNight);
  }
  return out;
}

/** The cooperative's adapter config, as its IT person would write it. */
function writeCoopConfig(
  coop: DemoCooperative,
  role: TenantRole,
  spec: DemoRole,
  dataset: LegacyDataset,
  legacy: Record<string, unknown>,
  dir: string,
  gatewaySecret?: string,
): string {
  const file = join(dir, `${coop.id}.${role}.yaml`);
  const body = {
    cooperative: coop.id,
    legacy,
    pricesIncludeVat: dataset.pricesIncludeVat,
    categories: dataset.categories,
    units: dataset.units,
    ...(gatewaySecret ? { gatewaySecret } : {}),
  };
  writeFileSync(file, `# ${coop.id} ${role} adapter (${spec.adapter}), written by the demo\n${stringify(body)}`);
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
