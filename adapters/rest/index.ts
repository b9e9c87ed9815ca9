/**
 * The `rest` adapter kind: a cooperative whose marketplace is a REST/JSON
 * shopping-mall API (see demo/legacy/rest for the simulated one).
 *
 *   sbnet subgraph marketplace --adapter rest --config coop.yaml
 *
 * Config keys (coop.yaml, `legacy:`): `url` (required), `pageSize` (1…100,
 * default 100), `timeoutMs` (default 10000). Nothing is called at start-up:
 * a mall that is down makes queries fail with COOPERATIVE_UNAVAILABLE, it does
 * not keep the subgraph from starting.
 */
import type { AdapterFactory } from '../types';
import { RestClient } from './client';
import { RestMarketplace } from './marketplace';
import { readRestSettings } from './settings';

export const restAdapter: AdapterFactory = {
  kind: 'rest',
  description: 'REST/JSON shopping-mall API (page/size paging, "12,000" prices, YYYYMMDD dates)',
  async marketplace(ctx) {
    const settings = readRestSettings(ctx.config);
    return new RestMarketplace(new RestClient(settings), ctx, settings);
  },
};

export { RestMarketplace } from './marketplace';
export { readRestSettings, type RestSettings } from './settings';
