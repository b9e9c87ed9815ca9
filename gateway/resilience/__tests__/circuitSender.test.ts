/**
 * The circuit breaker sender: fails fast while open, one probe, and circuit
 * state shared between instances through the store (here one in-process
 * store for two senders; test/resilience runs the same on real Redis).
 */
import { MemoryStore } from '../../state/memoryStore';
import type { StateStore } from '../../state/store';
import { CircuitBreakerSender } from '../circuitSender';
import { DEFAULT_POLICY, type ResiliencePolicy } from '../policy';
import { call, FakeSender, OK, REFUSED, sleep } from './fakeSender';

const policy: ResiliencePolicy = { ...DEFAULT_POLICY, circuit: { ...DEFAULT_POLICY.circuit, failureThreshold: 2, openMs: 100 } };
const target = { cooperativeId: 'coop-a', role: 'marketplace' };

/** A clock the tests move by hand, so a slow machine cannot let an open time pass early. */
let now = 1_000_000;
const clock = () => now;
const pass = (ms: number) => (now += ms);

function breaker(store: StateStore, inner = new FakeSender()) {
  const changes: string[] = [];
  const sender = new CircuitBreakerSender(inner, { store, policyOf: () => policy, now: clock, events: { circuitChanged: (_t, s) => changes.push(s) } });
  return { sender, inner, changes };
}

describe('CircuitBreakerSender', () => {
  it('opens after consecutive failures, refuses without calling while open, probes and closes on recovery', async () => {
    const store = new MemoryStore();
    const { sender, inner, changes } = breaker(store, new FakeSender(() => REFUSED));
    await sender.send(call());
    await sender.send(call());
    expect(sender.stateOf(target)).toBe('open');
    const refused = await sender.send(call());
    expect(refused).toMatchObject({ ok: false, outcome: 'circuit_open' });
    expect(!refused.ok && refused.reason).toMatch(/^circuit open \(2 consecutive failures\); next probe in \d+ ms$/);
    expect(inner.calls).toHaveLength(2);
    inner.answer(() => OK);
    pass(110);
    expect(await sender.send(call())).toEqual(OK);
    expect(sender.stateOf(target)).toBe('closed');
    expect(changes).toEqual(['open', 'half_open', 'closed']);
    await sender.close();
  });

  it('keeps cooperatives and roles apart', async () => {
    const { sender } = breaker(new MemoryStore(), new FakeSender((c) => (c.cooperativeId === 'bad' ? REFUSED : OK)));
    for (let i = 0; i < 3; i++) await sender.send(call({ cooperativeId: 'bad' }));
    expect(sender.stateOf({ cooperativeId: 'bad', role: 'marketplace' })).toBe('open');
    expect(await sender.send(call({ cooperativeId: 'good' }))).toEqual(OK);
    expect(await sender.send(call({ cooperativeId: 'bad', role: 'erp' }))).toEqual(REFUSED); // the erp circuit is its own
    await sender.close();
  });

  it('shares the open state: the other instance fails fast without calling', async () => {
    const store = new MemoryStore();
    const a = breaker(store, new FakeSender(() => REFUSED));
    const b = breaker(store, new FakeSender(() => REFUSED));
    await a.sender.send(call());
    await a.sender.send(call());
    await sleep(5);
    expect(b.sender.stateOf(target)).toBe('open');
    expect(await b.sender.send(call())).toMatchObject({ ok: false, outcome: 'circuit_open' });
    expect(b.inner.calls).toHaveLength(0);
    await Promise.all([a.sender.close(), b.sender.close()]);
  });

  it('sends one probe for all instances, and shares its success', async () => {
    const store = new MemoryStore();
    const slowOk = () => sleep(30).then(() => OK);
    const a = breaker(store, new FakeSender(() => REFUSED));
    const b = breaker(store, new FakeSender(slowOk));
    await a.sender.send(call());
    await a.sender.send(call());
    a.inner.answer(slowOk);
    pass(110);
    const results = await Promise.all([a.sender.send(call()), b.sender.send(call()), a.sender.send(call()), b.sender.send(call())]);
    expect(a.inner.calls.length - 2 + b.inner.calls.length).toBe(1); // exactly one probe went out
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    await sleep(5);
    expect(a.sender.stateOf(target)).toBe('closed');
    expect(b.sender.stateOf(target)).toBe('closed');
    await Promise.all([a.sender.close(), b.sender.close()]);
  });

  it('learns an open state it missed from the store at its next call', async () => {
    const store = new MemoryStore();
    const a = breaker(store, new FakeSender(() => REFUSED));
    await a.sender.send(call());
    await a.sender.send(call());
    // A third instance that subscribed too late to hear it:
    const c = breaker(store);
    await c.sender.send(call()); // triggers the background read
    await sleep(5);
    expect(c.sender.stateOf(target)).toBe('open');
    await Promise.all([a.sender.close(), c.sender.close()]);
  });

  it('works on its own when the store fails', async () => {
    const broken = new MemoryStore();
    const fail = async () => {
      throw new Error('store down');
    };
    Object.assign(broken, { get: fail, set: fail, setIfAbsent: fail, del: fail, publish: fail, subscribe: fail });
    const { sender, inner } = breaker(broken, new FakeSender(() => REFUSED));
    await sender.send(call());
    await sender.send(call());
    expect(await sender.send(call())).toMatchObject({ outcome: 'circuit_open' });
    inner.answer(() => OK);
    pass(110);
    expect(await sender.send(call())).toEqual(OK);
    await sender.close();
  });
});
