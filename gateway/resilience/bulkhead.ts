/**
 * Bulkhead: at most `maxInFlight` calls to one cooperative's subgraph at once,
 * so a burst never overloads a small legacy system and one hanging system
 * never takes every connection. Excess calls wait in a short FIFO queue —
 * at most `maxQueue` of them, each at most `queueTimeoutMs` and never past its
 * own deadline — and are otherwise refused at once (`bulkhead_full`, which the
 * router reports as COOPERATIVE_UNAVAILABLE).
 */
import type { CooperativeCall, SendResult, Sender } from '../router/send';
import { inTermsOf, isCooperativeCall, refused, SenderDecorator, withBudget } from './decorator';
import { targetKey, targetOf, type ProtectionEvents, type Target } from './events';
import type { PolicyOf } from './policy';

interface Waiter {
  grant(): void;
}

/** One target's slots. Pure bookkeeping: no I/O, no clock. */
export class Bulkhead {
  private running = 0;
  private readonly waiting: Waiter[] = [];

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  /**
   * True with a slot, false when the queue is full; a promise only when the call
   * has to wait. Answering at once matters: a fan-out starts hundreds of calls
   * in one loop, and a call that awaited here would leave only after every
   * other call of the loop had reached this point (the slowest cooperatives,
   * called first, would lose their head start).
   */
  acquire(limits: { maxInFlight: number; maxQueue: number }, waitMs: number): boolean | Promise<boolean> {
    if (this.running < limits.maxInFlight && this.waiting.length === 0) {
      this.running++;
      return true;
    }
    if (this.waiting.length >= limits.maxQueue || waitMs <= 0) return false;
    return new Promise((resolve) => {
      const waiter: Waiter = {
        grant: () => {
          clearTimeout(timer);
          this.running++;
          resolve(true);
        },
      };
      const timer = setTimeout(() => {
        const at = this.waiting.indexOf(waiter);
        if (at >= 0) this.waiting.splice(at, 1);
        resolve(false);
      }, waitMs);
      this.waiting.push(waiter);
    });
  }

  /** Frees a slot; hands it to the next waiter if the limit allows. */
  release(maxInFlight: number): void {
    this.running--;
    while (this.running < maxInFlight && this.waiting.length) this.waiting.shift()!.grant();
  }
}

export class BulkheadSender extends SenderDecorator {
  private readonly bulkheads = new Map<string, Bulkhead>();

  constructor(
    inner: Sender,
    private readonly policyOf: PolicyOf,
    private readonly events: ProtectionEvents = {},
  ) {
    super(inner);
  }

  /** In-flight and queued calls per target (for the status view and tests). */
  load(target: Target): { inFlight: number; queued: number } {
    const b = this.bulkheads.get(targetKey(target));
    return { inFlight: b?.inFlight ?? 0, queued: b?.queued ?? 0 };
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    if (!isCooperativeCall(call)) return this.inner.send(call);
    const started = performance.now();
    const target = targetOf(call);
    const key = targetKey(target);
    let bulkhead = this.bulkheads.get(key);
    if (!bulkhead) this.bulkheads.set(key, (bulkhead = new Bulkhead()));
    const policy = this.policyOf(call.cooperativeId, call.role);
    const acquired = bulkhead.acquire(policy, Math.min(policy.queueTimeoutMs, call.deadlineMs));
    this.report(target, bulkhead);
    const granted = typeof acquired === 'boolean' ? acquired : await acquired;
    if (!granted) {
      this.report(target, bulkhead);
      this.events.rejected?.(target, 'bulkhead_full');
      const { maxInFlight, maxQueue } = policy;
      return refused('bulkhead_full', `too many calls in flight (limit ${maxInFlight}, queue ${maxQueue}); refused by the gateway to protect the cooperative`);
    }
    this.report(target, bulkhead);
    try {
      return inTermsOf(call, await this.inner.send(withBudget(call, started)));
    } finally {
      bulkhead.release(this.policyOf(call.cooperativeId, call.role).maxInFlight);
      this.report(target, bulkhead);
    }
  }

  private report(target: Target, bulkhead: Bulkhead): void {
    this.events.inFlightChanged?.(target, bulkhead.inFlight, bulkhead.queued);
  }
}
