/**
 * The protection stack around the one HTTP sender, outermost first:
 *
 *   cache ─► report ─► retry (reads, once) ─► circuit (shared) ─► bulkhead ─► HTTP (deadline)
 *
 * A cache hit never reaches a cooperative; each retry attempt passes the
 * circuit and takes a bulkhead slot of its own; the call's deadline is one
 * budget for all of it (queueing and back-off are taken off what is left).
 */
import type { Logger } from '../../core/log';
import type { CachePolicy } from '../cache/ttl';
import { CachingSender } from '../cache/cachingSender';
import type { StateStore } from '../state/store';
import type { CooperativeCall, SendResult, Sender } from '../router/send';
import { BulkheadSender } from './bulkhead';
import { CircuitBreakerSender } from './circuitSender';
import { isCooperativeCall, SenderDecorator } from './decorator';
import type { ProtectionEvents } from './events';
import type { PolicyOf } from './policy';
import { RetryingSender, type RetryOptions } from './retry';

/** Reports each logical call's final answer (errors by code, logs). */
class ReportingSender extends SenderDecorator {
  constructor(
    inner: Sender,
    private readonly events: ProtectionEvents,
  ) {
    super(inner);
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    const result = await this.inner.send(call);
    if (isCooperativeCall(call)) this.events.answered?.(call, result);
    return result;
  }
}

export interface SenderStackOptions {
  store: StateStore;
  policyOf: PolicyOf;
  events?: ProtectionEvents;
  /** TTLs by role and type; without one nothing is cached. */
  cache?: CachePolicy;
  log?: Logger;
  retry?: RetryOptions;
  now?: () => number;
}

export interface SenderStack {
  /** The sender the router uses: every protection applied. */
  sender: Sender;
  circuits: CircuitBreakerSender;
  bulkheads: BulkheadSender;
  cache?: CachingSender;
  /** Releases the stack's own resources, leaving the base sender open. */
  dispose(): Promise<void>;
}

export function buildSenderStack(base: Sender, options: SenderStackOptions): SenderStack {
  const events = options.events ?? {};
  const bulkheads = new BulkheadSender(base, options.policyOf, events);
  const circuits = new CircuitBreakerSender(bulkheads, { store: options.store, policyOf: options.policyOf, events, log: options.log, now: options.now });
  const retrying = new RetryingSender(circuits, options.policyOf, events, options.retry);
  const reporting = new ReportingSender(retrying, events);
  const cache = options.cache ? new CachingSender(reporting, { store: options.store, policy: options.cache, events }) : undefined;
  const layers: SenderDecorator[] = [bulkheads, circuits, retrying, reporting, ...(cache ? [cache] : [])];
  return {
    sender: cache ?? reporting,
    circuits,
    bulkheads,
    cache,
    dispose: async () => void (await Promise.all(layers.map((l) => l.dispose()))),
  };
}
