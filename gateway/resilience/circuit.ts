/**
 * The circuit of one cooperative's subgraph, as a pure state machine over an
 * injected clock (no I/O: sharing it between gateway instances is
 * `circuitSender.ts`'s job).
 *
 *   closed ──(N consecutive failures, or failure rate ≥ r over ≥ m calls in the window)──► open
 *   open ──(openMs passed: the next call is the one probe)──► half_open
 *   half_open ──(probe answered)──► closed      half_open ──(probe failed)──► open again
 *
 * A failure is a call that got no GraphQL answer (timeout, refused, HTTP
 * error, garbage). A GraphQL answer with errors is the cooperative working.
 * Calls refused by the gateway itself (bulkhead, open circuit) count for
 * nothing.
 */
import type { CallOutcome } from '../router/send';
import type { CircuitState } from './events';
import type { CircuitPolicy } from './policy';

export type Verdict = 'success' | 'failure' | 'neutral';
export type Admission = 'call' | 'probe' | 'reject';
export type Transition = 'opened' | 'closed' | null;

export function verdictOf(outcome: CallOutcome): Verdict {
  switch (outcome) {
    case 'ok':
    case 'graphql_error':
      return 'success';
    case 'circuit_open':
    case 'bulkhead_full':
      return 'neutral';
    default:
      return 'failure';
  }
}

const BUCKETS = 10;

/** Calls and failures over the last `windowMs`, in ten buckets. */
class RollingWindow {
  private readonly calls = new Array<number>(BUCKETS).fill(0);
  private readonly failures = new Array<number>(BUCKETS).fill(0);
  private head = 0;
  private headStart = 0;

  add(now: number, windowMs: number, failed: boolean): void {
    this.advance(now, windowMs);
    this.calls[this.head]++;
    if (failed) this.failures[this.head]++;
  }

  totals(now: number, windowMs: number): { calls: number; failures: number } {
    this.advance(now, windowMs);
    return { calls: sum(this.calls), failures: sum(this.failures) };
  }

  reset(): void {
    this.calls.fill(0);
    this.failures.fill(0);
  }

  private advance(now: number, windowMs: number): void {
    const width = Math.max(1, windowMs / BUCKETS);
    const steps = Math.floor((now - this.headStart) / width);
    if (steps <= 0) return;
    for (let i = 0; i < Math.min(steps, BUCKETS); i++) {
      this.head = (this.head + 1) % BUCKETS;
      this.calls[this.head] = 0;
      this.failures[this.head] = 0;
    }
    this.headStart = steps >= BUCKETS ? now : this.headStart + steps * width;
  }
}

function sum(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export class Circuit {
  private current: CircuitState = 'closed';
  private until = 0;
  private consecutive = 0;
  private probing = false;
  private readonly window = new RollingWindow();
  /** Why it last opened (for the error message and logs). */
  reason = '';
  /** Whether this instance opened it (else another instance did, through the shared store). */
  openedHere = false;

  constructor(
    private readonly now: () => number = Date.now,
    private readonly onChange: (state: CircuitState, reason: string) => void = () => {},
  ) {}

  get state(): CircuitState {
    return this.current;
  }

  /** When an open circuit lets its next probe through (epoch ms). */
  get openUntil(): number {
    return this.until;
  }

  admit(): Admission {
    if (this.current === 'closed') return 'call';
    if (this.probing) return 'reject';
    if (this.current === 'open' && this.now() < this.until) return 'reject';
    this.probing = true;
    this.set('half_open', 'probing');
    return 'probe';
  }

  /** A probe that did not happen (another instance probes, or it was refused): open again for `retryInMs`. */
  abandonProbe(retryInMs: number): void {
    if (!this.probing) return;
    this.probing = false;
    this.until = this.now() + retryInMs;
    this.set('open', this.reason);
  }

  record(verdict: Verdict, policy: CircuitPolicy, probe: boolean): Transition {
    if (probe) return this.recordProbe(verdict, policy);
    if (verdict === 'neutral') return null;
    const now = this.now();
    this.window.add(now, policy.windowMs, verdict === 'failure');
    if (verdict === 'success') {
      this.consecutive = 0;
      return null;
    }
    this.consecutive++;
    if (this.current !== 'closed') return null;
    const { calls, failures } = this.window.totals(now, policy.windowMs);
    if (this.consecutive >= policy.failureThreshold) {
      return this.open(policy.openMs, `${this.consecutive} consecutive failures`);
    }
    if (calls >= policy.minimumRequests && failures / calls >= policy.failureRate) {
      return this.open(policy.openMs, `${failures} of the last ${calls} calls failed`);
    }
    return null;
  }

  /** Another instance opened it (until `until`) or closed it. */
  applyRemote(state: 'open' | 'closed', until: number, reason: string): void {
    if (state === 'open') {
      if (this.probing) return; // our own probe decides
      if (this.current === 'open' && this.until >= until) return;
      this.until = until;
      this.reason = reason;
      this.openedHere = false;
      this.set('open', reason);
      return;
    }
    if (this.current === 'closed' || this.probing) return;
    this.close('closed by another gateway instance');
  }

  private recordProbe(verdict: Verdict, policy: CircuitPolicy): Transition {
    this.probing = false;
    if (verdict === 'success') {
      this.close('probe answered');
      return 'closed';
    }
    if (verdict === 'neutral') {
      this.until = this.now();
      this.set('open', this.reason);
      return null;
    }
    const reason = this.reason.startsWith('probe failed') ? this.reason : `probe failed after ${this.reason || 'failures'}`;
    return this.open(policy.openMs, reason);
  }

  private open(openMs: number, reason: string): Transition {
    this.until = this.now() + openMs;
    this.reason = reason;
    this.openedHere = true;
    this.set('open', reason);
    return 'opened';
  }

  private close(reason: string): void {
    this.consecutive = 0;
    this.window.reset();
    this.until = 0;
    this.openedHere = false;
    this.set('closed', reason);
  }

  private set(state: CircuitState, reason: string): void {
    if (state === this.current) return;
    this.current = state;
    this.onChange(state, reason);
  }
}
