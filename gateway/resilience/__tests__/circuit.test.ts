/** The circuit state machine on a fake clock. */
import { Circuit, verdictOf } from '../circuit';
import type { CircuitPolicy } from '../policy';

const policy: CircuitPolicy = { failureThreshold: 3, failureRate: 0.5, minimumRequests: 6, windowMs: 10_000, openMs: 1000 };

function clocked() {
  let now = 1_000_000;
  const changes: string[] = [];
  const circuit = new Circuit(
    () => now,
    (state) => changes.push(state),
  );
  return { circuit, changes, advance: (ms: number) => (now += ms) };
}

describe('verdictOf', () => {
  it('counts a GraphQL answer (even with errors) as the cooperative working, our own refusals as nothing', () => {
    expect(verdictOf('ok')).toBe('success');
    expect(verdictOf('graphql_error')).toBe('success');
    for (const outcome of ['timeout', 'refused', 'http_error', 'bad_response'] as const) expect(verdictOf(outcome)).toBe('failure');
    expect(verdictOf('circuit_open')).toBe('neutral');
    expect(verdictOf('bulkhead_full')).toBe('neutral');
  });
});

describe('Circuit', () => {
  it('opens after N consecutive failures and fails fast until openMs has passed', () => {
    const { circuit, changes, advance } = clocked();
    expect(circuit.record('failure', policy, false)).toBeNull();
    expect(circuit.record('failure', policy, false)).toBeNull();
    expect(circuit.record('failure', policy, false)).toBe('opened');
    expect(circuit.state).toBe('open');
    expect(circuit.reason).toBe('3 consecutive failures');
    expect(circuit.admit()).toBe('reject');
    advance(999);
    expect(circuit.admit()).toBe('reject');
    expect(changes).toEqual(['open']);
  });

  it('a success resets the consecutive count', () => {
    const { circuit } = clocked();
    circuit.record('failure', policy, false);
    circuit.record('failure', policy, false);
    circuit.record('success', policy, false);
    circuit.record('failure', policy, false);
    circuit.record('failure', policy, false);
    expect(circuit.state).toBe('closed');
  });

  it('opens on the failure rate once the window holds enough calls', () => {
    const { circuit } = clocked();
    // f s f s f s: never 3 in a row, but 3 of 6 = 50 %.
    const verdicts = ['failure', 'success', 'failure', 'success', 'failure'] as const;
    for (const v of verdicts) expect(circuit.record(v, policy, false)).toBeNull();
    expect(circuit.record('success', policy, false)).toBeNull(); // 3/6 failed, but the last call succeeded: rate checked on failures
    expect(circuit.record('failure', policy, false)).toBe('opened'); // 4/7
    expect(circuit.reason).toBe('4 of the last 7 calls failed');
  });

  it('forgets calls older than the window', () => {
    const { circuit, advance } = clocked();
    for (const v of ['failure', 'success', 'failure', 'success'] as const) circuit.record(v, policy, false);
    advance(20_000); // those four leave the window
    for (const v of ['failure', 'success', 'failure'] as const) circuit.record(v, policy, false);
    // Counting all seven (4 failed) would open it; the window holds 3 calls, below minimumRequests.
    expect(circuit.state).toBe('closed');
  });

  it('ignores neutral outcomes (the gateway refused the call itself)', () => {
    const { circuit } = clocked();
    for (let i = 0; i < 10; i++) circuit.record('neutral', policy, false);
    expect(circuit.state).toBe('closed');
  });

  it('after openMs lets exactly one probe through; its success closes the circuit', () => {
    const { circuit, changes, advance } = clocked();
    for (let i = 0; i < 3; i++) circuit.record('failure', policy, false);
    advance(1000);
    expect(circuit.admit()).toBe('probe');
    expect(circuit.state).toBe('half_open');
    expect(circuit.admit()).toBe('reject'); // one probe at a time
    expect(circuit.record('success', policy, true)).toBe('closed');
    expect(circuit.admit()).toBe('call');
    expect(changes).toEqual(['open', 'half_open', 'closed']);
  });

  it('a failed probe opens it again for another openMs', () => {
    const { circuit, advance } = clocked();
    for (let i = 0; i < 3; i++) circuit.record('failure', policy, false);
    advance(1000);
    expect(circuit.admit()).toBe('probe');
    expect(circuit.record('failure', policy, true)).toBe('opened');
    expect(circuit.reason).toBe('probe failed after 3 consecutive failures');
    expect(circuit.admit()).toBe('reject');
    advance(1000);
    expect(circuit.admit()).toBe('probe');
    circuit.record('failure', policy, true);
    expect(circuit.reason).toBe('probe failed after 3 consecutive failures');
  });

  it('a probe refused by the bulkhead leaves the circuit open and probes again at the next call', () => {
    const { circuit, advance } = clocked();
    for (let i = 0; i < 3; i++) circuit.record('failure', policy, false);
    advance(1000);
    expect(circuit.admit()).toBe('probe');
    expect(circuit.record('neutral', policy, true)).toBeNull();
    expect(circuit.state).toBe('open');
    expect(circuit.admit()).toBe('probe');
  });

  it('abandons a probe another instance makes, and retries later', () => {
    const { circuit, advance } = clocked();
    for (let i = 0; i < 3; i++) circuit.record('failure', policy, false);
    advance(1000);
    expect(circuit.admit()).toBe('probe');
    circuit.abandonProbe(200);
    expect(circuit.state).toBe('open');
    expect(circuit.admit()).toBe('reject');
    advance(200);
    expect(circuit.admit()).toBe('probe');
  });

  it('adopts an open state from another instance, and its closing', () => {
    const { circuit, advance } = clocked();
    circuit.applyRemote('open', 1_000_000 + 500, 'elsewhere');
    expect(circuit.state).toBe('open');
    expect(circuit.openedHere).toBe(false);
    expect(circuit.admit()).toBe('reject');
    circuit.applyRemote('closed', 0, '');
    expect(circuit.state).toBe('closed');
    circuit.applyRemote('open', 1_000_000 + 500, 'elsewhere');
    advance(500);
    expect(circuit.admit()).toBe('probe');
    circuit.applyRemote('closed', 0, ''); // our own probe decides
    expect(circuit.state).toBe('half_open');
  });
});
