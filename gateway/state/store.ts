/**
 * Shared state of the gateway (cache entries, circuit state, idempotency
 * keys, rate limits, registry changes): Redis through ioredis when
 * `REDIS_URL` is set, else an in-process store, so the demo needs no server.
 * Every method is best-effort where the caller can live without it: callers
 * decide what a failure means (a cache miss, fail open…).
 */
export interface StateStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  /** Sets with a time-to-live in milliseconds (none = keep). */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  /** Sets only if absent (Redis SET NX); true when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean>;
  del(keys: readonly string[]): Promise<number>;
  /** Keys matching a glob prefix pattern like `cache:sgfurn:*` (SCAN in Redis). */
  keys(pattern: string): Promise<string[]>;
  /** Adds to a counter that expires `ttlMs` after its first increment; returns the new value. */
  incr(key: string, ttlMs: number): Promise<number>;
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` for every message on `channel`; returns an unsubscribe function. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}
