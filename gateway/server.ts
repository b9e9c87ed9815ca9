/**
 * The SB-NET gateway: composes the supergraph from supergraph.yaml, gives each
 * tenant group a tenant router and each ordinary subgraph a plain data
 * source, and serves `/graphql`, `/healthz`, `/readyz`, `/metrics`.
 */
import { randomBytes } from 'node:crypto';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { serveApollo, type Route, type RunningServer } from '../core/http/serve';
import type { AdminCheck } from './admin';
import { createLogger, type Logger } from '../core/log';
import { PUBLIC_ERRORS } from '../core/errors';
import { Registry } from '../core/registry';
import { composeSupergraph, tenantGroupOfUrl } from './composition';
import type { SupergraphConfig } from './config/supergraphConfig';
import { GatewayMetrics } from './metrics';
import { PlainDataSource } from './plainDataSource';
import { routingFor } from './roles';
import { CursorCodec } from './router/cursor';
import { TenantGroupDataSource } from './router/dataSource';
import { LatencyEstimates } from './router/dispatch';
import { WriteEpoch } from './router/sharedInFlight';
import { HttpSender, type Sender } from './router/send';
import { sharedDataStringifier } from './resultJson';
import { withSharedExecutions } from './sharedExecutions';
import { StatusTracker } from './status';
import { requestLogPlugin } from '../core/requestLog';
import { callLogger } from './logging';
import type { SenderStack } from './resilience/stack';
import { operationsRoutes, protectSender, stateStoreFor } from './resilience/wiring';
import type { StateStore } from './state/store';
import { gatewaySecurity } from './auth/wiring';

export interface GatewayOptions {
  config: SupergraphConfig;
  /** Overrides `gateway.port` (0 = any free port). */
  port?: number;
  host?: string;
  /** The live registry (default: the config's cooperatives). */
  registry?: Registry;
  /** The base sender under the protection stack (default: pooled HTTP). */
  sender?: Sender;
  log?: Logger;
  /** Shared state (default: Redis per `gateway.redis.url` / `REDIS_URL`, else in-process). */
  store?: StateStore;
  /**
   * More HTTP routes, e.g. the live registry's `/admin/cooperatives` (gateway/registry/liveGateway.ts);
   * as a function, it gets the gateway's admin checks (admin token, federation_admin tokens) to guard them.
   */
  routes?: Record<string, Route> | ((gateway: { adminChecks: AdminCheck[] }) => Record<string, Route>);
}

export interface RunningGateway extends RunningServer {
  registry: Registry;
  /** The sender the router uses: cache, retry, circuit, bulkhead over HTTP. */
  sender: Sender;
  status: StatusTracker;
  metrics: GatewayMetrics;
  store: StateStore;
  /** The protection layers (circuit states, bulkhead load, cache). */
  protection: SenderStack;
}

export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const { config } = options;
  const log = options.log ?? createLogger('gateway');
  const registry = options.registry ?? new Registry(config.cooperatives);
  const store = options.store ?? stateStoreFor(config, log);
  const status = new StatusTracker();
  const metrics = new GatewayMetrics();
  const calls = callLogger(log);
  const shareReads = config.gateway.shareInFlightReads !== false;
  const shareExecutions = shareReads && config.gateway.shareInFlightReads !== 'fetches';
  // Every level that shares reads in flight keys them by the writes so far (read-your-writes).
  const writes = new WriteEpoch();
  const protection = protectSender(options.sender ?? new HttpSender({ shareReads, writes }), { config, registry, store, log, sinks: [metrics, status, calls] });
  const sender = protection.sender;
  let serving = true;
  const latency = new LatencyEstimates();
  sender.onCall(latency.record);
  const stopTrackingRegistry = registry.onChange((entries) => latency.keepOnly(entries));
  sender.onCall((call) => calls.record(call));
  sender.onCall((call) => {
    status.record(call);
    metrics.record(call);
  });

  // Tokens, tenant isolation, placeOrder idempotency and query limits (gateway/auth, gateway/orders, gateway/limits).
  const security = gatewaySecurity({ config, registry, store, log });

  const { supergraphSdl } = composeSupergraph(config);
  const codec = new CursorCodec(cursorSecret(config, log));
  const deadlines = new Map(config.subgraphs.map((s) => [s.name, config.gateway.deadlineMs]));
  const gateway = new ApolloGateway({
    supergraphSdl,
    logger: log,
    buildService: ({ name, url }) => {
      const group = url ? tenantGroupOfUrl(url) : undefined;
      if (group) {
        const deps = { role: group, registry, sender, codec, latency, shareReads, writes, defaultDeadlineMs: config.gateway.deadlineMs, middleware: security.middleware };
        return new TenantGroupDataSource(deps, routingFor(group));
      }
      return new PlainDataSource(name, url ?? '', sender, deadlines.get(name) ?? config.gateway.deadlineMs);
    },
  });
  const apollo = new ApolloServer({
    // Identical queries in flight share one execution (gateway/sharedExecutions.ts), like their fetches below.
    gateway: shareExecutions ? withSharedExecutions(gateway, writes) : gateway,
    introspection: config.gateway.introspection,
    plugins: [ApolloServerPluginLandingPageDisabled(), requestLogPlugin({ log, onFinished: (ms, codes) => metrics.requestFinished(ms, codes) }), ...security.plugins],
    allowBatchedHttpRequests: security.allowBatchedHttpRequests,
    parseOptions: security.parseOptions,
    logger: log,
    ...PUBLIC_ERRORS,
    // A shared execution's answer is serialized once for all the requests that joined it (gateway/resultJson.ts).
    stringifyResult: sharedDataStringifier(),
    // Signals are handled by the CLI, which stops every server it started.
    stopOnTerminationSignals: false,
  });
  await apollo.start();

  const json = (body: unknown, status = 200) => ({ status, body: JSON.stringify(body) });
  const server = await serveApollo(apollo, {
    host: options.host ?? config.gateway.host,
    port: options.port ?? config.gateway.port,
    maxBodyBytes: security.limits.maxBodyBytes,
    inspect: security.inspect,
    context: async ({ req }) => security.context(req),
    routes: {
      '/healthz': () => json({ status: 'ok' }),
      // /readyz, /status, /metrics, /admin/cache/purge
      ...operationsRoutes({ store, registry, status, metrics, isServing: () => serving, adminChecks: security.adminChecks }),
      ...(typeof options.routes === 'function' ? options.routes({ adminChecks: security.adminChecks }) : options.routes),
    },
  });
  return {
    ...server,
    registry,
    sender,
    status,
    metrics,
    store,
    protection,
    close: async () => {
      serving = false;
      stopTrackingRegistry();
      await server.close();
      await apollo.stop();
      if (!options.sender) await sender.close();
      else await protection.dispose();
      if (!options.store) await store.close();
    },
  };
}

/** The configured cursor secret, or a random one (cursors then do not outlive this process). */
function cursorSecret(config: SupergraphConfig, log: Logger): string {
  if (config.gateway.cursorSecret) return config.gateway.cursorSecret;
  const secret = process.env.SBNET_CURSOR_SECRET;
  if (secret) return secret;
  log.warn('no gateway.cursorSecret configured: using a random one, so cursors do not survive a restart or cross gateway instances');
  return randomBytes(32).toString('hex');
}
