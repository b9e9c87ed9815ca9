/**
 * Two gateway instances over one Redis share circuit state: what one learns
 * (open), the other applies without calling the cooperative; one probe goes
 * out for both; recovery reaches both; an instance started later adopts the
 * open state before its first call.
 */
import type { RunningGateway } from '../../gateway/server';
import { RedisStore } from '../../gateway/state/redisStore';
import { gql } from '../helpers/gql';
import { randomCoopData, rng } from '../helpers/randomData';
import { eventually, startResilientNet, type ResilientNet } from './support/net';
import { describeWithRedis, REDIS_URL, uniquePrefix } from './support/redis';

const PAGE = `{ products(first: 3) { nodes { id } } }`;
const OPEN_MS = 3000;
const flaky = { cooperativeId: 'flaky', role: 'marketplace' };

describeWithRedis('circuit state shared by two gateway instances', () => {
  const r = rng(31);
  const prefix = uniquePrefix('circuit');
  const stores: RedisStore[] = [];
  let net: ResilientNet;
  let a: RunningGateway;
  let b: RunningGateway;

  const newStore = async () => {
    const store = new RedisStore({ url: REDIS_URL, prefix });
    stores.push(store);
    await store.ready();
    return store;
  };

  beforeAll(async () => {
    net = await startResilientNet(
      [
        { id: 'ok0', data: randomCoopData(r, 5) },
        { id: 'flaky', data: randomCoopData(r, 5), resilience: { retry: false, circuit: { failureThreshold: 2, openMs: OPEN_MS } } },
      ],
      { store: await newStore() },
    );
    a = net.gateways[0];
    b = await net.addGateway({ store: await newStore() });
    await Promise.all([gql(a.url, PAGE), gql(b.url, PAGE)]);
  });
  afterAll(async () => {
    await net?.close();
    await stores[0]?.del(await stores[0].keys('*')).catch(() => 0);
    await Promise.all(stores.map((s) => s.close()));
  });

  const errorsOf = (res: any) => (res.errors ?? []).map((e: any) => `${e.extensions.cooperativeId}: ${e.extensions.reason}`);

  it('a circuit opened by one instance fails fast on the other, which never calls the cooperative', async () => {
    const proxy = net.proxies.get('flaky-marketplace')!;
    proxy.mode = 'down';
    proxy.reset();
    await gql(a.url, PAGE);
    await gql(a.url, PAGE);
    expect(a.protection.circuits.stateOf(flaky)).toBe('open');
    await eventually(() => b.protection.circuits.stateOf(flaky) === 'open', 2000, 'instance B to see the open circuit');
    const res = await gql(b.url, PAGE);
    expect(errorsOf(res)).toEqual([expect.stringMatching(/^flaky: circuit open \(2 consecutive failures\)/)]);
    expect(res.data.products.nodes.length).toBe(3);
    expect(proxy.requests).toBe(2); // both from A
    expect(b.status.statusOf('flaky')).toBe('DOWN');
  });

  it('an instance started after the circuit opened adopts it before its first call', async () => {
    const proxy = net.proxies.get('flaky-marketplace')!;
    const before = proxy.requests;
    const c = await net.addGateway({ store: await newStore() });
    const res = await gql(c.url, PAGE);
    expect(errorsOf(res)).toEqual([expect.stringMatching(/^flaky: circuit open/)]);
    expect(proxy.requests).toBe(before);
  });

  it('after the open time one probe goes out for all instances, and its success closes the circuit everywhere', async () => {
    const proxy = net.proxies.get('flaky-marketplace')!;
    proxy.mode = 'ok';
    proxy.delayMs = 50;
    proxy.reset();
    await new Promise((res) => setTimeout(res, OPEN_MS + 50));
    const gateways = net.gateways;
    await Promise.all(gateways.flatMap((g) => [gql(g.url, PAGE), gql(g.url, PAGE)]));
    expect(proxy.requests).toBe(1);
    for (const g of gateways) await eventually(() => g.protection.circuits.stateOf(flaky) === 'closed', 2000, 'every instance to close');
    for (const g of gateways) expect((await gql(g.url, PAGE)).errors).toBeUndefined();
  });
});
