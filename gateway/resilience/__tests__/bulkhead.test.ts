/** The bulkhead: in-flight limit, short queue, refusal, and the deadline as a budget. */
import { Bulkhead, BulkheadSender } from '../bulkhead';
import { DEFAULT_POLICY, type ResiliencePolicy } from '../policy';
import { call, FakeSender, OK, sleep } from './fakeSender';

describe('Bulkhead', () => {
  const limits = { maxInFlight: 2, maxQueue: 1 };

  it('grants up to the limit and refuses past the queue at once (no promise), queues one', async () => {
    const b = new Bulkhead();
    expect(b.acquire(limits, 1000)).toBe(true);
    expect(b.acquire(limits, 1000)).toBe(true);
    const queued = b.acquire(limits, 1000);
    expect(queued).toBeInstanceOf(Promise);
    expect(b.queued).toBe(1);
    expect(b.acquire(limits, 1000)).toBe(false); // queue full
    b.release(2);
    expect(await queued).toBe(true);
    expect(b.inFlight).toBe(2);
    expect(b.queued).toBe(0);
  });

  it('gives up a queued wait after waitMs', async () => {
    const b = new Bulkhead();
    await b.acquire({ maxInFlight: 1, maxQueue: 5 }, 1000);
    const started = Date.now();
    expect(await b.acquire({ maxInFlight: 1, maxQueue: 5 }, 50)).toBe(false);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(b.queued).toBe(0);
  });

  it('serves waiters first come, first served', async () => {
    const b = new Bulkhead();
    const order: number[] = [];
    await b.acquire({ maxInFlight: 1, maxQueue: 5 }, 1000);
    const waits = [1, 2, 3].map((i) => Promise.resolve(b.acquire({ maxInFlight: 1, maxQueue: 5 }, 1000)).then(() => order.push(i)));
    for (let i = 0; i < 3; i++) {
      b.release(1);
      await sleep(1);
    }
    await Promise.all(waits);
    expect(order).toEqual([1, 2, 3]);
  });
});

describe('BulkheadSender', () => {
  const policy: ResiliencePolicy = { ...DEFAULT_POLICY, maxInFlight: 3, maxQueue: 2, queueTimeoutMs: 1000 };

  it('passes a call with a free slot straight through, before the loop that started it goes on (fan-out order kept)', async () => {
    const inner = new FakeSender();
    const sender = new BulkheadSender(inner, () => policy);
    const sentSoFar: string[][] = [];
    const sends = ['slow', 'medium', 'fast'].map((id) => {
      const sent = sender.send(call({ cooperativeId: id }));
      sentSoFar.push(inner.calls.map((c) => c.cooperativeId));
      return sent;
    });
    expect(sentSoFar).toEqual([['slow'], ['slow', 'medium'], ['slow', 'medium', 'fast']]);
    await Promise.all(sends);
  });

  it('never has more than maxInFlight calls out per cooperative under a burst; the overflow is refused as bulkhead_full', async () => {
    const inner = new FakeSender(async () => {
      await sleep(30);
      return OK;
    });
    const rejected: string[] = [];
    const sender = new BulkheadSender(inner, () => policy, { rejected: (t, outcome) => rejected.push(`${t.cooperativeId}:${outcome}`) });
    const results = await Promise.all(Array.from({ length: 10 }, () => sender.send(call())));
    expect(inner.maxInFlight).toBe(3);
    expect(results.filter((r) => r.ok)).toHaveLength(5); // 3 running + 2 queued
    const refused = results.filter((r) => !r.ok);
    expect(refused).toHaveLength(5);
    expect(refused.every((r) => !r.ok && r.outcome === 'bulkhead_full')).toBe(true);
    expect(rejected).toEqual(Array(5).fill('coop-a:bulkhead_full'));
    expect(sender.load({ cooperativeId: 'coop-a', role: 'marketplace' })).toEqual({ inFlight: 0, queued: 0 });
  });

  it('keeps cooperatives apart: one saturated cooperative does not hold up another', async () => {
    const inner = new FakeSender(async (c) => {
      if (c.cooperativeId === 'slow') await sleep(200);
      return OK;
    });
    const sender = new BulkheadSender(inner, () => policy);
    const slow = Array.from({ length: 5 }, () => sender.send(call({ cooperativeId: 'slow' })));
    const started = Date.now();
    expect((await sender.send(call({ cooperativeId: 'fast' }))).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(180); // the slow one takes 200 ms
    await Promise.all(slow);
  });

  it('takes the queue wait off the deadline passed down', async () => {
    const inner = new FakeSender(async () => {
      await sleep(100);
      return OK;
    });
    const sender = new BulkheadSender(inner, () => ({ ...policy, maxInFlight: 1 }));
    await Promise.all([sender.send(call({ deadlineMs: 1000 })), sender.send(call({ deadlineMs: 1000 }))]);
    expect(inner.calls[0].deadlineMs).toBeGreaterThanOrEqual(995);
    expect(inner.calls[1].deadlineMs).toBeLessThanOrEqual(905);
  });

  it('waits no longer than the call deadline for a slot', async () => {
    const inner = new FakeSender(async () => {
      await sleep(300);
      return OK;
    });
    const sender = new BulkheadSender(inner, () => ({ ...policy, maxInFlight: 1, queueTimeoutMs: 10_000 }));
    const first = sender.send(call());
    const started = Date.now();
    const second = await sender.send(call({ deadlineMs: 50 }));
    expect(second.ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(200);
    await first;
  });

  it('lets the federation\'s own subgraphs through untouched', async () => {
    const inner = new FakeSender(async () => {
      await sleep(20);
      return OK;
    });
    const sender = new BulkheadSender(inner, () => ({ ...policy, maxInFlight: 1, maxQueue: 0 }));
    const results = await Promise.all(Array.from({ length: 5 }, () => sender.send(call({ cooperativeId: '', role: 'network' }))));
    expect(results.every((r) => r.ok)).toBe(true);
  });
});
