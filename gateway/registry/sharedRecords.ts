/**
 * The registry's records in the gateway's StateStore (Redis when configured,
 * else in-process), so every gateway instance and the network subgraph see
 * one registry. One key per cooperative and kind, and one channel that says
 * "look again at <id>":
 *
 *   registry:coop:<id>      ApiRecord      (a removal keeps a tombstone for the drain, with a TTL)
 *   registry:verdict:<id>   Verdict        (the last contract check)
 *   registry:admitted:<id>  AdmittedRecord (the URLs last admitted)
 *   registry:lock:<id>      who is checking it now (TTL)
 *   registry:version        a counter bumped on every change: a poll that sees it unchanged skips the full read
 *   registry:changes        pub/sub: {"id": "<id>"} or {"id": "*"}
 */
import { getMany, type StateStore } from '../state/store';
import type { AdmittedRecord, ApiRecord, Verdict } from './types';

const PREFIX = 'registry:';
const KINDS = ['coop', 'verdict', 'admitted'] as const;
type Kind = (typeof KINDS)[number];
export const CHANGES_CHANNEL = `${PREFIX}changes`;
const VERSION_KEY = `${PREFIX}version`;
/** The version counter outlives any poll by far; were it to expire, the next poll just reads everything. */
const VERSION_TTL_MS = 30 * 24 * 3600_000;

export interface SharedSnapshot {
  api: Map<string, ApiRecord>;
  verdicts: Map<string, Verdict>;
  admitted: Map<string, AdmittedRecord>;
}

export class SharedRecords {
  constructor(readonly store: StateStore) {}

  /** Everything, from scratch: one key scan for all kinds. */
  async loadAll(): Promise<SharedSnapshot> {
    const keys = (await this.store.keys(`${PREFIX}*`)).filter((k) => KINDS.some((kind) => k.startsWith(`${PREFIX}${kind}:`)));
    const values = (await getMany(this.store, keys)).map(parse);
    const out: Record<Kind, Map<string, unknown>> = { coop: new Map(), verdict: new Map(), admitted: new Map() };
    keys.forEach((k, i) => {
      const [kind, ...id] = k.slice(PREFIX.length).split(':');
      if (values[i] !== undefined) out[kind as Kind].set(id.join(':'), values[i]);
    });
    return { api: out.coop as Map<string, ApiRecord>, verdicts: out.verdict as Map<string, Verdict>, admitted: out.admitted as Map<string, AdmittedRecord> };
  }

  /** The change counter (null before the first change). */
  version(): Promise<string | null> {
    return this.store.get(VERSION_KEY);
  }

  /** The three records of one cooperative (absent ones undefined). */
  async loadOne(id: string): Promise<{ api?: ApiRecord; verdict?: Verdict; admitted?: AdmittedRecord }> {
    const [api, verdict, admitted] = (await getMany(this.store, KINDS.map((kind) => key(kind, id)))).map(parse);
    return { api: api as ApiRecord | undefined, verdict: verdict as Verdict | undefined, admitted: admitted as AdmittedRecord | undefined };
  }

  putApi(id: string, record: ApiRecord, ttlMs?: number): Promise<void> {
    return this.store.set(key('coop', id), JSON.stringify(record), ttlMs);
  }

  putVerdict(id: string, verdict: Verdict): Promise<void> {
    return this.store.set(key('verdict', id), JSON.stringify(verdict));
  }

  putAdmitted(id: string, record: AdmittedRecord): Promise<void> {
    return this.store.set(key('admitted', id), JSON.stringify(record));
  }

  async forget(id: string, kinds: ReadonlyArray<Kind>): Promise<void> {
    await this.store.del(kinds.map((kind) => key(kind, id)));
  }

  /** True when this caller may check `id` now (nobody else is). */
  lock(id: string, owner: string, ttlMs: number): Promise<boolean> {
    return this.store.setIfAbsent(`${PREFIX}lock:${id}`, owner, ttlMs);
  }

  async unlock(id: string, owner: string): Promise<void> {
    if ((await this.store.get(`${PREFIX}lock:${id}`)) === owner) await this.store.del([`${PREFIX}lock:${id}`]);
  }

  /** Tells every instance to look again at `id` (pub/sub), and bumps the version for the polls. */
  async announce(id: string): Promise<void> {
    await this.store.incr(VERSION_KEY, VERSION_TTL_MS);
    await this.store.publish(CHANGES_CHANNEL, JSON.stringify({ id }));
  }

  onAnnouncement(listener: (id: string) => void): Promise<() => Promise<void>> {
    return this.store.subscribe(CHANGES_CHANNEL, (message) => {
      try {
        const { id } = JSON.parse(message) as { id?: unknown };
        listener(typeof id === 'string' ? id : '*');
      } catch {
        listener('*');
      }
    });
  }

}

/** A record, or undefined when absent or unreadable (a bad record never stops the registry). */
function parse(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function key(kind: Kind, id: string): string {
  return `${PREFIX}${kind}:${id}`;
}
