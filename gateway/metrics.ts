/** Prometheus metrics (prom-client): per cooperative and role calls, plus process metrics. */
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallRecord } from './router/send';

export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly calls = new Counter({
    name: 'sbnet_subgraph_requests_total',
    help: 'Calls to subgraphs by cooperative, role and outcome',
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

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  record(call: CallRecord): void {
    const labels = { cooperative: call.cooperativeId || '-', role: call.role };
    this.calls.inc({ ...labels, outcome: call.outcome });
    this.latency.observe(labels, call.durationMs / 1000);
  }

  async text(): Promise<string> {
    return this.registry.metrics();
  }
}
