/** What every long-running `sbnet` command shares: the `ready` line and a clean stop on signals. */
export interface Stoppable {
  close(): Promise<void>;
}

/** Prints `ready <name> <url>` (the one stdout line scripts wait for). */
export function announceReady(name: string, url: string): void {
  process.stdout.write(`ready ${name} ${url}\n`);
}

/** Stops everything on SIGINT/SIGTERM, then exits 0 (or 1 if stopping failed). */
export function stopOnSignals(targets: Stoppable[], onStop?: () => void): void {
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    onStop?.();
    const results = await Promise.allSettled(targets.map((t) => t.close()));
    process.exit(results.some((r) => r.status === 'rejected') ? 1 : 0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
