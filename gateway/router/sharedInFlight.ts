/**
 * Identical reads in flight at the same moment are done once. The tenant
 * router uses it for whole tenant-group fetches: when many clients ask the
 * same network-wide page at once (the portal's front page), one fan-out
 * serves them all and the cooperatives' legacy systems see one call each —
 * the same rule as the sender's sharing of identical subgraph reads, one
 * level up. A shared result is copied for every caller (Apollo's executor
 * merges into what it gets); a result nobody shared is handed over as is.
 */
export class SharedInFlight<T> {
  private readonly pending = new Map<string, { promise: Promise<T>; callers: number }>();

  constructor(private readonly copy: (value: T) => T = structuredClone) {}

  async run(key: string, work: () => Promise<T>): Promise<T> {
    let entry = this.pending.get(key);
    if (!entry) {
      // Removed before any caller resumes (this handler is attached first), so the count below is final.
      const promise = work().finally(() => this.pending.delete(key));
      this.pending.set(key, (entry = { promise, callers: 0 }));
    }
    entry.callers++;
    const value = await entry.promise;
    return entry.callers > 1 ? this.copy(value) : value;
  }

  /** Keys in flight now (for tests and the status view). */
  get size(): number {
    return this.pending.size;
  }
}

/**
 * Counts the writes passing through the gateway, so that a read begun after a
 * write started never joins a read that was in flight before it: every sharing
 * key carries the count, which goes up when a mutation starts and again when
 * it ends (a caller who placed an order and then lists orders sees it).
 */
export class WriteEpoch {
  private current = 0;

  get value(): number {
    return this.current;
  }

  /** Runs one write between two increments. */
  async around<T>(write: () => Promise<T>): Promise<T> {
    this.current++;
    try {
      return await write();
    } finally {
      this.current++;
    }
  }
}
