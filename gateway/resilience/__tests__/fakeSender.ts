/** A scripted Sender for unit tests: answers per call, optionally held until released. */
import type { CallObserver, CooperativeCall, SendResult, Sender } from '../../router/send';

export type Script = (call: CooperativeCall, n: number) => SendResult | Promise<SendResult>;

export const OK: SendResult = { ok: true, data: { x: 1 } };
export const REFUSED: SendResult = { ok: false, outcome: 'refused', reason: 'connection refused' };
export const TIMEOUT: SendResult = { ok: false, outcome: 'timeout', reason: 'no answer' };

export class FakeSender implements Sender {
  readonly calls: CooperativeCall[] = [];
  inFlight = 0;
  maxInFlight = 0;
  private readonly observers = new Set<CallObserver>();

  constructor(private script: Script = () => OK) {}

  answer(script: Script): void {
    this.script = script;
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    this.calls.push(call);
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      return await this.script(call, this.calls.length);
    } finally {
      this.inFlight--;
    }
  }

  onCall(observer: CallObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async close(): Promise<void> {}
}

export function call(over: Partial<CooperativeCall> = {}): CooperativeCall {
  return { cooperativeId: 'coop-a', role: 'marketplace', url: 'http://x/graphql', query: '{ x }', variables: {}, deadlineMs: 1000, mutation: false, ...over };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
