/**
 * Prometheus metrics (prom-client), one registry per gateway instance:
 *
 * per cooperative and role —
 *   sbnet_subgraph_requests_total{cooperative,role,outcome}   HTTP calls made (each retry attempt is one)
 *   sbnet_subgraph_request_duration_seconds{cooperative,role}  their latency
 *   sbnet_cooperative_errors_total{cooperative,role,code}      errors in the answer, by code (COOPERATIVE_UNAVAILABLE
 *                                                              for a call that got no answer, or the cooperative's own codes)
 *   sbnet_cooperative_rejected_total{cooperative,role,reason}  calls refused by the gateway (circuit_open, bulkhead_full)
 *   sbnet_cooperative_retries_total{cooperative,role}
 *   sbnet_circuit_state{cooperative,role}                      0 closed, 1 half-open, 2 open
 *   sbnet_cooperative_in_flight{cooperative,role}, sbnet_cooperative_queued{cooperative,role}
 *   sbnet_cache_hits_total / sbnet_cache_misses_total{cooperative,role,type}
 * gateway —
 *   sbnet_graphql_requests_total, sbnet_graphql_request_duration_seconds, sbnet_graphql_errors_total{code}
 *   sbnet_state_store_up{backend}                              1 while Redis (or the in-process store) answers
 * plus prom-client's process metrics (CPU, memory, event loop lag, GC…).
 * The network subgraph's calls (no cooperative) are labelled `cooperative="-"`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { targetKey, type CircuitState, type ProtectionEvents, type Target } from './resilience/events';
import type { CallOutcome, CallRecord, CooperativeCall, SendResult } from './router/send';

const CIRCUIT_VALUE: Record<CircuitState, number> = { closed: 0, half_open: 1, open: 2 };

export class GatewayMetrics implements ProtectionEvents {
  readonly registry = new Registry();
  private readonly calls = new Counter({
    name: 'sbnet_subgraph_requests_total',
    help: 'HTTP calls to subgraphs by cooperative, role and outcome (each retry attempt counts)',
    labelNames: ['cooperative', 'role', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly latency = new Histogram({
    name: 'sbnet_subgraph_request_duration_seconds',
    help: 'Latency of subgraph calls by cooperative and role',
    labelNames: ['cooperative', 'role'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5],
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'sbnet_cooperative_errors_total',
    help: 'Errors in cooperative answers by cooperative, role and code (COOPERATIVE_UNAVAILABLE: no answer)',
    labelNames: ['cooperative', 'role', 'code'] as const,
    registers: [this.registry],
  });
  private readonly rejections = new Counter({
    name: 'sbnet_cooperative_rejected_total',
    help: 'Calls refused by the gateway before sending (circuit_open, bulkhead_full)',
    labelNames: ['cooperative', 'role', 'reason'] as const,
    registers: [this.registry],
  });
  private readonly retries = new Counter({
    name: 'sbnet_cooperative_retries_total',
    help: 'Reads retried once after a fast failure',
    labelNames: ['cooperative', 'role'] as const,
    registers: [this.registry],
  });
  private readonly circuit = new Gauge({
    name: 'sbnet_circuit_state',
    help: 'Circuit state per cooperative and role: 0 closed, 1 half-open, 2 open',
    labelNames: ['cooperative', 'role'] as const,
    registers: [this.registry],
  });
  /**
   * Bulkhead load per target, written to the two gauges only when scraped:
   * it changes three times per call, and a labelled gauge set costs a hash.
   */
  private readonly load = new Map<string, { target: Target; inFlight: number; queued: number }>();
  private readonly inFlight = new Gauge({
    name: 'sbnet_cooperative_in_flight',
    help: 'Calls in flight per cooperative and role',
    labelNames: ['cooperative', 'role'] as const,
    registers: [this.registry],
    collect: () => this.writeLoad(),
  });
  private readonly queued = new Gauge({
    name: 'sbnet_cooperative_queued',
    help: 'Calls waiting for a bulkhead slot per cooperative and role',
    labelNames: ['cooperative', 'role'] as const,
    registers: [this.registry],
  });
  private readonly cacheHits = new Counter({
    name: 'sbnet_cache_hits_total',
    help: 'Cache hits per cooperative, role and type',
    labelNames: ['cooperative', 'role', 'type'] as const,
    registers: [this.registry],
  });
  private readonly cacheMisses = new Counter({
    name: 'sbnet_cache_misses_total',
    help: 'Cache misses per cooperative, role and type (a store that is down counts as a miss)',
    labelNames: ['cooperative', 'role', 'type'] as const,
    registers: [this.registry],
  });
  private readonly requests = new Counter({
    name: 'sbnet_graphql_requests_total',
    help: 'GraphQL requests served by the gateway, by whether the answer had errors',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });
  private readonly requestLatency = new Histogram({
    name: 'sbnet_graphql_request_duration_seconds',
    help: 'Latency of GraphQL requests served by the gateway',
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10],
    registers: [this.registry],
  });
  private readonly requestErrors = new Counter({
    name: 'sbnet_graphql_errors_total',
    help: 'Errors in gateway answers by code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly storeUp = new Gauge({
    name: 'sbnet_state_store_up',
    help: 'Whether the shared state store answers (1) or not (0)',
    labelNames: ['backend'] as const,
    registers: [this.registry],
  });

  private readonly circuits = new Set<string>();

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * The per-call series bound to their labels, by target: every cooperative
   * call records two of them, and prom-client otherwise validates and hashes a
   * label object each time (a third of the protection stack's cost per call).
   * Series are never removed, so a bound child stays valid.
   */
  private readonly perCall = new Map<string, { latency: Histogram.Internal<'cooperative' | 'role'>; calls: Map<CallOutcome, Counter.Internal> }>();

  /** One HTTP call to a subgraph (the sender's observer). */
  record(call: CallRecord): void {
    const key = targetKey(call);
    let bound = this.perCall.get(key);
    if (!bound) this.perCall.set(key, (bound = { latency: this.latency.labels(labelsOf(call)), calls: new Map() }));
    let calls = bound.calls.get(call.outcome);
    if (!calls) bound.calls.set(call.outcome, (calls = this.calls.labels({ ...labelsOf(call), outcome: call.outcome })));
    calls.inc();
    bound.latency.observe(call.durationMs / 1000);
  }

  answered(call: CooperativeCall, result: SendResult): void {
    const labels = labelsOf(call);
    if (!result.ok) return void this.errors.inc({ ...labels, code: 'COOPERATIVE_UNAVAILABLE' });
    for (const error of result.errors ?? []) {
      const code = error.extensions?.code;
      this.errors.inc({ ...labels, code: typeof code === 'string' ? code : 'SUBGRAPH_ERROR' });
    }
  }

  rejected(target: Target, outcome: Extract<CallOutcome, 'circuit_open' | 'bulkhead_full'>): void {
    this.rejections.inc({ ...labelsOf(target), reason: outcome });
  }

  retried(target: Target): void {
    this.retries.inc(labelsOf(target));
  }

  circuitChanged(target: Target, state: CircuitState): void {
    this.circuits.add(targetKey(target));
    this.circuit.set(labelsOf(target), CIRCUIT_VALUE[state]);
  }

  inFlightChanged(target: Target, inFlight: number, queued: number): void {
    const key = targetKey(target);
    const load = this.load.get(key);
    if (load) {
      load.inFlight = inFlight;
      load.queued = queued;
      return;
    }
    // Every cooperative called has a circuit gauge, closed until it changes.
    if (!this.circuits.has(key)) this.circuitChanged(target, 'closed');
    this.load.set(key, { target, inFlight, queued });
  }

  private writeLoad(): void {
    for (const { target, inFlight, queued } of this.load.values()) {
      this.inFlight.set(labelsOf(target), inFlight);
      this.queued.set(labelsOf(target), queued);
    }
  }

  cacheLookup(target: Target, type: string, hit: boolean): void {
    (hit ? this.cacheHits : this.cacheMisses).inc({ ...labelsOf(target), type });
  }

  /** One GraphQL request answered by the gateway. */
  requestFinished(durationMs: number, errorCodes: readonly string[]): void {
    this.requests.inc({ result: errorCodes.length ? 'with_errors' : 'ok' });
    this.requestLatency.observe(durationMs / 1000);
    for (const code of errorCodes) this.requestErrors.inc({ code });
  }

  storeAvailability(backend: string, up: boolean): void {
    this.storeUp.set({ backend }, up ? 1 : 0);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}

function labelsOf(target: Target): { cooperative: string; role: string } {
  return { cooperative: target.cooperativeId || '-', role: target.role };
}
