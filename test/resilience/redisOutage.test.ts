/**
 * Redis taken away in the middle of a test (a redis-server this test starts
 * on its own port, killed and restarted; then frozen): every request still
 * succeeds, uncached and in time; the outage is logged once; the gateway
 * reconnects by itself and caching resumes.
 */
import { RedisStore } from '../../gateway/state/redisStore';
import { gql } from '../helpers/gql';
import { randomCoopData, rng } from '../helpers/randomData';
import { capturedLogger, INFO, WARN } from './support/logs';
import { eventually, observe, startResilientNet, type ResilientNet } from './support/net';
import { describeWithRedisServerBinary, OwnRedis, uniquePrefix } from './support/redis';

const PAGE = `{ products(first: 4) { totalCount nodes { id name } } }`;

describeWithRedisServerBinary('Redis stopped in the middle of a test', () => {
  const r = rng(41);
  const { log, lines } = capturedLogger('info');
  let redis: OwnRedis;
  let store: RedisStore;
  let net: ResilientNet;
  let calls: ReturnType<typeof observe>;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    store = new RedisStore({ url: redis.url, prefix: uniquePrefix('outage'), log, commandTimeoutMs: 100 });
    await store.ready();
    net = await startResilientNet(
      ['c0', 'c1'].map((id) => ({ id, data: randomCoopData(r, 6) })),
      { store, gateway: { cache: { ttl: { marketplace: { Product: 60 } } } } },
    );
    calls = observe(net.gateways[0]);
  });
  afterAll(async () => {
    await net?.close();
    await store?.close();
    await redis?.stop();
  });

  const url = () => net.gateways[0].url;
  const readyz = async () => (await (await fetch(url().replace('/graphql', '/readyz'))).json()) as { ready: boolean; state: { available: boolean } };

  async function expectServed(expectedCalls: number, maxMs = 1000): Promise<unknown> {
    calls.length = 0;
    const started = performance.now();
    const res = await gql(url(), PAGE);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(maxMs);
    expect(calls).toHaveLength(expectedCalls);
    return res.data;
  }

  it('caches while Redis is up', async () => {
    const data = await expectServed(2);
    await new Promise((res) => setTimeout(res, 50)); // writes are not waited for
    expect(await expectServed(0)).toEqual(data);
  });

  it('serves every request uncached while Redis is down, and says so in /readyz', async () => {
    await redis.stop();
    await eventually(() => !store.isAvailable(), 3000, 'the store to notice');
    for (let i = 0; i < 3; i++) await expectServed(2);
    expect(await readyz()).toMatchObject({ ready: true, state: { available: false } });
  });

  it('reconnects by itself when Redis returns, and caching resumes', async () => {
    await redis.start();
    await eventually(() => store.isAvailable(), 5000, 'the store to reconnect');
    await expectServed(2); // the restarted Redis is empty
    await new Promise((res) => setTimeout(res, 50));
    await expectServed(0);
    expect(await readyz()).toMatchObject({ state: { available: true } });
  });

  it('survives a flapping Redis, logging the outage once', async () => {
    for (let i = 0; i < 3; i++) {
      await redis.stop();
      await expectServed(2);
      await redis.start();
      await eventually(() => store.isAvailable(), 5000, 'the store to reconnect');
      await expectServed(2); // the restarted Redis is empty (and nothing sent to the old one is replayed into it)
    }
    const warnings = lines.filter((l) => l.level === WARN && /^Redis unavailable/.test(l.msg));
    expect(warnings).toHaveLength(1);
    expect(lines.filter((l) => l.level === INFO && /^Redis reachable again/.test(l.msg))).toHaveLength(1);
  });

  it('a frozen Redis (connection open, no answers) costs at most a command timeout per request, then nothing', async () => {
    await expectServed(0); // warm after the last test
    redis.pause();
    try {
      for (let i = 0; i < 5; i++) await expectServed(2);
      await eventually(() => !store.isAvailable(), 3000, 'the store to give up on the frozen connection');
      const started = performance.now();
      await expectServed(2);
      expect(performance.now() - started).toBeLessThan(500);
    } finally {
      redis.resume();
    }
    await eventually(() => store.isAvailable(), 8000, 'the store to reconnect after the freeze');
  });
});
