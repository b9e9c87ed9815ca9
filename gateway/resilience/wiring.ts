/**
 * How the gateway server puts protection, cache, state, status and metrics
 * together (kept here so `server.ts` stays a short list of parts).
 */
import type { Route, RouteResponse } from '../../core/http/serve';
import type { Logger } from '../../core/log';
import type { Registry } from '../../core/registry';
import { adminOnly, staticTokenCheck, type AdminCheck } from '../admin';
import { PURGE_PATH, purgeRoute } from '../cache/purge';
import { CachePolicy } from '../cache/ttl';
import type { SupergraphConfig } from '../config/supergraphConfig';
import type { GatewayMetrics } from '../metrics';
import type { Sender } from '../router/send';
import { createStateStore } from '../state';
import { storeAvailable, type StateStore } from '../state/store';
import type { StatusTracker } from '../status';
import { fanOut, type ProtectionEvents } from './events';
import { registryPolicies } from './policy';
import { buildSenderStack, type SenderStack } from './stack';

export function stateStoreFor(config: SupergraphConfig, log: Logger): StateStore {
  const redis = config.gateway.redis;
  return createStateStore({ redisUrl: redis?.url, prefix: redis?.prefix, commandTimeoutMs: redis?.commandTimeoutMs, log });
}

/** The cache policy of `gateway.cache`, or none when nothing is to be cached. */
export function cachePolicyOf(config: SupergraphConfig): CachePolicy | undefined {
  if (!config.gateway.cache) return undefined;
  const schemas = Object.fromEntries(config.subgraphs.filter((s) => s.tenantGroup).map((s) => [s.name, s.schemaFile]));
  const policy = CachePolicy.fromSchemas(config.gateway.cache, schemas);
  return policy.enabled ? policy : undefined;
}

export interface ProtectOptions {
  config: SupergraphConfig;
  registry: Registry;
  store: StateStore;
  log: Logger;
  sinks: ProtectionEvents[];
}

/** The base sender wrapped in cache → retry → circuit → bulkhead, per the config and the live registry. */
export function protectSender(base: Sender, options: ProtectOptions): SenderStack {
  const { config, registry, store, log } = options;
  return buildSenderStack(base, {
    store,
    log,
    policyOf: registryPolicies(registry, config.gateway.resilience),
    events: fanOut(options.sinks),
    cache: cachePolicyOf(config),
  });
}

export interface OperationsRoutesOptions {
  store: StateStore;
  registry: Registry;
  status: StatusTracker;
  metrics: GatewayMetrics;
  /** Who may use admin routes (default: the `SBNET_ADMIN_TOKEN` bearer token). */
  adminChecks?: AdminCheck[];
  /** False once the gateway is stopping (`/readyz` then answers 503, so load balancers drain it). */
  isServing?: () => boolean;
}

/** `/readyz`, `/status`, `/metrics` and the cache purge admin route. */
export function operationsRoutes(options: OperationsRoutesOptions): Record<string, Route> {
  const { store, registry, status, metrics } = options;
  const ids = () => registry.list().map((c) => c.id);
  const json = (body: unknown, code = 200): RouteResponse => ({ status: code, body: JSON.stringify(body) });
  metrics.storeAvailability(store.kind, storeAvailable(store));
  store.onAvailabilityChange?.((up) => metrics.storeAvailability(store.kind, up));
  return {
    // Composed and listening (this route exists only then); cooperatives and the store are shown, not required.
    '/readyz': () => {
      const ready = options.isServing?.() ?? true;
      return json({ ready, state: { kind: store.kind, available: storeAvailable(store) }, cooperatives: status.detail(ids()) }, ready ? 200 : 503);
    },
    '/status': () => json(status.snapshot(ids())),
    '/metrics': async () => ({ status: 200, body: await metrics.text(), contentType: metrics.contentType }),
    [PURGE_PATH]: adminOnly(options.adminChecks ?? [staticTokenCheck()], purgeRoute(store, registry)),
  };
}
