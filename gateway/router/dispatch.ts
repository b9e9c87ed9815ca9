/**
 * The order a fan-out sends its calls in: slowest cooperative first. Sending
 * 200 requests takes the gateway (and the cooperatives' hosts) a while, and a
 * page is done when the last answer is in; asking the slow ones first lets
 * their wait overlap the sending of the rest (longest-processing-time-first
 * scheduling). Answers still come back in the scope's order, so nothing about
 * the merged result depends on it.
 */
import type { CooperativeEntry } from '../../core/registry';
import type { CallRecord } from './send';

/** Answer time per cooperative and role, a moving average of the calls the sender reports. */
export class LatencyEstimates {
  private readonly averages = new Map<string, number>();

  /** `weight`: how much the newest call counts (1 = only the last call). */
  constructor(private readonly weight = 0.3) {}

  /** A sender observer (`sender.onCall(estimates.record)`). */
  readonly record = (call: CallRecord): void => {
    // Refusals say nothing about how long the cooperative takes to answer.
    if (call.outcome === 'refused' || call.outcome === 'circuit_open' || call.outcome === 'bulkhead_full') return;
    const key = keyOf(call.cooperativeId, call.role);
    const previous = this.averages.get(key);
    this.averages.set(key, previous === undefined ? call.durationMs : previous + this.weight * (call.durationMs - previous));
  };

  expectedMs(cooperativeId: string, role: string): number | undefined {
    return this.averages.get(keyOf(cooperativeId, role));
  }

  /** Forgets the cooperatives that left the registry (`registry.onChange`). */
  keepOnly(cooperatives: ReadonlyArray<{ id: string }>): void {
    const ids = new Set(cooperatives.map((c) => c.id));
    for (const key of this.averages.keys()) if (!ids.has(key.slice(0, key.indexOf('\u0000')))) this.averages.delete(key);
  }
}

function keyOf(cooperativeId: string, role: string): string {
  return `${cooperativeId}\u0000${role}`;
}

/**
 * Indexes of `expected` from the slowest to the fastest; an unknown estimate
 * counts as slowest (never measured: assume the worst), ties keep their order.
 */
export function slowestFirst(expected: ReadonlyArray<number | undefined>): number[] {
  const slowness = (i: number) => expected[i] ?? Infinity;
  return expected.map((_, i) => i).sort((a, b) => slowness(b) - slowness(a) || a - b);
}

/** Calls every cooperative, slowest first, and returns the answers in `coops`' order. */
export function callSlowestFirst<R>(
  coops: readonly CooperativeEntry[],
  role: string,
  estimates: LatencyEstimates | undefined,
  call: (coop: CooperativeEntry) => Promise<R>,
): Promise<R[]> {
  if (!estimates) return Promise.all(coops.map(call));
  const answers = new Array<Promise<R>>(coops.length);
  for (const i of slowestFirst(coops.map((c) => estimates.expectedMs(c.id, role)))) answers[i] = call(coops[i]);
  return Promise.all(answers);
}
