/**
 * The cooperative registry: who is in the network and where each of their
 * role subgraphs runs. Loaded from supergraph.yaml; read by the tenant router
 * on every request (so a change applies without recomposing) and by the
 * network subgraph's directory.
 */
import type { ResilienceSettings } from './resilienceSettings';

export interface CooperativeEntry {
  id: string;
  /** Korean name. */
  name: string;
  nameEn?: string;
  industry?: string;
  region?: string;
  memberCount?: number;
  /** Legacy kind behind each role, e.g. { marketplace: 'rest', erp: 'sqlite' }. */
  marketplaceSystem?: string;
  erpSystem?: string;
  /** Role name → subgraph URL. */
  subgraphs: Record<string, string>;
  /** Per-cooperative deadline for one subgraph call (default from the gateway settings). */
  deadlineMs?: number;
  /** Per-cooperative protection (bulkhead, circuit, retry); overrides `gateway.resilience`. */
  resilience?: ResilienceSettings;
  /** ISO date the cooperative joined. */
  joinedAt?: string;
  /**
   * Just removed from the live registry: still reachable by id (entities,
   * `product(id:)`) so requests in flight finish, but no longer scattered to.
   */
  draining?: boolean;
}

type Listener = (entries: readonly CooperativeEntry[]) => void;

/** The live registry: an immutable snapshot swapped as a whole, so in-flight requests keep theirs. */
export class Registry {
  private byId: ReadonlyMap<string, CooperativeEntry>;
  /** `withRole` of the current snapshot, by role (a new snapshot starts empty). */
  private byRole = new Map<string, readonly CooperativeEntry[]>();
  private readonly listeners = new Set<Listener>();

  constructor(entries: readonly CooperativeEntry[] = []) {
    this.byId = indexEntries(entries);
  }

  get(id: string): CooperativeEntry | undefined {
    return this.byId.get(id);
  }

  list(): CooperativeEntry[] {
    return [...this.byId.values()];
  }

  /**
   * Cooperatives that run a subgraph for `role`, in id order (draining ones are
   * not scattered to). Worked out once per snapshot and role: every request
   * asks several times (cost limit, access rules, the router's scope), and
   * sorting ~200 entries each time cost ~60 µs on the request's critical path.
   */
  withRole(role: string): readonly CooperativeEntry[] {
    let entries = this.byRole.get(role);
    if (!entries) {
      entries = Object.freeze(
        this.list()
          .filter((c) => c.subgraphs[role] !== undefined && !c.draining)
          .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
      );
      this.byRole.set(role, entries);
    }
    return entries;
  }

  replace(entries: readonly CooperativeEntry[]): void {
    this.byId = indexEntries(entries);
    this.byRole = new Map();
    for (const listener of this.listeners) listener(this.list());
  }

  upsert(entry: CooperativeEntry): void {
    this.replace([...this.list().filter((c) => c.id !== entry.id), entry]);
  }

  remove(id: string): boolean {
    if (!this.byId.has(id)) return false;
    this.replace(this.list().filter((c) => c.id !== id));
    return true;
  }

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

function indexEntries(entries: readonly CooperativeEntry[]): ReadonlyMap<string, CooperativeEntry> {
  return new Map(entries.map((e) => [e.id, e]));
}
