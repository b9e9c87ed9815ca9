/**
 * The order a fan-out sends its calls in: slowest cooperative first. Sending
 * 200 requests takes the gateway (and the cooperatives' hosts) a while, and a
 * page is done when the last answer is in; asking the slow ones first lets
 * their wait overlap the sending of the rest (longest-processing-time-first
 * scheduling), and starting them in small waves lets the first ones go out
 * while the rest are still being built. Answers still come back in the
 * scope's order, so nothing about the merged result depends on it.
 */
import type { CooperativeEntry } from '../../core/registry';
import type { CallRecord } from './send';

/** Answer time per cooperative and role, a moving average of the calls the sender reports. */
export class LatencyEstimates {
  /**
   * role → cooperative → average. By role first, because a fan-out reads
   * one role's estimates for every cooperative before its first call: plain
   * lookups by id, where a combined key would be a new string to build and
   * hash for each of ~200 cooperatives on every request.
   */
  private readonly averages = new Map<string, Map<string, number>>();

  /** `weight`: how much the newest call counts (1 = only the last call). */
  constructor(private readonly weight = 0.3) {}

  /** A sender observer (`sender.onCall(estimates.record)`). */
  readonly record = (call: CallRecord): void => {
    // Refusals say nothing about how long the cooperative takes to answer.
    if (call.outcome === 'refused' || call.outcome === 'circuit_open' || call.outcome === 'bulkhead_full') return;
    let byCooperative = this.averages.get(call.role);
    if (!byCooperative) this.averages.set(call.role, (byCooperative = new Map()));
    const previous = byCooperative.get(call.cooperativeId);
    byCooperative.set(call.cooperativeId, previous === undefined ? call.durationMs : previous + this.weight * (call.durationMs - previous));
  };

  expectedMs(cooperativeId: string, role: string): number | undefined {
    return this.averages.get(role)?.get(cooperativeId);
  }

  /** Each cooperative's estimate for `role`, in the order given (undefined: never measured). */
  expectedFor(cooperatives: ReadonlyArray<{ id: string }>, role: string): Array<number | undefined> {
    const byCooperative = this.averages.get(role);
    return cooperatives.map((c) => byCooperative?.get(c.id));
  }

  /** Forgets the cooperatives that left the registry (`registry.onChange`). */
  keepOnly(cooperatives: ReadonlyArray<{ id: string }>): void {
    const ids = new Set(cooperatives.map((c) => c.id));
    for (const byCooperative of this.averages.values()) for (const id of byCooperative.keys()) if (!ids.has(id)) byCooperative.delete(id);
  }
}

/**
 * Indexes of `expected` from the slowest to the fastest; an unknown estimate
 * counts as slowest (never measured: assume the worst), ties keep their order.
 */
export function slowestFirst(expected: ReadonlyArray<number | undefined>): number[] {
  const slowness = expected.map((ms) => ms ?? Infinity);
  return expected.map((_, i) => i).sort((a, b) => slowness[b] - slowness[a] || a - b);
}

/** How many calls a fan-out starts before it lets node:http write them (see `startInWaves`). */
export const WAVE_SIZE = 16;

/**
 * Starts `start(i)` for every index of `order`, in that order, `waveSize` at
 * a time, yielding to the event loop between waves; returns the promises by
 * index. node:http writes a request on the next tick, not when it is made, so
 * a loop starting 200 calls sends nothing until all 200 are built (~6 ms here):
 * the first — slowest — cooperative's request would leave last of all. In
 * waves, it leaves after the first 16 are built (~0.5 ms).
 */
export async function startInWaves<R>(order: readonly number[], start: (i: number) => Promise<R>, waveSize = WAVE_SIZE): Promise<Array<Promise<R>>> {
  const started = new Array<Promise<R>>(order.length);
  for (let from = 0; from < order.length; from += waveSize) {
    if (from > 0) await nextTurn();
    for (const i of order.slice(from, from + waveSize)) {
      const answer = start(i);
      // Awaited by the caller once every wave is out; until then a failure must not count as unhandled.
      answer.catch(() => undefined);
      started[i] = answer;
    }
  }
  return started;
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Calls every cooperative, slowest first (in waves), and returns the answers in `coops`' order. */
export async function callSlowestFirst<R>(
  coops: readonly CooperativeEntry[],
  role: string,
  estimates: LatencyEstimates | undefined,
  call: (coop: CooperativeEntry) => Promise<R>,
): Promise<R[]> {
  const order = estimates ? slowestFirst(estimates.expectedFor(coops, role)) : coops.map((_, i) => i);
  return Promise.all(await startInWaves(order, (i) => call(coops[i])));
}
