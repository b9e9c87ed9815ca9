/**
 * What the protection and cache layers report, beyond the HTTP calls the
 * sender's observers see: circuit changes, refusals, in-flight counts,
 * retries, cache lookups and each logical call's answer. Metrics, the live
 * status view and logs subscribe by implementing any subset.
 */
import type { CallOutcome, CooperativeCall, SendResult } from '../router/send';

export type CircuitState = 'closed' | 'open' | 'half_open';

/** One cooperative's subgraph for one role: the unit every protection is kept per. */
export interface Target {
  cooperativeId: string;
  role: string;
}

export interface ProtectionEvents {
  circuitChanged?(target: Target, state: CircuitState, reason: string): void;
  /** A call refused before anything was sent. */
  rejected?(target: Target, outcome: Extract<CallOutcome, 'circuit_open' | 'bulkhead_full'>): void;
  inFlightChanged?(target: Target, inFlight: number, queued: number): void;
  retried?(target: Target, firstOutcome: CallOutcome): void;
  cacheLookup?(target: Target, type: string, hit: boolean): void;
  /** A logical call's final answer (after retries), cache hits excluded. */
  answered?(call: CooperativeCall, result: SendResult): void;
}

/** One sink that forwards every event to each of `sinks`. */
export function fanOut(sinks: readonly ProtectionEvents[]): Required<ProtectionEvents> {
  const each =
    <K extends keyof ProtectionEvents>(name: K) =>
    (...args: Parameters<Required<ProtectionEvents>[K]>) => {
      for (const sink of sinks) (sink[name] as ((...a: unknown[]) => void) | undefined)?.apply(sink, args);
    };
  return {
    circuitChanged: each('circuitChanged'),
    rejected: each('rejected'),
    inFlightChanged: each('inFlightChanged'),
    retried: each('retried'),
    cacheLookup: each('cacheLookup'),
    answered: each('answered'),
  };
}

export function targetOf(call: { cooperativeId: string; role: string }): Target {
  return { cooperativeId: call.cooperativeId, role: call.role };
}

export function targetKey(target: Target): string {
  return `${target.cooperativeId}:${target.role}`;
}
