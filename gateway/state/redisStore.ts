/**
 * StateStore on Redis (or Redis Cluster) through ioredis, shared by every
 * gateway instance. Pub/sub uses a second connection, as Redis requires.
 */
import Redis, { Cluster } from 'ioredis';
import type { StateStore } from './store';

type Client = Redis | Cluster;

export interface RedisStoreOptions {
  /** `redis://host:port/db`, or several comma-separated `redis://` URLs for a Cluster. */
  url: string;
  /** Key prefix, so several networks can share one Redis. */
  prefix?: string;
}

export class RedisStore implements StateStore {
  readonly kind = 'redis' as const;
  readonly client: Client;
  private subscriber: Client | undefined;
  private readonly prefix: string;
  private readonly listeners = new Map<string, Set<(message: string) => void>>();

  constructor(options: RedisStoreOptions, factory: (url: string) => Client = connect) {
    this.prefix = options.prefix ?? 'sbnet:';
    this.client = factory(options.url);
    this.url = options.url;
    this.factory = factory;
  }

  private readonly url: string;
  private readonly factory: (url: string) => Client;

  private k(key: string): string {
    return this.prefix + key;
  }

  async get(key: string): Promise<string | null> {
    return this.client.get(this.k(key));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    if (ttlMs) await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(ttlMs)));
    else await this.client.set(this.k(key), value);
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    const reply = ttlMs
      ? await this.client.set(this.k(key), value, 'PX', Math.max(1, Math.round(ttlMs)), 'NX')
      : await this.client.set(this.k(key), value, 'NX');
    return reply === 'OK';
  }

  async del(keys: readonly string[]): Promise<number> {
    if (!keys.length) return 0;
    // One DEL per key: in a Cluster, keys of one DEL must share a slot.
    const counts = await Promise.all(keys.map((key) => this.client.del(this.k(key))));
    return counts.reduce((a, b) => a + b, 0);
  }

  async keys(pattern: string): Promise<string[]> {
    const nodes = this.client instanceof Cluster ? this.client.nodes('master') : [this.client];
    const found = new Set<string>();
    for (const node of nodes) {
      let cursor = '0';
      do {
        const [next, batch] = await node.scan(cursor, 'MATCH', this.k(pattern), 'COUNT', 500);
        cursor = next;
        for (const key of batch) found.add(key.slice(this.prefix.length));
      } while (cursor !== '0');
    }
    return [...found];
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    const [[, value]] = (await this.client
      .multi()
      .incr(this.k(key))
      .pexpire(this.k(key), Math.max(1, Math.round(ttlMs)), 'NX')
      .exec()) as Array<[Error | null, number]>;
    return Number(value);
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.k(channel), message);
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    const full = this.k(channel);
    if (!this.subscriber) {
      this.subscriber = this.factory(this.url);
      this.subscriber.on('message', (ch: string, message: string) => {
        for (const l of this.listeners.get(ch) ?? []) l(message);
      });
    }
    const set = this.listeners.get(full) ?? new Set();
    if (!set.size) await this.subscriber.subscribe(full);
    set.add(listener);
    this.listeners.set(full, set);
    return async () => {
      set.delete(listener);
      if (!set.size) await this.subscriber?.unsubscribe(full);
    };
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.client.quit(), this.subscriber?.quit()]);
  }
}

function connect(url: string): Client {
  const urls = url.split(',').map((u) => u.trim()).filter(Boolean);
  if (urls.length > 1) {
    return new Cluster(urls.map((u) => ({ host: new URL(u).hostname, port: Number(new URL(u).port || 6379) })));
  }
  return new Redis(urls[0], { maxRetriesPerRequest: 1, enableOfflineQueue: false });
}
