/** Picks the gateway's state store: Redis when a URL is configured, else in-process. */
import type { Logger } from '../../core/log';
import { MemoryStore } from './memoryStore';
import { RedisStore } from './redisStore';
import type { StateStore } from './store';

export type { StateStore };
export { MemoryStore, RedisStore };

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
  return new RedisStore({ url, prefix: options.prefix, commandTimeoutMs: options.commandTimeoutMs, log: options.log });
}
