/**
 * One retry, with jitter, for reads that failed fast: refused or reset
 * connections, HTTP 5xx, garbage. Never for mutations (`call.mutation`),
 * never after a timeout (the deadline is spent), never when the gateway itself
 * refused the call (open circuit, full bulkhead), and only when enough of the
 * call's deadline is left for a real second attempt.
 */
import type { CallOutcome, CooperativeCall, SendResult, Sender } from '../router/send';
import { inTermsOf, isCooperativeCall, SenderDecorator, withBudget } from './decorator';
import { targetOf, type ProtectionEvents } from './events';
import type { PolicyOf } from './policy';

const RETRIED: ReadonlySet<CallOutcome> = new Set(['refused', 'http_error', 'bad_response']);

export interface RetryOptions {
  /** Mean back-off before the retry (jittered ±50 %). */
  baseDelayMs?: number;
  /** Least time a retry needs after its back-off. */
  minBudgetMs?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class RetryingSender extends SenderDecorator {
  private readonly baseDelayMs: number;
  private readonly minBudgetMs: number;
  private readonly random: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    inner: Sender,
    private readonly policyOf: PolicyOf,
    private readonly events: ProtectionEvents = {},
    options: RetryOptions = {},
  ) {
    super(inner);
    this.baseDelayMs = options.baseDelayMs ?? 50;
    this.minBudgetMs = options.minBudgetMs ?? 100;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    const started = performance.now();
    const first = await this.inner.send(call);
    if (first.ok || call.mutation || !isCooperativeCall(call) || !RETRIED.has(first.outcome)) return first;
    if (!this.policyOf(call.cooperativeId, call.role).retry) return first;
    const delay = Math.round(this.baseDelayMs * (0.5 + this.random()));
    const left = call.deadlineMs - (performance.now() - started) - delay;
    if (left < this.minBudgetMs) return first;
    this.events.retried?.(targetOf(call), first.outcome);
    await this.sleep(delay);
    const second = inTermsOf(call, await this.inner.send(withBudget(call, started)));
    // Refused by our own protection meanwhile: the first failure says more about the cooperative.
    if (!second.ok && (second.outcome === 'circuit_open' || second.outcome === 'bulkhead_full')) return first;
    return second;
  }
}
