/**
 * The in-process StateStore: the default when no Redis is configured (one
 * gateway instance). Bounded: past `maxEntries` the oldest entries go first,
 * and expired entries are swept as new ones arrive, so a busy cache cannot
 * grow without limit.
 */
import type { StateStore } from './store';

interface Entry {
  value: string;
  expiresAt: number | null;
}

export interface MemoryStoreOptions {
  now?: () => number;
  /** Most entries kept (default 100,000). */
  maxEntries?: number;
}

const SWEEP_EVERY = 1000;

export class MemoryStore implements StateStore {
  readonly kind = 'memory' as const;
  private readonly entries = new Map<string, Entry>();
  private readonly channels = new Map<string, Set<(message: string) => void>>();
  private readonly now: () => number;
  private readonly maxEntries: number;
  private writes = 0;

  constructor(options: MemoryStoreOptions | (() => number) = {}) {
    const opts = typeof options === 'function' ? { now: options } : options;
    this.now = opts.now ?? Date.now;
    this.maxEntries = opts.maxEntries ?? 100_000;
  }

  private live(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry && entry.expiresAt !== null && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private put(key: string, entry: Entry): void {
    this.entries.delete(key); // re-insert: Map order is then age order
    this.entries.set(key, entry);
    if (++this.writes % SWEEP_EVERY === 0) this.sweep();
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldest);
    }
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt !== null && entry.expiresAt <= now) this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }

  async get(key: string): Promise<string | null> {
    return this.live(key)?.value ?? null;
  }

  async getMany(keys: readonly string[]): Promise<Array<string | null>> {
    return keys.map((key) => this.live(key)?.value ?? null);
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.put(key, { value, expiresAt: ttlMs ? this.now() + ttlMs : null });
  }

  async setIfAbsent(key: string, value: string, ttlMs?: number): Promise<boolean> {
    if (this.live(key)) return false;
    await this.set(key, value, ttlMs);
    return true;
  }

  async del(keys: readonly string[]): Promise<number> {
    let n = 0;
    for (const key of keys) if (this.live(key) && this.entries.delete(key)) n++;
    return n;
  }

  async keys(pattern: string): Promise<string[]> {
    const regex = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return [...this.entries.keys()].filter((k) => this.live(k) && regex.test(k));
  }

  async incr(key: string, ttlMs: number): Promise<number> {
    const entry = this.live(key);
    const value = Number(entry?.value ?? 0) + 1;
    this.put(key, { value: String(value), expiresAt: entry?.expiresAt ?? this.now() + ttlMs });
    return value;
  }

  async publish(channel: string, message: string): Promise<void> {
    for (const listener of this.channels.get(channel) ?? []) listener(message);
  }

  async subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    const set = this.channels.get(channel) ?? new Set();
    set.add(listener);
    this.channels.set(channel, set);
    return async () => void set.delete(listener);
  }

  isAvailable(): boolean {
    return true;
  }

  onAvailabilityChange(): () => void {
    return () => {};
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.channels.clear();
  }
}
