/**
 * The protection policy of one cooperative: the gateway's defaults, then
 * `gateway.resilience`, then the cooperative's own `resilience` entry. Read
 * per call from the live registry (an entry swapped at run time applies to
 * the next call), memoised per entry object.
 */
import type { CooperativeEntry, Registry } from '../../core/registry';
import type { CircuitSettings, ResilienceSettings } from '../../core/resilienceSettings';

export type CircuitPolicy = Required<CircuitSettings>;

export interface ResiliencePolicy {
  maxInFlight: number;
  maxQueue: number;
  queueTimeoutMs: number;
  retry: boolean;
  circuit: CircuitPolicy;
}

export const DEFAULT_POLICY: Readonly<ResiliencePolicy> = Object.freeze({
  maxInFlight: 8,
  maxQueue: 16,
  queueTimeoutMs: 500,
  retry: true,
  circuit: Object.freeze({ failureThreshold: 5, failureRate: 0.5, minimumRequests: 20, windowMs: 30_000, openMs: 5_000 }),
});

export function mergePolicy(base: ResiliencePolicy, over: ResilienceSettings | undefined): ResiliencePolicy {
  if (!over) return base;
  return {
    maxInFlight: over.maxInFlight ?? base.maxInFlight,
    maxQueue: over.maxQueue ?? base.maxQueue,
    queueTimeoutMs: over.queueTimeoutMs ?? base.queueTimeoutMs,
    retry: over.retry ?? base.retry,
    circuit: { ...base.circuit, ...definedOnly(over.circuit) },
  };
}

function definedOnly(settings: CircuitSettings | undefined): CircuitSettings {
  return Object.fromEntries(Object.entries(settings ?? {}).filter(([, v]) => v !== undefined));
}

export type PolicyOf = (cooperativeId: string, role: string) => ResiliencePolicy;

/** The policy lookup the protection decorators use: gateway settings + the registry entry. */
export function registryPolicies(registry: Registry, gateway: ResilienceSettings | undefined): PolicyOf {
  const base = mergePolicy(DEFAULT_POLICY, gateway);
  const memo = new WeakMap<CooperativeEntry, ResiliencePolicy>();
  return (cooperativeId) => {
    const entry = registry.get(cooperativeId);
    if (!entry?.resilience) return base;
    let policy = memo.get(entry);
    if (!policy) memo.set(entry, (policy = mergePolicy(base, entry.resilience)));
    return policy;
  };
}
