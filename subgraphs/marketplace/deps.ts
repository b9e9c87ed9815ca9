/** What the marketplace role's resolver modules share: one cooperative, its adapter, its loaders. */
import type { Logger } from '../../core/log';
import { silentLogger } from '../../core/log';
import type { AdapterScope } from '../shared/adapterCall';
import { marketplaceLoaders, type MarketplaceLoaders } from './loaders';
import { idMapper, type IdMapper } from './mapping';
import type { MarketplaceAdapter } from './port';

export interface MarketplaceDeps {
  cooperativeId: string;
  adapter: MarketplaceAdapter;
  ids: IdMapper;
  /** For adapter calls: who to name in COOPERATIVE_UNAVAILABLE, where to log. */
  scope: AdapterScope;
  /** The request's loaders, by its context object. */
  loaders(context: unknown): MarketplaceLoaders;
}

export interface MarketplaceServerOptions {
  cooperativeId: string;
  adapter: MarketplaceAdapter;
  log?: Logger;
}

export function marketplaceDeps(opts: MarketplaceServerOptions): MarketplaceDeps {
  const scope: AdapterScope = { cooperativeId: opts.cooperativeId, log: opts.log ?? silentLogger };
  return {
    cooperativeId: opts.cooperativeId,
    adapter: opts.adapter,
    ids: idMapper(opts.cooperativeId),
    scope,
    loaders: marketplaceLoaders(opts.adapter, scope),
  };
}
