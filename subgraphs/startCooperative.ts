/**
 * Running one cooperative's role subgraph: the role's generic server, one
 * adapter built from the cooperative's config, served over HTTP. This is what
 * `sbnet subgraph marketplace|erp --adapter <kind> --config coop.yaml` runs.
 */
import { adapterFactory } from '../adapters';
import { createAdapterContext } from '../adapters/types';
import { serveRoleAdapter, type RunningSubgraph, type TenantRole } from './serve';
import type { CoopConfig } from '../core/coopConfig';
import { createLogger, type Logger } from '../core/log';
import type { MarketplaceAdapter } from './marketplace/port';
import type { ErpAdapter } from './erp/port';

export interface RoleSubgraphOptions {
  role: TenantRole;
  adapterKind: string;
  config: CoopConfig;
  host?: string;
  port?: number;
  log?: Logger;
}

/** A role subgraph over an adapter built by its factory from the config. */
export async function startRoleSubgraph(options: RoleSubgraphOptions): Promise<RunningSubgraph> {
  const { role, config } = options;
  const log = options.log ?? createLogger(`${config.cooperative}-${role}`);
  const factory = adapterFactory(options.adapterKind);
  const ctx = createAdapterContext(config, log);
  if (!factory[role]) throw new Error(`Adapter "${factory.kind}" does not implement the ${role} role`);
  const adapter: MarketplaceAdapter | ErpAdapter = role === 'marketplace' ? await factory.marketplace!(ctx) : await factory.erp!(ctx);
  const running = await serveRoleAdapter({
    role,
    cooperativeId: config.cooperative,
    adapter,
    host: options.host,
    port: options.port,
    log,
    gatewaySecret: config.gatewaySecret,
  });
  return { ...running, reports: ctx.reports };
}

