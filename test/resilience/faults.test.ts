/**
 * Fault injection through the real gateway: cooperatives behind proxies that
 * are down, hang, answer garbage or flap. Every answer arrives within the
 * deadline plus a small margin, errors name exactly the affected
 * cooperatives, the circuit opens and recovers, and the bulkhead holds its
 * in-flight limit under a burst.
 */
import { compareRows } from '../../core/order';
import { MemoryStore } from '../../gateway/state/memoryStore';
import { gql } from '../helpers/gql';
import { randomCoopData, rng } from '../helpers/randomData';
import { eventually, observe, startResilientNet, type ResilientNet } from './support/net';

const PAGE = `query($first: Int, $coops: [ID!]) { products(first: $first, cooperatives: $coops) { totalCount nodes { id name } } }`;
/** Time the gateway itself may add on top of the deadline on a busy test machine. */
const MARGIN_MS = 500;
const r = rng(11);

function unavailable(res: { errors?: Array<{ extensions?: Record<string, any> }> }): string[] {
  return (res.errors ?? []).map((e) => `${e.extensions?.code}:${e.extensions?.cooperativeId}`).sort();
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('down, hanging, garbage and flapping cooperatives', () => {
  const HANG_DEADLINE = 400;
  const healthy = ['ok0', 'ok1'].map((id) => ({ id, data: randomCoopData(r, 12) }));
  const broken = ['down', 'hang', 'garbage', 'flappy'].map((id) => ({ id, data: randomCoopData(r, 12) }));
  let net: ResilientNet;

  beforeAll(async () => {
    net = await startResilientNet(
      [...healthy, ...broken.map((c) => (c.id === 'hang' ? { ...c, deadlineMs: HANG_DEADLINE } : c))],
      // Circuits out of the way here: these tests look at single answers.
      { store: new MemoryStore(), gateway: { resilience: { circuit: { failureThreshold: 1000, minimumRequests: 1000 } } } },
    );
    net.proxies.get('down-marketplace')!.mode = 'down';
    net.proxies.get('hang-marketplace')!.mode = 'hang';
    net.proxies.get('garbage-marketplace')!.mode = 'garbage';
    // Every other request fails: the first attempt of each call fails, its retry gets through.
    net.proxies.get('flappy-marketplace')!.modeOf = (n) => (n % 2 === 1 ? 'down' : 'ok');
    await gql(net.gateways[0].url, PAGE, { first: 1, coops: ['ok0'] }); // plan and connections warm
  });
  afterAll(() => net?.close());

  it('answers within the hanging cooperative\'s deadline plus a margin, naming exactly the broken ones', async () => {
    for (const p of net.proxies.values()) p.reset();
    const { value: res, ms } = await timed(() => gql(net.gateways[0].url, PAGE, { first: 10 }));
    expect(ms).toBeLessThan(HANG_DEADLINE + MARGIN_MS);
    expect(unavailable(res)).toEqual(['COOPERATIVE_UNAVAILABLE:down', 'COOPERATIVE_UNAVAILABLE:garbage', 'COOPERATIVE_UNAVAILABLE:hang']);
    const reasons = Object.fromEntries(res.errors!.map((e) => [e.extensions!.cooperativeId, e.extensions!.reason]));
    expect(reasons.hang).toBe(`no answer within ${HANG_DEADLINE} ms`);
    expect(reasons.garbage).toBe('HTTP 200 with a body that is not JSON');
    // Rows of every cooperative that answered (the flapping one through its retry), in the one order.
    const answered = [...healthy, broken.find((c) => c.id === 'flappy')!];
    const expected = answered
      .flatMap(({ id, data }) => data.products.map((p) => ({ key: p.name.normalize('NFC'), id: `${id}:${p.localId}` })))
      .sort((a, b) => compareRows(a, b, 'ASC'));
    expect(res.data.products.nodes.map((n: any) => n.id)).toEqual(expected.slice(0, 10).map((x) => x.id));
    expect(res.data.products.totalCount).toBe(expected.length);
  });

  it('retries a read once when it failed fast (down, garbage, flapping), never a timed-out one', async () => {
    for (const p of net.proxies.values()) p.reset();
    await gql(net.gateways[0].url, PAGE, { first: 5 });
    const requests = (id: string) => net.proxies.get(`${id}-marketplace`)!.requests;
    expect([requests('down'), requests('garbage'), requests('flappy'), requests('hang'), requests('ok0')]).toEqual([2, 2, 2, 1, 1]);
  });

  it('the live view shows each cooperative as the gateway sees it', async () => {
    const status = (await (await fetch(net.gateways[0].url.replace('/graphql', '/status'))).json()) as Record<string, string>;
    expect(status).toMatchObject({ ok0: 'UP', ok1: 'UP', down: 'DOWN', hang: 'DOWN', garbage: 'DOWN', flappy: 'DEGRADED' });
  });
});

describe('the circuit opens and recovers', () => {
  const OPEN_MS = 1000;
  let net: ResilientNet;

  beforeAll(async () => {
    net = await startResilientNet(
      [
        { id: 'ok0', data: randomCoopData(r, 5) },
        { id: 'flaky', data: randomCoopData(r, 5), resilience: { retry: false, circuit: { failureThreshold: 3, openMs: OPEN_MS } } },
      ],
      { store: new MemoryStore() },
    );
  });
  afterAll(() => net?.close());

  it('opens after consecutive failures, then fails fast without calling the cooperative', async () => {
    const proxy = net.proxies.get('flaky-marketplace')!;
    const gateway = net.gateways[0];
    proxy.mode = 'down';
    for (let i = 0; i < 3; i++) expect(unavailable(await gql(gateway.url, PAGE, { first: 3 }))).toEqual(['COOPERATIVE_UNAVAILABLE:flaky']);
    expect(proxy.requests).toBe(3);
    expect(gateway.protection.circuits.stateOf({ cooperativeId: 'flaky', role: 'marketplace' })).toBe('open');

    for (let i = 0; i < 5; i++) {
      const { value: res, ms } = await timed(() => gql(gateway.url, PAGE, { first: 3 }));
      expect(unavailable(res)).toEqual(['COOPERATIVE_UNAVAILABLE:flaky']);
      expect(res.errors![0].extensions!.reason).toMatch(/^circuit open \(3 consecutive failures\); next probe in \d+ ms$/);
      expect(res.data.products.nodes.length).toBe(3); // the healthy cooperative still answers
      expect(ms).toBeLessThan(500); // far below the 2 s deadline
    }
    expect(proxy.requests).toBe(3); // nothing reached it while open
    expect(gateway.status.statusOf('flaky')).toBe('DOWN');
    const ready = (await (await fetch(gateway.url.replace('/graphql', '/readyz'))).json()) as any;
    expect(ready.cooperatives.flaky.roles.marketplace).toMatchObject({ status: 'DOWN', circuit: 'open' });
    expect(await (await fetch(gateway.url.replace('/graphql', '/metrics'))).text()).toContain('sbnet_circuit_state{cooperative="flaky",role="marketplace"} 2');
  });

  it('after the open time one probe goes out; a failed probe keeps it open', async () => {
    const proxy = net.proxies.get('flaky-marketplace')!;
    proxy.reset();
    await new Promise((res) => setTimeout(res, OPEN_MS + 20));
    await Promise.all(Array.from({ length: 4 }, () => gql(net.gateways[0].url, PAGE, { first: 3 })));
    expect(proxy.requests).toBe(1);
    expect(net.gateways[0].protection.circuits.stateOf({ cooperativeId: 'flaky', role: 'marketplace' })).toBe('open');
  });

  it('closes when the cooperative answers the probe, and the cooperative is UP again', async () => {
    const proxy = net.proxies.get('flaky-marketplace')!;
    proxy.mode = 'ok';
    await new Promise((res) => setTimeout(res, OPEN_MS + 20));
    const res = await gql(net.gateways[0].url, PAGE, { first: 10 });
    expect(res.errors).toBeUndefined();
    expect(res.data.products.totalCount).toBe(10);
    expect(net.gateways[0].protection.circuits.stateOf({ cooperativeId: 'flaky', role: 'marketplace' })).toBe('closed');
    expect(net.gateways[0].status.statusOf('flaky')).toBe('UP');
  });
});

describe('the bulkhead under a burst', () => {
  const LIMIT = 8;
  const QUEUE = 4;
  let net: ResilientNet;

  beforeAll(async () => {
    net = await startResilientNet(
      [{ id: 'small', data: randomCoopData(r, 5), resilience: { maxInFlight: LIMIT, maxQueue: QUEUE, queueTimeoutMs: 1500 } }],
      { store: new MemoryStore() },
    );
    await gql(net.gateways[0].url, PAGE, { first: 1 });
  });
  afterAll(() => net?.close());

  it('never has more than the limit in flight at the cooperative; the overflow is refused at once, naming it', async () => {
    const proxy = net.proxies.get('small-marketplace')!;
    proxy.delayMs = 300;
    proxy.reset();
    const calls = observe(net.gateways[0]);
    // Distinct page sizes: identical reads in flight would share one exchange (send.ts) and never fill the bulkhead.
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => timed(() => gql(net.gateways[0].url, PAGE, { first: i + 1 }))));
    expect(proxy.maxInFlight).toBe(LIMIT);
    const refused = burst.filter(({ value }) => value.errors);
    for (const { value } of refused) {
      expect(unavailable(value)).toEqual(['COOPERATIVE_UNAVAILABLE:small']);
      expect(value.errors![0].extensions!.reason).toMatch(/^too many calls in flight \(limit 8, queue 4\)/);
    }
    const served = burst.length - refused.length;
    expect(served).toBe(proxy.requests);
    expect(calls.length).toBe(served);
    expect(served).toBeGreaterThanOrEqual(LIMIT);
    expect(refused.length).toBeGreaterThan(0);
    // Refusals are immediate; queued calls wait for a slot, within the deadline.
    expect(Math.min(...refused.map((b) => b.ms))).toBeLessThan(300);
    expect(Math.max(...burst.map((b) => b.ms))).toBeLessThan(2000 + MARGIN_MS);
    // The bulkhead's refusals are not the cooperative's failures.
    expect(net.gateways[0].protection.circuits.stateOf({ cooperativeId: 'small', role: 'marketplace' })).toBe('closed');
    await eventually(() => net.gateways[0].protection.bulkheads.load({ cooperativeId: 'small', role: 'marketplace' }).inFlight === 0);
  });
});
