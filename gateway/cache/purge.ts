/**
 * Purging one cooperative's cache entries when it reports a data change:
 * - `POST /admin/cache/purge?cooperative=<id>` on the gateway (admin guard);
 * - `sbnet cache purge <id> --config supergraph.yaml [--gateway-url URL]`:
 *   straight in Redis when one is configured (every gateway instance shares
 *   it), else through the gateway's admin endpoint (its in-process cache).
 */
import type { IncomingMessage } from 'node:http';
import { isCooperativeId } from '../../core/ids';
import type { RouteResponse } from '../../core/http/serve';
import type { Registry } from '../../core/registry';
import type { SupergraphConfig } from '../config/supergraphConfig';
import { gatewayBaseUrl } from '../status';
import type { StateStore } from '../state/store';
import { purgeCooperative } from './cachingSender';

export const PURGE_PATH = '/admin/cache/purge';

function json(status: number, body: unknown): RouteResponse {
  return { status, body: JSON.stringify(body) };
}

function badInput(message: string): RouteResponse {
  return json(400, { errors: [{ message, extensions: { code: 'BAD_USER_INPUT' } }] });
}

/** The admin route (wrap it in `adminOnly`). */
export function purgeRoute(store: StateStore, registry: Registry) {
  return async (req: IncomingMessage): Promise<RouteResponse> => {
    if (req.method !== 'POST') return json(405, { errors: [{ message: `${PURGE_PATH} takes POST` }] });
    const id = new URL(req.url ?? '/', 'http://localhost').searchParams.get('cooperative') ?? '';
    if (!isCooperativeId(id)) return badInput(`cooperative must be a cooperative id ([a-z][a-z0-9-]{1,31}), got ${JSON.stringify(id)}`);
    try {
      const purged = await purgeCooperative(store, id);
      return json(200, { cooperative: id, purged, inRegistry: registry.get(id) !== undefined });
    } catch (err) {
      return json(503, { errors: [{ message: `The state store did not answer: ${(err as Error).message}` }] });
    }
  };
}

export interface PurgeCommandOptions {
  cooperativeId: string;
  config: SupergraphConfig;
  /** Use this gateway's admin endpoint (else Redis when configured, else the configured gateway). */
  gatewayUrl?: string;
  /** Admin bearer token (default `SBNET_ADMIN_TOKEN`). */
  token?: string;
}

export interface PurgeOutcome {
  purged: number;
  via: string;
}

export async function purgeCommand(options: PurgeCommandOptions): Promise<PurgeOutcome> {
  const { cooperativeId, config } = options;
  if (!isCooperativeId(cooperativeId)) throw new Error(`not a cooperative id: ${JSON.stringify(cooperativeId)}`);
  const redisUrl = config.gateway.redis?.url ?? process.env.REDIS_URL;
  if (!options.gatewayUrl && redisUrl) {
    const { RedisStore } = require('../state/redisStore') as typeof import('../state/redisStore');
    const store = new RedisStore({ url: redisUrl, prefix: config.gateway.redis?.prefix, commandTimeoutMs: 2000 });
    try {
      if (!(await store.ready(3000))) throw new Error(`Redis at ${redisUrl} did not answer`);
      return { purged: await purgeCooperative(store, cooperativeId), via: 'redis' };
    } finally {
      await store.close();
    }
  }
  const base = options.gatewayUrl ?? gatewayBaseUrl(config.gateway);
  const url = new URL(PURGE_PATH, base);
  url.searchParams.set('cooperative', cooperativeId);
  const token = options.token ?? process.env.SBNET_ADMIN_TOKEN;
  const res = await fetch(url, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {}, signal: AbortSignal.timeout(10_000) });
  const body = (await res.json().catch(() => ({}))) as { purged?: number; errors?: Array<{ message: string }> };
  if (!res.ok) throw new Error(`${url.origin}${PURGE_PATH}: HTTP ${res.status}: ${body.errors?.[0]?.message ?? 'no message'}`);
  return { purged: Number(body.purged ?? 0), via: url.origin };
}
