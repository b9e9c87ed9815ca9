/**
 * Circuit breaking per cooperative subgraph, shared by every gateway
 * instance through the StateStore:
 *
 * - each instance decides on its own calls (no store round trip on the
 *   normal path, so a slow or absent Redis costs nothing);
 * - when one instance opens a circuit it writes `circuit:<coop>:<role>`
 *   (state and until when) and publishes it on the `circuit` channel; the
 *   others adopt it at once (pub/sub) or at their next call after a short
 *   refresh interval (a message lost while Redis flapped);
 * - when the open time is over, one probe goes out for the whole network:
 *   the instance that wins `SET NX` on the probe key sends it, the others keep
 *   failing fast; the probe's result is published (closed, or open again).
 *
 * Without Redis (or while it is down) every instance keeps its own circuits.
 *
 * Why not opossum: it keeps its state in-process with no hook to consult or
 * coordinate a shared one (half-open probes would go out from every
 * instance), counts thrown errors where our sender returns results, and its
 * semaphore refuses at once where we want a short queue. The state machine
 * here is ~150 lines (`circuit.ts`), pure and tested on a fake clock.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '../../core/log';
import type { StateStore } from '../state/store';
import type { CooperativeCall, SendResult, Sender } from '../router/send';
import { Circuit, verdictOf } from './circuit';
import { isCooperativeCall, refused, SenderDecorator } from './decorator';
import { targetKey, targetOf, type CircuitState, type ProtectionEvents, type Target } from './events';
import type { PolicyOf } from './policy';

const CHANNEL = 'circuit';
/** How stale an instance's view of a target's shared state may get before it re-reads it. */
const REFRESH_MS = 1000;
/** Open-state keys outlive their open time a little, so late readers still see why. */
const KEY_GRACE_MS = 60_000;

interface SharedState {
  target: Target;
  state: 'open' | 'closed';
  until: number;
  reason: string;
  by: string;
}

interface Entry {
  circuit: Circuit;
  target: Target;
  refreshedAt: number;
  refreshing: boolean;
}

export interface CircuitSenderOptions {
  store: StateStore;
  policyOf: PolicyOf;
  events?: ProtectionEvents;
  log?: Logger;
  now?: () => number;
}

export class CircuitBreakerSender extends SenderDecorator {
  readonly instanceId = randomUUID();
  private readonly entries = new Map<string, Entry>();
  private readonly store: StateStore;
  private readonly policyOf: PolicyOf;
  private readonly events: ProtectionEvents;
  private readonly log: Logger | undefined;
  private readonly now: () => number;
  private unsubscribe: Promise<() => Promise<void>> | undefined;
  private readonly stopWatching: (() => void) | undefined;

  constructor(inner: Sender, options: CircuitSenderOptions) {
    super(inner);
    this.store = options.store;
    this.policyOf = options.policyOf;
    this.events = options.events ?? {};
    this.log = options.log;
    this.now = options.now ?? Date.now;
    this.unsubscribe = this.store.subscribe(CHANNEL, (message) => this.onMessage(message)).catch(() => async () => {});
    // After Redis comes back, re-read shared state at the next call of each target.
    this.stopWatching = this.store.onAvailabilityChange?.((up) => {
      if (up) for (const entry of this.entries.values()) entry.refreshedAt = 0;
    });
  }

  /** The circuit state of a target as this instance sees it. */
  stateOf(target: Target): CircuitState {
    return this.entries.get(targetKey(target))?.circuit.state ?? 'closed';
  }

  /** Every target this instance has a circuit for. */
  states(): Array<{ target: Target; state: CircuitState }> {
    return [...this.entries.values()].map((e) => ({ target: e.target, state: e.circuit.state }));
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    if (!isCooperativeCall(call)) return this.inner.send(call);
    const entry = this.entry(targetOf(call));
    // The first call to a target waits for the shared state (one GET; skipped while the store is down).
    if (entry.refreshedAt === 0 && !entry.refreshing) await this.refresh(entry);
    else void this.refresh(entry);
    const { circuit } = entry;
    let admission = circuit.admit();
    if (admission === 'probe' && !(await this.claimProbe(entry.target, call.deadlineMs))) {
      circuit.abandonProbe(Math.min(this.policyOf(call.cooperativeId, call.role).circuit.openMs, REFRESH_MS));
      admission = 'reject';
    }
    if (admission === 'reject') {
      this.events.rejected?.(entry.target, 'circuit_open');
      const retryIn = Math.max(0, circuit.openUntil - this.now());
      return refused('circuit_open', `circuit open (${circuit.reason || 'recent failures'}); next probe in ${retryIn} ms`);
    }
    const result = await this.inner.send(call);
    const verdict = verdictOf(result.ok ? 'ok' : result.outcome);
    const probe = admission === 'probe';
    const transition = circuit.record(verdict, this.policyOf(call.cooperativeId, call.role).circuit, probe);
    if (transition === 'opened') this.share(entry, 'open');
    else if (transition === 'closed') this.share(entry, 'closed');
    // The probe is over whatever it found: the next one (after the open time) may go out from any instance.
    if (probe && transition !== 'closed') void this.store.del([probeKey(entry.target)]).catch(() => 0);
    return result;
  }

  override async dispose(): Promise<void> {
    this.stopWatching?.();
    const unsubscribe = await this.unsubscribe;
    this.unsubscribe = undefined;
    await unsubscribe?.().catch(() => undefined);
  }

  private entry(target: Target): Entry {
    const key = targetKey(target);
    let entry = this.entries.get(key);
    if (!entry) {
      const circuit = new Circuit(this.now, (state, reason) => this.changed(target, state, reason));
      entry = { circuit, target, refreshedAt: 0, refreshing: false };
      this.entries.set(key, entry);
    }
    return entry;
  }

  private changed(target: Target, state: CircuitState, reason: string): void {
    this.events.circuitChanged?.(target, state, reason);
    const fields = { cooperativeId: target.cooperativeId, role: target.role, circuit: state, reason };
    if (state === 'open') this.log?.warn(fields, `circuit of ${target.cooperativeId} (${target.role}) opened: ${reason}`);
    else if (state === 'closed') this.log?.info(fields, `circuit of ${target.cooperativeId} (${target.role}) closed: ${reason}`);
  }

  /** Re-reads the shared state in the background when this instance's view is stale. */
  private async refresh(entry: Entry): Promise<void> {
    const now = this.now();
    if (entry.refreshing || now - entry.refreshedAt < REFRESH_MS) return;
    if (this.store.isAvailable && !this.store.isAvailable()) return;
    entry.refreshing = true;
    await this.store
      .get(stateKey(entry.target))
      .then((text) => {
        entry.refreshedAt = this.now();
        const shared = text ? parseShared(text) : undefined;
        if (shared?.state === 'open' && shared.by !== this.instanceId) entry.circuit.applyRemote('open', shared.until, shared.reason);
        else if (!shared && entry.circuit.state === 'open' && !entry.circuit.openedHere) entry.circuit.applyRemote('closed', 0, '');
      })
      .catch(() => undefined)
      .finally(() => (entry.refreshing = false));
  }

  private async claimProbe(target: Target, deadlineMs: number): Promise<boolean> {
    if (this.store.isAvailable && !this.store.isAvailable()) return true;
    try {
      return await this.store.setIfAbsent(probeKey(target), this.instanceId, deadlineMs + 1000);
    } catch {
      return true; // no shared store: this instance probes on its own
    }
  }

  private share(entry: Entry, state: 'open' | 'closed'): void {
    const { circuit, target } = entry;
    const message: SharedState = { target, state, until: circuit.openUntil, reason: circuit.reason, by: this.instanceId };
    const text = JSON.stringify(message);
    const writes =
      state === 'open'
        ? [this.store.set(stateKey(target), text, Math.max(1, circuit.openUntil - this.now()) + KEY_GRACE_MS)]
        : [this.store.del([stateKey(target), probeKey(target)])];
    void Promise.all([...writes, this.store.publish(CHANNEL, text)]).catch(() => undefined);
  }

  private onMessage(text: string): void {
    const shared = parseShared(text);
    if (!shared || shared.by === this.instanceId) return;
    const entry = this.entry(shared.target);
    entry.refreshedAt = this.now();
    entry.circuit.applyRemote(shared.state, shared.until, shared.reason);
  }
}

function stateKey(target: Target): string {
  return `circuit:${targetKey(target)}`;
}

function probeKey(target: Target): string {
  return `circuit:${targetKey(target)}:probe`;
}

function parseShared(text: string): SharedState | undefined {
  try {
    const value = JSON.parse(text) as SharedState;
    const t = value?.target;
    if (typeof t?.cooperativeId !== 'string' || typeof t.role !== 'string') return undefined;
    if (value.state !== 'open' && value.state !== 'closed') return undefined;
    return { target: { cooperativeId: t.cooperativeId, role: t.role }, state: value.state, until: Number(value.until) || 0, reason: String(value.reason ?? ''), by: String(value.by ?? '') };
  } catch {
    return undefined;
  }
}
