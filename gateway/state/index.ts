/** Picks the gateway's state store: Redis when a URL is configured, else in-process. */
import type { Logger } from '../../core/log';
import { MemoryStore } from './memoryStore';
import type { StateStore } from './store';

export type { StateStore };
export { MemoryStore };

export interface StateStoreOptions {
  /** `gateway.redis.url`; else `REDIS_URL`; else in-process. */
  redisUrl?: string;
  prefix?: string;
  commandTimeoutMs?: number;
  log?: Logger;
}

export function createStateStore(options: StateStoreOptions = {}): StateStore {
  const url = options.redisUrl ?? process.env.REDIS_URL;
  if (!url) return new MemoryStore();
  // Loaded only when configured: ioredis costs ~20 MB of memory a gateway without Redis never needs.
  const { RedisStore } = require('./redisStore') as typeof import('./redisStore');
  return new RedisStore({ url, prefix: options.prefix, commandTimeoutMs: options.commandTimeoutMs, log: options.log });
}
