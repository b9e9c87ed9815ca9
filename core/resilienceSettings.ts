/**
 * How the gateway protects its calls to one cooperative (supergraph.yaml
 * `gateway.resilience`, overridden per cooperative by `cooperatives[].resilience`).
 * Every field is optional: what is not set comes from the level above, and
 * finally from the gateway's defaults (gateway/resilience/policy.ts).
 */
export interface CircuitSettings {
  /** Consecutive failures that open the circuit. */
  failureThreshold?: number;
  /** Share of failed calls (0–1] in the window that opens the circuit… */
  failureRate?: number;
  /** …once the window holds at least this many calls. */
  minimumRequests?: number;
  /** Length of the rolling window for the failure rate. */
  windowMs?: number;
  /** How long the circuit stays open before one probe call is let through. */
  openMs?: number;
}

export interface ResilienceSettings {
  /** Calls in flight to one cooperative's subgraph at once (the bulkhead). */
  maxInFlight?: number;
  /** Calls waiting for a free slot; beyond that a call is refused at once. */
  maxQueue?: number;
  /** Longest wait for a slot (also bounded by the call's deadline). */
  queueTimeoutMs?: number;
  /** One retry with jitter for reads that failed fast (never for mutations). */
  retry?: boolean;
  circuit?: CircuitSettings;
}
