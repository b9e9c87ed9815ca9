/**
 * A Sender wrapped around another: observers see the inner sender's HTTP
 * calls, and closing closes the inner sender (after the wrapper's own
 * resources). Calls to the federation's own subgraphs (`cooperativeId: ''`,
 * e.g. `network`) pass every protection untouched.
 */
import type { CallObserver, CooperativeCall, SendResult, Sender } from '../router/send';

export abstract class SenderDecorator implements Sender {
  constructor(protected readonly inner: Sender) {}

  abstract send(call: CooperativeCall): Promise<SendResult>;

  onCall(observer: CallObserver): () => void {
    return this.inner.onCall(observer);
  }

  /** Releases what this layer holds (timers, subscriptions); not the inner sender. */
  dispose(): Promise<void> | void {}

  async close(): Promise<void> {
    await this.dispose();
    await this.inner.close();
  }
}

export function isCooperativeCall(call: CooperativeCall): boolean {
  return call.cooperativeId !== '';
}

/**
 * A call's deadline is a budget for everything below: time spent waiting
 * (queue, retry back-off) is taken off what the next layer gets.
 */
export function withBudget(call: CooperativeCall, startedAt: number, now = performance.now()): CooperativeCall {
  const left = Math.max(1, Math.round(call.deadlineMs - (now - startedAt)));
  return left === call.deadlineMs ? call : { ...call, deadlineMs: left };
}

/**
 * A timeout below a layer that shortened the deadline names the call's own
 * deadline (what the operator configured), not the rest it was given.
 */
export function inTermsOf(call: CooperativeCall, result: SendResult): SendResult {
  if (result.ok || result.outcome !== 'timeout') return result;
  return { ...result, reason: `no answer within ${call.deadlineMs} ms` };
}

export function refused(outcome: 'circuit_open' | 'bulkhead_full', reason: string): SendResult {
  return { ok: false, outcome, reason };
}
