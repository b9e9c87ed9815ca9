/**
 * `sbnet`: the one command line of SB-NET (DESIGN.md §3 "Command line").
 *   sbnet gateway --config supergraph.yaml [--port 4000]
 *   sbnet subgraph network --config supergraph.yaml [--port N]
 *   sbnet subgraph marketplace|erp --adapter <kind> --config <coop.yaml> [--port N]
 *   sbnet compose --config supergraph.yaml
 *   sbnet classifications import <file.csv> [--out <file>] [--config supergraph.yaml]
 *   sbnet token --role <role> [--coop <id>] [--business-number <n>] [--ttl 1h] [--config supergraph.yaml]
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadCoopConfig } from '../core/coopConfig';
import { createLogger } from '../core/log';
import { Registry } from '../core/registry';
import { ConfigError } from '../core/yamlConfig';
import { CompositionError, composeSupergraph } from '../gateway/composition';
import { loadSupergraphConfig } from '../gateway/config/supergraphConfig';
import { startGateway } from '../gateway/server';
import { applyHeapGrowth } from '../gateway/heapGrowth';
import { purgeCommand } from '../gateway/cache/purge';
import { GatewayStatusPoller, gatewayBaseUrl } from '../gateway/status';
import { importClassificationsCsv } from '../subgraphs/network/importClassifications';
import { startNetworkSubgraph } from '../subgraphs/network/start';
import { startRoleSubgraph } from '../subgraphs/startCooperative';
import { announceReady, stopOnSignals } from './run';
import { issueToken } from './token';
import { COMMAND_USAGE, isRegistryCommand, runCommand } from './commands';
import { startLiveGateway, startLiveRegistry } from '../gateway/registry/liveGateway';
import { stateStoreFor } from '../gateway/resilience/wiring';

const USAGE = `usage:
  sbnet gateway --config supergraph.yaml [--port 4000] [--host 127.0.0.1]
  sbnet subgraph network --config supergraph.yaml [--port N] [--gateway-url http://127.0.0.1:4000]
  sbnet subgraph marketplace|erp --adapter <kind> --config <coop.yaml> [--port N]
  sbnet compose --config supergraph.yaml
  sbnet classifications import <file.csv> [--out <file>] [--config supergraph.yaml]
  sbnet cache purge <cooperativeId> --config supergraph.yaml [--gateway-url URL]
  sbnet token --role <role> [--coop <id>] [--business-number XXX-XX-XXXXX] [--ttl 1h] [--config supergraph.yaml]
              [--subject S] [--secret S] [--issuer I] [--audience A]   (roles: member, coop_admin, analyst, federation_admin)
${COMMAND_USAGE}`;

const OPTIONS = {
  config: { type: 'string' },
  port: { type: 'string' },
  host: { type: 'string' },
  adapter: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'gateway-url': { type: 'string' },
  // sbnet token
  role: { type: 'string' },
  coop: { type: 'string' },
  'business-number': { type: 'string' },
  ttl: { type: 'string' },
  subject: { type: 'string' },
  secret: { type: 'string' },
  issuer: { type: 'string' },
  audience: { type: 'string' },
} as const;

type Flags = { config?: string; port?: string; host?: string; adapter?: string; out?: string; help?: boolean; 'gateway-url'?: string } & TokenFlags;

type TokenFlags = { role?: string; coop?: string; 'business-number'?: string; ttl?: string; subject?: string; secret?: string; issuer?: string; audience?: string };

export async function main(argv: string[]): Promise<void> {
  // sbnet check | coop | init: the live registry and onboarding commands parse their own flags (cli/commands).
  if (isRegistryCommand(argv[0])) return void process.exit(await runCommand(argv));
  try {
    const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    await dispatch(positionals, values);
  } catch (err) {
    fail(err);
  }
}

async function dispatch(args: string[], flags: Flags): Promise<void> {
  const [command, sub, extra] = args;
  if (flags.help || !command) return void process.stdout.write(`${USAGE}\n`);
  switch (command) {
    case 'gateway':
      return runGateway(flags);
    case 'subgraph':
      if (sub === 'network') return runNetwork(flags);
      if (sub === 'marketplace' || sub === 'erp') return runRole(sub, flags);
      throw usage(`unknown subgraph role "${sub ?? ''}" (network, marketplace, erp)`);
    case 'compose':
      return void process.stdout.write(`${composeSupergraph(loadSupergraphConfig(required(flags.config, '--config'))).supergraphSdl}\n`);
    case 'classifications':
      if (sub !== 'import' || !extra) throw usage('sbnet classifications import <file.csv> [--out <file>]');
      return importClassifications(extra, flags);
    case 'cache':
      if (sub !== 'purge' || !extra) throw usage('sbnet cache purge <cooperativeId> --config supergraph.yaml [--gateway-url URL]');
      return purgeCache(extra, flags);
    case 'token':
      return printToken(flags);
    default:
      throw usage(`unknown command "${command}"`);
  }
}

async function runGateway(flags: Flags): Promise<void> {
  const config = loadSupergraphConfig(required(flags.config, '--config'));
  // Before the gateway allocates anything: its heap grows to 1.5× of what is live, not up to 4× (gateway/heapGrowth.ts).
  const growth = applyHeapGrowth();
  const log = createLogger('gateway');
  if (growth.percent === null) log.info({ heapGrowth: growth.reason }, 'heap growth left to V8');
  else log.info({ heapGrowingPercent: growth.percent, source: growth.source }, 'heap growth set');
  const port = portOf(flags.port ?? process.env.PORT);
  // The live registry: supergraph.yaml watched, /admin/cooperatives, contract checks before routing (gateway/registry).
  const gateway = await startLiveGateway({ config, port, host: flags.host, log });
  announceReady('gateway', gateway.url);
  stopOnSignals([gateway]);
}

async function runNetwork(flags: Flags): Promise<void> {
  const config = loadSupergraphConfig(required(flags.config, '--config'));
  const spec = config.subgraphs.find((s) => s.name === 'network');
  const port = portOf(flags.port) ?? (spec?.routingUrl ? Number(new URL(spec.routingUrl).port) || undefined : undefined);
  const log = createLogger('network');
  // Cooperative.status: the gateway's live view, polled from its /status (default: the gateway of this config).
  const poller = new GatewayStatusPoller({ gatewayUrl: flags['gateway-url'] ?? gatewayBaseUrl(config.gateway), log }).start();
  // The directory follows the live registry (supergraph.yaml watched; admin API changes and verdicts through Redis
  // when configured). Without Redis nothing is shared with the gateway, so this process checks the file's cooperatives itself.
  const store = stateStoreFor(config, log);
  const live = await startLiveRegistry({ config, store, log, checks: store.kind === 'memory' });
  const server = await startNetworkSubgraph({ registry: live.registry, directory: live, classificationsFile: config.classificationsFile, port, host: flags.host, statusOf: poller.statusOf, log });
  announceReady('network', server.url);
  stopOnSignals([server, { close: async () => poller.close() }, { close: async () => void (await live.close(), await store.close()) }]);
}

async function purgeCache(cooperativeId: string, flags: Flags): Promise<void> {
  const config = loadSupergraphConfig(required(flags.config, '--config'));
  const { purged, via } = await purgeCommand({ cooperativeId, config, gatewayUrl: flags['gateway-url'] });
  process.stdout.write(`purged ${purged} cache entries of ${cooperativeId} (${via})\n`);
}

async function runRole(role: 'marketplace' | 'erp', flags: Flags): Promise<void> {
  const config = loadCoopConfig(required(flags.config, '--config'));
  const server = await startRoleSubgraph({
    role,
    adapterKind: required(flags.adapter, '--adapter'),
    config,
    port: portOf(flags.port),
    host: flags.host,
    log: createLogger(`${config.cooperative}-${role}`),
  });
  announceReady(server.name, server.url);
  stopOnSignals([server]);
}

function importClassifications(file: string, flags: Flags): void {
  const fromConfig = flags.config ? loadSupergraphConfig(flags.config).classificationsFile : undefined;
  const out = resolve(flags.out ?? fromConfig ?? 'classifications.csv');
  const result = importClassificationsCsv(resolve(file), out);
  process.stdout.write(`imported ${result.imported} classifications (${result.encoding}) into ${out}\n`);
  for (const s of result.skipped) process.stdout.write(`skipped line ${s.line}: ${s.reason}\n`);
  if (!fromConfig) process.stdout.write(`add to supergraph.yaml:\nclassifications:\n  file: ${out}\n`);
}

function portOf(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`invalid port "${value}"`);
  return port;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw usage(`${flag} is required`);
  return value;
}

class UsageError extends Error {}

function usage(message: string): UsageError {
  return new UsageError(`${message}\n${USAGE}`);
}

/** Config and composition errors already name file, line or type: print them as they are. */
function fail(err: unknown): never {
  const known =
    err instanceof ConfigError ||
    err instanceof CompositionError ||
    err instanceof UsageError ||
    (err as Error)?.name === 'ClassificationsImportError' ||
    (err as Error)?.name === 'TokenError' ||
    (err as Error)?.name === 'HeapGrowthError';
  process.stderr.write(`sbnet: ${known ? (err as Error).message : (err as Error)?.stack ?? String(err)}\n`);
  process.exit(2);
}

/** `sbnet token`: prints one signed bearer token (cli/token.ts). */
async function printToken(flags: Flags): Promise<void> {
  const token = await issueToken({
    role: flags.role,
    coop: flags.coop,
    businessNumber: flags['business-number'],
    ttl: flags.ttl,
    subject: flags.subject,
    config: flags.config,
    secret: flags.secret,
    issuer: flags.issuer,
    audience: flags.audience,
  });
  process.stdout.write(`${token}\n`);
}
