/**
 * The live registry of one process (a gateway, or the network subgraph):
 * keeps the tenant router's Registry equal to what `resolveRegistry` decides
 * over supergraph.yaml (watched) and the shared records (pub/sub, plus a poll
 * as safety net), runs the contract checks that are due (gateways only, one
 * instance per check through a lock), and carries out the admin API's
 * changes. A change replaces the Registry's snapshot whole; requests already
 * running keep the entries they read, and removed cooperatives drain.
 */
import { randomUUID } from 'node:crypto';
import { silentLogger, type Logger } from '../../core/log';
import { Registry, type CooperativeEntry } from '../../core/registry';
import type { SupergraphConfig } from '../config/supergraphConfig';
import type { StateStore } from '../state/store';
import type { CooperativeChecker } from './admission';
import { parseNewEntry, parsePatchedEntry } from './entryInput';
import { FileLayer } from './fileLayer';
import { fingerprint, versionKey } from './fingerprint';
import { resolveRegistry, type ResolvedRegistry } from './resolve';
import { SharedRecords, type SharedSnapshot } from './sharedRecords';
import type { DirectoryEntry, Draining, FileStatus } from './types';

export interface LiveRegistryOptions {
  config: SupergraphConfig;
  store: StateStore;
  /** The Registry the tenant router reads (default: a new one). */
  registry?: Registry;
  /** The file layer at start (default: the config's cooperatives). */
  fileEntries?: readonly CooperativeEntry[];
  /** Watch supergraph.yaml (default true). */
  watchFile?: boolean;
  /** Runs contract checks; null for a process that only follows (the network subgraph). */
  checker: CooperativeChecker | null;
  log?: Logger;
  /** Look for missed changes and due work (default 5 s): a full read when the store's change counter moved, or once a minute. */
  pollMs?: number;
  /** Check an unreachable cooperative again after (default 30 s). */
  retryMs?: number;
  /** A removed cooperative stays reachable by id for (default 30 s). */
  drainMs?: number;
  /** A check lock expires after (default 60 s, longer than any check). */
  lockMs?: number;
  checkConcurrency?: number;
  now?: () => number;
}

export type RegistryErrorCode = 'NOT_FOUND' | 'CONFLICT' | 'BAD_INPUT';

export class RegistryError extends Error {
  constructor(
    readonly code: RegistryErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryError';
  }
}

const EMPTY: SharedSnapshot = { api: new Map(), verdicts: new Map(), admitted: new Map() };
/** Even with no change seen, everything is read again this often. */
const FULL_READ_EVERY_MS = 60_000;

export class LiveRegistry {
  readonly registry: Registry;
  readonly records: SharedRecords;
  private readonly file: FileLayer;
  private readonly baseline: ReadonlySet<string>;
  private readonly tenantGroups: string[];
  private readonly log: Logger;
  private readonly now: () => number;
  private readonly opts: Required<Pick<LiveRegistryOptions, 'pollMs' | 'retryMs' | 'drainMs' | 'lockMs' | 'checkConcurrency' | 'watchFile'>>;
  private readonly instance = randomUUID().slice(0, 8);
  private shared: SharedSnapshot = EMPTY;
  private fileDrains: Draining[] = [];
  private resolved: ResolvedRegistry;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly checking = new Set<string>();
  private activeChecks = 0;
  private readonly waiting: Array<() => void> = [];
  private readonly listeners = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private unsubscribe: (() => Promise<void>) | null = null;
  private storeFailing = false;
  private closed = false;
  /** The store's change counter at the last full read, and when that was. */
  private seenVersion: string | null | undefined;
  private lastFullRead = 0;

  constructor(private readonly options: LiveRegistryOptions) {
    this.log = options.log ?? silentLogger;
    this.now = options.now ?? Date.now;
    this.opts = {
      pollMs: options.pollMs ?? 5000,
      retryMs: options.retryMs ?? 30_000,
      drainMs: options.drainMs ?? 30_000,
      lockMs: options.lockMs ?? 60_000,
      checkConcurrency: options.checkConcurrency ?? 4,
      watchFile: options.watchFile ?? true,
    };
    this.tenantGroups = options.config.subgraphs.filter((s) => s.tenantGroup).map((s) => s.name);
    this.records = new SharedRecords(options.store);
    this.file = new FileLayer({ config: options.config, entries: options.fileEntries, log: this.log, now: this.now, onChange: (previous) => this.fileChanged(previous) });
    this.baseline = new Set(this.file.entries.map(versionKey));
    this.resolved = this.resolve();
    // Until the shared records are read, route the file's cooperatives as configured.
    this.registry = options.registry ?? new Registry();
    this.registry.replace(this.resolved.routed);
  }

  /** Reads the shared records, subscribes to changes, watches the file, starts the poll. */
  async start(): Promise<this> {
    // Subscribe first, so a change made while the records are read is not missed.
    try {
      this.unsubscribe = await this.records.onAnnouncement((id) => void this.refresh(id));
    } catch (err) {
      this.log.warn({ err }, 'registry: cannot subscribe to changes; relying on the poll');
    }
    await this.refresh('*');
    if (this.opts.watchFile) this.file.watch();
    this.timer = setInterval(() => void this.poll(), this.opts.pollMs);
    this.timer.unref();
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    await Promise.allSettled([this.unsubscribe?.(), this.file.close()]);
    await this.queue.catch(() => undefined);
  }

  // ── reading ────────────────────────────────────────────────────────────────

  /** Everyone asked for, routed or not, by id. */
  list(): DirectoryEntry[] {
    return this.resolved.directory;
  }

  get(id: string): DirectoryEntry | undefined {
    return this.resolved.directory.find((d) => d.id === id);
  }

  /** A cooperative other subgraphs may still refer to: listed, or draining. */
  reference(id: string): CooperativeEntry | DirectoryEntry | undefined {
    return this.get(id) ?? this.resolved.draining.find((d) => d.id === id);
  }

  /** Like `reference`, also asking the store (a change another instance just made). */
  async lookup(id: string): Promise<CooperativeEntry | DirectoryEntry | undefined> {
    const known = this.reference(id);
    if (known) return known;
    const { api } = await this.records.loadOne(id).catch(() => ({ api: undefined }));
    return api?.entry;
  }

  fileStatus(): FileStatus {
    return this.file.status;
  }

  get storeKind(): StateStore['kind'] {
    return this.options.store.kind;
  }

  /** Called after every change of the directory. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves with the entry once its admission is no longer PENDING (or it is gone), or at the timeout. */
  waitForVerdict(id: string, timeoutMs: number): Promise<DirectoryEntry | undefined> {
    const settled = () => {
      const entry = this.get(id);
      return !entry || entry.admission.state !== 'PENDING' ? { entry } : undefined;
    };
    const now = settled();
    if (now) return Promise.resolve(now.entry);
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(), timeoutMs);
      const stop = this.onChange(() => settled() && done());
      const done = () => {
        clearTimeout(timer);
        stop();
        resolve(this.get(id));
      };
    });
  }

  // ── changing (the admin API) ───────────────────────────────────────────────

  /** Registers a new cooperative (JSON or YAML text); it is routed once its contract check passes. */
  async add(text: string): Promise<DirectoryEntry> {
    const entry = this.parse(() => parseNewEntry(text, this.tenantGroups));
    this.refuseFileEntry(entry.id, 'is already in');
    const { api } = await this.records.loadOne(entry.id);
    if (api && !api.removedAt) throw new RegistryError('CONFLICT', `cooperative ${entry.id} is already registered; change it with update (PATCH /admin/cooperatives/${entry.id})`);
    const at = new Date(this.now()).toISOString();
    await this.records.putApi(entry.id, { entry, addedAt: at, updatedAt: at });
    await this.records.forget(entry.id, ['verdict', 'admitted']);
    this.log.info({ cooperative: entry.id, subgraphs: entry.subgraphs }, 'registry: cooperative added; contract check next');
    return this.changed(entry.id);
  }

  /** Changes a cooperative registered through the API; new URLs are checked before they are routed to. */
  async update(id: string, text: string): Promise<DirectoryEntry> {
    this.refuseFileEntry(id, 'is defined in');
    const { api } = await this.records.loadOne(id);
    if (!api || api.removedAt) throw new RegistryError('NOT_FOUND', `no cooperative ${id} registered through the API`);
    const entry = this.parse(() => parsePatchedEntry(api.entry, text, this.tenantGroups));
    await this.records.putApi(id, { ...api, entry, updatedAt: new Date(this.now()).toISOString() });
    const urlsChanged = fingerprint(entry) !== fingerprint(api.entry);
    if (urlsChanged) await this.records.forget(id, ['verdict']);
    this.log.info({ cooperative: id, urlsChanged }, 'registry: cooperative updated');
    return this.changed(id);
  }

  /** Removes a cooperative registered through the API; it drains for a short while. */
  async remove(id: string): Promise<void> {
    this.refuseFileEntry(id, 'is defined in');
    const { api } = await this.records.loadOne(id);
    if (!api || api.removedAt) throw new RegistryError('NOT_FOUND', `no cooperative ${id} registered through the API`);
    const routed = this.registry.get(id);
    if (routed && !routed.draining) {
      const at = new Date(this.now()).toISOString();
      await this.records.putApi(id, { ...api, entry: routed, removedAt: at }, this.opts.drainMs + this.opts.pollMs * 2);
    } else {
      await this.records.forget(id, ['coop']);
    }
    await this.records.forget(id, ['verdict', 'admitted']);
    this.log.info({ cooperative: id }, 'registry: cooperative removed');
    await this.changed(id);
  }

  /** Runs the contract check of a cooperative again (after its IT fixed something). */
  async recheck(id: string): Promise<DirectoryEntry> {
    if (!this.get(id)) throw new RegistryError('NOT_FOUND', `no cooperative ${id} in the registry`);
    await this.records.forget(id, ['verdict']);
    return this.changed(id);
  }

  // ── internals ──────────────────────────────────────────────────────────────

  private parse<T>(read: () => T): T {
    try {
      return read();
    } catch (err) {
      throw new RegistryError('BAD_INPUT', (err as Error).message);
    }
  }

  private refuseFileEntry(id: string, verb: string): void {
    if (!this.file.entries.some((c) => c.id === id)) return;
    const line = this.file.lineOf(id);
    throw new RegistryError('CONFLICT', `cooperative ${id} ${verb} ${this.file.status.path}${line ? `:${line}` : ''}; change it there (the file is watched)`);
  }

  /** After a write: tell every instance, catch up here, return the entry. */
  private async changed(id: string): Promise<DirectoryEntry> {
    await this.records.announce(id).catch((err) => this.log.warn({ err }, 'registry: could not announce a change; other instances see it at their next poll'));
    await this.refresh(id);
    return this.get(id) as DirectoryEntry;
  }

  /** Reloads one cooperative's records (or all with '*'), one reload at a time, then applies. */
  private refresh(id: string): Promise<void> {
    const run = this.queue.then(async () => {
      if (this.closed) return;
      try {
        if (id === '*') {
          const version = await this.records.version();
          this.shared = await this.records.loadAll();
          [this.seenVersion, this.lastFullRead] = [version, this.now()];
        } else this.shared = withOne(this.shared, id, await this.records.loadOne(id));
        if (this.storeFailing) this.log.info('registry: state store reachable again');
        this.storeFailing = false;
      } catch (err) {
        if (!this.storeFailing) this.log.warn({ err: (err as Error).message }, 'registry: state store unreachable; keeping the last registry read');
        this.storeFailing = true;
      }
      this.apply();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async poll(): Promise<void> {
    if (this.opts.watchFile) this.file.pollForChange();
    const version = await this.records.version().catch(() => undefined);
    const fresh = version !== undefined && version === this.seenVersion && this.now() - this.lastFullRead < FULL_READ_EVERY_MS;
    // Unchanged: no key scan, but drains expire and retries fall due all the same.
    await (fresh ? this.enqueue(() => this.apply()) : this.refresh('*'));
  }

  private enqueue(work: () => void): Promise<void> {
    const run = this.queue.then(() => (this.closed ? undefined : work()));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private fileChanged(previous: readonly CooperativeEntry[]): void {
    const kept = new Set(this.file.entries.map((c) => c.id));
    for (const gone of previous.filter((c) => !kept.has(c.id))) {
      const routed = this.registry.get(gone.id);
      if (routed && !routed.draining) this.fileDrains.push({ entry: routed, removedAt: this.now() });
    }
    this.apply();
  }

  private resolve(): ResolvedRegistry {
    const now = this.now();
    this.fileDrains = this.fileDrains.filter((d) => now - d.removedAt < this.opts.drainMs);
    return resolveRegistry(
      { fileEntries: this.file.entries, baseline: this.baseline, fileDrains: this.fileDrains, ...this.shared },
      { now, retryMs: this.opts.retryMs, drainMs: this.opts.drainMs },
    );
  }

  private apply(): void {
    if (this.closed) return;
    const before = this.resolved;
    this.resolved = this.resolve();
    if (JSON.stringify(before.routed) !== JSON.stringify(this.resolved.routed)) {
      this.registry.replace(this.resolved.routed);
      this.log.info({ routed: this.resolved.routed.filter((c) => !c.draining).map((c) => c.id) }, 'registry: routing changed');
    }
    for (const listener of this.listeners) listener();
    if (this.options.checker) for (const entry of this.resolved.toCheck) void this.check(entry);
  }

  /** One contract check, by whichever instance takes the lock; the verdict is shared. */
  private async check(entry: CooperativeEntry): Promise<void> {
    const checker = this.options.checker;
    if (!checker || this.checking.has(entry.id) || this.closed) return;
    this.checking.add(entry.id);
    const owner = `${this.instance}:${fingerprint(entry)}`;
    let locked = false;
    try {
      locked = await this.records.lock(entry.id, owner, this.opts.lockMs);
      // Not locked: another instance is checking it, and will announce its verdict.
      if (locked) await this.checkNow(checker, entry);
    } catch (err) {
      this.log.warn({ cooperative: entry.id, err: (err as Error).message }, 'registry: contract check could not be recorded');
    } finally {
      this.checking.delete(entry.id);
      if (locked) await this.records.unlock(entry.id, owner).catch(() => undefined);
    }
    // Announce the verdict, or look again (the entry may have changed while it was checked).
    if (locked) await this.changed(entry.id).catch(() => undefined);
  }

  private async checkNow(checker: CooperativeChecker, entry: CooperativeEntry): Promise<void> {
    await this.slot();
    try {
      const started = this.now();
      const result = await checker(entry);
      if (!(await this.stillWanted(entry))) return;
      const checkedAt = new Date(this.now()).toISOString();
      await this.records.putVerdict(entry.id, { fingerprint: fingerprint(entry), ...result, checkedAt });
      if (result.outcome === 'passed') {
        const since = this.shared.admitted.get(entry.id)?.since ?? checkedAt;
        await this.records.putAdmitted(entry.id, { fingerprint: fingerprint(entry), subgraphs: entry.subgraphs, since });
      }
      const level = result.outcome === 'passed' ? 'info' : 'warn';
      this.log[level]({ cooperative: entry.id, outcome: result.outcome, reason: result.reason, ms: this.now() - started }, 'registry: contract check done');
    } finally {
      this.release();
    }
  }

  /** The entry checked is still the one asked for (not changed or removed meanwhile). */
  private async stillWanted(entry: CooperativeEntry): Promise<boolean> {
    const inFile = this.file.entries.find((c) => c.id === entry.id);
    if (inFile) return fingerprint(inFile) === fingerprint(entry);
    const { api } = await this.records.loadOne(entry.id);
    return !!api && !api.removedAt && fingerprint(api.entry) === fingerprint(entry);
  }

  private async slot(): Promise<void> {
    while (this.activeChecks >= this.opts.checkConcurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.activeChecks++;
  }

  private release(): void {
    this.activeChecks--;
    this.waiting.shift()?.();
  }
}

function withOne(shared: SharedSnapshot, id: string, one: Awaited<ReturnType<SharedRecords['loadOne']>>): SharedSnapshot {
  const set = <T>(map: Map<string, T>, value: T | undefined) => {
    const next = new Map(map);
    if (value === undefined) next.delete(id);
    else next.set(id, value);
    return next;
  };
  return { api: set(shared.api, one.api), verdicts: set(shared.verdicts, one.verdict), admitted: set(shared.admitted, one.admitted) };
}
