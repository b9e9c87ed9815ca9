/**
 * StateStore on Redis (or Redis Cluster) through ioredis, shared by every
 * gateway instance. Pub/sub uses a second connection, as Redis requires.
 *
 * Redis is never on the critical path of a client request:
 * - while the connection is not ready, commands fail at once (no offline
 *   queue), so callers fall back (uncached, local circuits) without waiting;
 * - every command has a timeout (`commandTimeoutMs`, default 250); a server
 *   that stops answering (hung, not closed) times out three commands in a row
 *   and the connection is dropped and remade, failing fast meanwhile;
 * - ioredis reconnects by itself (back-off capped at 2 s) and resubscribes;
 * - an outage is logged once (warn) and its end once (info), however often
 *   the client retries or the server flaps within a minute.
 */
import Redis, { Cluster, type RedisOptions } from 'ioredis';
import type { Logger } from '../../core/log';
import type { StateStore } from './store';

type Client = Redis | Cluster;

export interface RedisStoreOptions {
  /** `redis://host:port/db`, or several comma-separated `redis://` URLs for a Cluster. */
  url: string;
  /** Key prefix, so several networks can share one Redis. */
  prefix?: string;
  /** Longest wait for one command (default 250 ms). */
  commandTimeoutMs?: number;
  log?: Logger;
}

/** Consecutive command timeouts after which the connection is remade. */
const TIMEOUTS_BEFORE_RECONNECT = 3;
/** Outages closer together than this are one outage in the logs (a flapping server logs once). */
const LOG_QUIET_MS = 60_000;

export class RedisStore implements StateStore {
  readonly kind = 'redis' as const;
  readonly client: Client;
  private subscriber: Client | undefined;
  private readonly prefix: string;
  private readonly url: string;
  private readonly factory: (url: string, options: ConnectOptions) => Client;
  private readonly commandTimeoutMs: number;
  private readonly log: Logger | undefined;
  private readonly listeners = new Map<string, Set<(message: string) => void>>();
  private readonly availability = new Set<(up: boolean) => void>();
  private up = false;
  private lastError = '';
  private downSince: number | null = Date.now();
  private lastDownLog = -Infinity;
  private downLogged = false;
  /** Whether this outage's warning was written (a flap within the quiet time is logged at debug only). */
  private downWarned = false;
  private timeouts = 0;
  private closed = false;

  constructor(options: RedisStoreOptions, factory: (url: string, options: ConnectOptions) => Client = connect) {
    this.prefix = options.prefix ?? 'sbnet:';
    this.url = options.url;
    this.factory = factory;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 250;
    this.log = options.log;
    this.client = factory(options.url, { commandTimeout: this.commandTimeoutMs, offlineQueue: false });
    this.client.on('ready', () => this.setUp(true));
    this.client.on('error', (err: Error) => this.onError(err));
    this.client.on('close', () => this.setUp(false));
    this.client.on('end', () => this.setUp(false));
  }

  private k(key: string): string {
    return this.prefix + key;
  }

  isAvailable(): boolean {
    return this.up;
  }

  onAvailabilityChange(listener: (up: boolean) => void): () => void {
    this.availability.add(listener);
    return () => this.availability.delete(listener);
  }

  /** Resolves once connected (true), or false after `timeoutMs` (tests and start-up checks). */
  async ready(timeoutMs = 2000): Promise<boolean> {
    if (this.up) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        stop();
        resolve(false);
      }, timeoutMs);
      const stop = this.onAvailabilityChange((up) => {
        if (!up) return;
        clearTimeout(timer);
        stop();
        resolve(true);
      });
    });
  }

  async get(key: string): Promise<string | null> {
    return this.run(() => this.client.get(this.k(key)));
  }

  async getMany(keys: readonly string[]): Promise<Array<string | null>> {
    if (!keys.length) return [];
    const full = keys.map((key) => this.k(key));
    // In a Cluster one MGET must stay within one slot: there, one GET per key.
    if (this.client instanceof Cluster) return this.run(() => Promise.all(full.map((key) => this.client.get(key))));
    return this.run(() => (this.client as Redis).mget(...full));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.run(() => (ttlMs ? this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(ttlMs))) : this.client.set(this.k(key), value)));
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const reply = await this.run(() =>
      ttlMs ? this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX') : this.client.set(this.k(key), value, 'NX'),
    );
    return reply === 'OK';
  }

  async del(keys: readonly string[]): Promise<number> {
    if (!keys.length) return 0;
    // One DEL per key: in a Cluster, keys of one DEL must share a slot.
    const counts = await this.run(() => Promise.all(keys.map((key) => this.client.del(this.k(key)))));
    return counts.reduce((a, b) => a + b, 0);
  }

  async keys(pattern: string): Promise<string[]> {
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    const found = new Set<string>();
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, batch] = await this.run(() => node.scan(cursor, 'MATCH', this.k(pattern), 'COUNT', 500));
        cursor = next;
        for (const key of batch) found.add(key.slice(this.prefix.length));
      } while (cursor !== '0');
    }
    return [...found];
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    const replies = await this.run(() => this.client.multi().incr(this.k(key)).pexpire(this.k(key), Math.max(1, Math.round(ttlMs)), 'NX').exec());
    const [[error, value]] = replies as Array<[Error | null, number]>;
    if (error) throw error;
    return Number(value);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.run(() => this.client.publish(this.k(channel), message));
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    const full = this.k(channel);
    const subscriber = this.subscriberClient();
    const set = this.listeners.get(full) ?? new Set();
    // Queued until connected; ioredis resubscribes after every reconnect.
    if (!set.size) void subscriber.subscribe(full).catch((err: Error) => this.log?.debug({ err: err.message, channel }, 'redis subscribe failed'));
    set.add(listener);
    this.listeners.set(full, set);
    return async () => {
      set.delete(listener);
      if (!set.size && this.subscriber && !this.closed) {
        const done = this.subscriber.unsubscribe(full).catch(() => undefined);
        // Waited for only while connected: offline, it is queued like the subscription was.
        if (this.subscriber.status === 'ready') await done;
      }
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    this.availability.clear();
    await Promise.allSettled([quit(this.client), this.subscriber ? quit(this.subscriber) : undefined]);
  }

  private subscriberClient(): Client {
    if (!this.subscriber) {
      this.subscriber = this.factory(this.url, { offlineQueue: true });
      this.subscriber.on('error', () => undefined); // the main connection reports outages
      this.subscriber.on('message', (ch: string, message: string) => {
        for (const l of this.listeners.get(ch) ?? []) l(message);
      });
    }
    return this.subscriber;
  }

  /** Runs a command; counts timeouts and remakes a connection that stopped answering. */
  private async run<T>(command: () => Promise<T>): Promise<T> {
    if (!this.up) throw new Error(`Redis unavailable${this.lastError ? ` (${this.lastError})` : ''}`);
    try {
      const result = await command();
      this.timeouts = 0;
      return result;
    } catch (err) {
      if (/timed out/i.test((err as Error).message) && ++this.timeouts >= TIMEOUTS_BEFORE_RECONNECT) {
        this.timeouts = 0;
        this.lastError = `${TIMEOUTS_BEFORE_RECONNECT} commands timed out after ${this.commandTimeoutMs} ms`;
        this.setUp(false);
        if (this.client instanceof Redis) this.client.disconnect(true);
      }
      throw err;
    }
  }

  private onError(err: Error): void {
    const e = err as Error & { code?: string };
    this.lastError = e.code ?? e.message;
    if (!this.up) this.reportDown();
  }

  private setUp(up: boolean): void {
    if (this.closed || up === this.up) {
      if (!up) this.reportDown();
      return;
    }
    this.up = up;
    if (up) {
      const downFor = this.downSince === null ? 0 : Date.now() - this.downSince;
      if (this.downWarned) this.log?.info({ redis: redact(this.url), downMs: downFor }, `Redis reachable again after ${(downFor / 1000).toFixed(1)} s: shared cache and circuit state resume`);
      else this.log?.debug({ redis: redact(this.url) }, 'Redis connected');
      this.downSince = null;
      this.downLogged = false;
      this.downWarned = false;
      this.timeouts = 0;
    } else {
      this.downSince = Date.now();
      this.reportDown();
    }
    for (const listener of this.availability) listener(up);
  }

  /** One warning per outage; a server flapping within a minute stays one outage in the logs. */
  private reportDown(): void {
    if (this.closed || this.downLogged) return;
    if (this.downSince === null) this.downSince = Date.now();
    const now = Date.now();
    this.downLogged = true;
    if (now - this.lastDownLog < LOG_QUIET_MS) return void this.log?.debug({ redis: redact(this.url), reason: this.lastError }, 'Redis unavailable again');
    this.lastDownLog = now;
    this.downWarned = true;
    this.log?.warn(
      { redis: redact(this.url), reason: this.lastError || 'connection closed' },
      'Redis unavailable: serving without shared state (uncached, circuits per instance); reconnecting in the background',
    );
  }
}

export interface ConnectOptions {
  commandTimeout?: number;
  /** Queue commands while disconnected (the subscriber) or fail them at once (commands). */
  offlineQueue: boolean;
}

/** Reconnect quickly at first, then every 2 s at most, with jitter. */
function retryStrategy(times: number): number {
  return Math.min(50 * 2 ** Math.min(times, 6), 2000) + Math.floor(Math.random() * 100);
}

function connect(url: string, options: ConnectOptions): Client {
  const urls = url.split(',').map((u) => u.trim()).filter(Boolean);
  const redisOptions: RedisOptions = {
    commandTimeout: options.commandTimeout,
    enableOfflineQueue: options.offlineQueue,
    maxRetriesPerRequest: options.offlineQueue ? null : 1,
    // A write sent just before a connection dropped is not replayed minutes later into a restarted server.
    autoResendUnfulfilledCommands: options.offlineQueue,
    connectTimeout: 2000,
    retryStrategy,
  };
  // How long a closing socket may linger (default 2 s: holds the process after close() while reconnecting).
  Object.assign(redisOptions, { disconnectTimeout: 100 });
  if (urls.length > 1) {
    return new Cluster(
      urls.map((u) => ({ host: new URL(u).hostname, port: Number(new URL(u).port || 6379) })),
      { redisOptions, enableOfflineQueue: options.offlineQueue, clusterRetryStrategy: retryStrategy },
    );
  }
  return new Redis(urls[0], redisOptions);
}

async function quit(client: Client): Promise<void> {
  if (client.status !== 'ready') return void client.disconnect();
  const timer = setTimeout(() => client.disconnect(), 500);
  try {
    await client.quit();
  } catch {
    client.disconnect();
  } finally {
    clearTimeout(timer);
  }
}

/** The URL without its password, for logs. */
export function redact(url: string): string {
  return url
    .split(',')
    .map((u) => {
      try {
        const parsed = new URL(u.trim());
        if (parsed.password) parsed.password = '***';
        return parsed.toString();
      } catch {
        return 'redis://?';
      }
    })
    .join(',');
}
