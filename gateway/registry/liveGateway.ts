/**
 * A gateway with the live registry: the tenant router reads a Registry the
 * LiveRegistry keeps current (supergraph.yaml watched, admin API, shared
 * records in the gateway's state store), contract checks run before a new
 * cooperative is routed to, and `/admin/cooperatives` is served. What
 * `sbnet gateway` and the demo start.
 */
import { createLogger, type Logger } from '../../core/log';
import type { CooperativeEntry } from '../../core/registry';
import type { AdminCheck } from '../admin';
import type { SupergraphConfig } from '../config/supergraphConfig';
import { effectiveAuthSettings } from '../auth/settings';
import { stateStoreFor } from '../resilience/wiring';
import { startGateway, type GatewayOptions, type RunningGateway } from '../server';
import type { StateStore } from '../state/store';
import { contractChecker } from './admission';
import { registryAdminRoutes } from './adminRoutes';
import { LiveRegistry, type LiveRegistryOptions } from './liveRegistry';

export interface LiveGatewayOptions extends Omit<GatewayOptions, 'registry'> {
  /** The file layer at start (default: the config's cooperatives). */
  fileEntries?: readonly CooperativeEntry[];
  /** Watch supergraph.yaml (default true). */
  watchFile?: boolean;
  /** Who may use `/admin/cooperatives` (default: the gateway's admin checks — `SBNET_ADMIN_TOKEN`, federation_admin tokens). */
  adminChecks?: AdminCheck[];
  /** Timings of the registry (tests shorten them). */
  registryTimings?: Pick<LiveRegistryOptions, 'pollMs' | 'retryMs' | 'drainMs' | 'lockMs'>;
}

export interface RunningLiveGateway extends RunningGateway {
  live: LiveRegistry;
}

export async function startLiveGateway(options: LiveGatewayOptions): Promise<RunningLiveGateway> {
  const { config } = options;
  const log = options.log ?? createLogger('gateway');
  const store = options.store ?? stateStoreFor(config, log);
  const live = await startLiveRegistry({ config, store, log, fileEntries: options.fileEntries, watchFile: options.watchFile, checks: true, ...options.registryTimings });
  try {
    const routes: GatewayOptions['routes'] = (ctx) => ({
      ...(typeof options.routes === 'function' ? options.routes(ctx) : options.routes),
      // The gateway's own admin checks (admin token, federation_admin tokens) unless told otherwise.
      ...registryAdminRoutes(live, options.adminChecks ?? ctx.adminChecks),
    });
    const gateway = await startGateway({ ...options, log, store, registry: live.registry, routes });
    return {
      ...gateway,
      live,
      close: async () => {
        await live.close();
        await gateway.close();
        if (!options.store) await store.close();
      },
    };
  } catch (err) {
    await live.close();
    if (!options.store) await store.close();
    throw err;
  }
}

export interface StartLiveRegistryOptions extends Omit<LiveRegistryOptions, 'checker'> {
  /** Run contract checks here (gateways); false for a follower (the network subgraph). */
  checks: boolean;
}

/** A started LiveRegistry, checking with the config's role schemas when asked to. */
export async function startLiveRegistry(options: StartLiveRegistryOptions): Promise<LiveRegistry> {
  const { checks, ...rest } = options;
  const checker = checks ? contractCheckerFor(options.config) : null;
  return new LiveRegistry({ ...rest, checker }).start();
}

export function contractCheckerFor(config: SupergraphConfig) {
  const schemaFiles = Object.fromEntries(config.subgraphs.filter((s) => s.tenantGroup).map((s) => [s.name, s.schemaFile]));
  const { identitySecret } = effectiveAuthSettings(config.gateway.auth);
  return contractChecker({ schemaFiles, defaultDeadlineMs: config.gateway.deadlineMs, identitySecret });
}

export type { Logger, StateStore };
