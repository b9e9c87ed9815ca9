/** Picks the gateway's state store: Redis when a URL is configured, else in-process. */
import { MemoryStore } from './memoryStore';
import { RedisStore } from './redisStore';
import type { StateStore } from './store';

export type { StateStore };

export function createStateStore(options: { redisUrl?: string; prefix?: string } = {}): StateStore {
  const url = options.redisUrl ?? process.env.REDIS_URL;
  return url ? new RedisStore({ url, prefix: options.prefix }) : new MemoryStore();
}
