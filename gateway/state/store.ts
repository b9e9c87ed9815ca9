/**
 * Shared state of the gateway (cache entries, circuit state, idempotency
 * keys, rate limits, registry changes): Redis through ioredis when
 * `REDIS_URL` (or `gateway.redis.url`) is set, else an in-process store, so
 * the demo needs no server.
 *
 * Every method is best-effort where the caller can live without it: a method
 * may reject (Redis down, a command timed out) and callers decide what that
 * means (a cache miss, a local circuit, fail open…). A store never hangs a
 * caller: commands time out, and while Redis is down they fail at once.
 */
export interface StateStore {
  readonly kind: 'memory' | 'redis';
  get(key: string): Promise<string | null>;
  /** Several keys at once (one round trip where the backend allows); null for each missing key. */
  getMany?(keys: readonly string[]): Promise<Array<string | null>>;
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
  /**
   * Calls `listener` for every message on `channel`; returns an unsubscribe
   * function. Never waits for a server that is down: the subscription is made
   * (again) whenever the connection is (re)established.
   */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;
  /** Whether the store answers right now (false while Redis is unreachable: skip it, do not wait). */
  isAvailable?(): boolean;
  /** Calls `listener(up)` whenever availability changes; returns a function that stops it. */
  onAvailabilityChange?(listener: (up: boolean) => void): () => void;
  close(): Promise<void>;
}

/** `store.getMany`, or one `get` per key for stores without it. */
export function getMany(store: StateStore, keys: readonly string[]): Promise<Array<string | null>> {
  if (!keys.length) return Promise.resolve([]);
  return store.getMany ? store.getMany(keys) : Promise.all(keys.map((k) => store.get(k)));
}

/** Whether a store says it is reachable (stores that cannot tell are assumed up). */
export function storeAvailable(store: StateStore): boolean {
  return store.isAvailable ? store.isAvailable() : true;
}
