/** One retry with jitter, for reads that failed fast, within the deadline. */
import { DEFAULT_POLICY } from '../policy';
import { RetryingSender } from '../retry';
import type { SendResult } from '../../router/send';
import { call, FakeSender, OK, REFUSED, TIMEOUT } from './fakeSender';

function retrying(first: SendResult, second: SendResult = OK, policy = DEFAULT_POLICY) {
  const inner = new FakeSender((_c, n) => (n === 1 ? first : second));
  const delays: number[] = [];
  const retried: string[] = [];
  const sender = new RetryingSender(inner, () => policy, { retried: (_t, o) => retried.push(o) }, {
    random: () => 0.25,
    sleep: async (ms) => void delays.push(ms),
  });
  return { inner, sender, delays, retried };
}

describe('RetryingSender', () => {
  it.each(['refused', 'http_error', 'bad_response'] as const)('retries a read once after %s, with a jittered back-off', async (outcome) => {
    const { inner, sender, delays, retried } = retrying({ ok: false, outcome, reason: 'x' });
    expect(await sender.send(call())).toEqual(OK);
    expect(inner.calls).toHaveLength(2);
    expect(delays).toEqual([38]); // 50 ms × (0.5 + 0.25)
    expect(retried).toEqual([outcome]);
  });

  it('retries only once', async () => {
    const { inner, sender } = retrying(REFUSED, REFUSED);
    expect(await sender.send(call())).toEqual(REFUSED);
    expect(inner.calls).toHaveLength(2);
  });

  it('never retries a mutation', async () => {
    const { inner, sender } = retrying(REFUSED);
    expect(await sender.send(call({ mutation: true }))).toEqual(REFUSED);
    expect(inner.calls).toHaveLength(1);
  });

  it('never retries after a timeout (the deadline is spent) or a refusal by the gateway itself', async () => {
    for (const first of [TIMEOUT, { ok: false, outcome: 'circuit_open', reason: 'open' }, { ok: false, outcome: 'bulkhead_full', reason: 'full' }] as SendResult[]) {
      const { inner, sender } = retrying(first);
      expect(await sender.send(call())).toEqual(first);
      expect(inner.calls).toHaveLength(1);
    }
  });

  it('does not retry when too little of the deadline is left', async () => {
    const { inner, sender } = retrying(REFUSED);
    expect(await sender.send(call({ deadlineMs: 120 }))).toEqual(REFUSED);
    expect(inner.calls).toHaveLength(1);
  });

  it('passes the rest of the deadline to the retry', async () => {
    const { inner, sender } = retrying(REFUSED);
    await sender.send(call({ deadlineMs: 1000 }));
    expect(inner.calls[1].deadlineMs).toBeLessThanOrEqual(1000);
    expect(inner.calls[1].deadlineMs).toBeGreaterThan(900);
  });

  it('keeps the first failure when the retry was refused by the open circuit', async () => {
    const { sender } = retrying(REFUSED, { ok: false, outcome: 'circuit_open', reason: 'open' });
    expect(await sender.send(call())).toEqual(REFUSED);
  });

  it('is off for a cooperative with retry: false', async () => {
    const { inner, sender } = retrying(REFUSED, OK, { ...DEFAULT_POLICY, retry: false });
    expect(await sender.send(call())).toEqual(REFUSED);
    expect(inner.calls).toHaveLength(1);
  });
});
