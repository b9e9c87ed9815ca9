/**
 * RedisStore against the real server (skipped with one line without one,
 * failed under CI=true), and against no server at all: every command fails
 * at once, the outage is logged once, nothing hangs.
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { describeWithRedis, freePort, REDIS_URL, uniquePrefix } from '../../../test/resilience/support/redis';
import { RedisStore, redact } from '../redisStore';

function capturedLogger() {
  const lines: Array<{ level: number; msg: string }> = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, stream), lines };
}

describeWithRedis('RedisStore on a real Redis', () => {
  let store: RedisStore;
  beforeAll(async () => {
    store = new RedisStore({ url: REDIS_URL, prefix: uniquePrefix('store') });
    expect(await store.ready()).toBe(true);
  });
  afterAll(async () => {
    await store.del(await store.keys('*'));
    await store.close();
  });

  it('get, getMany, set with TTL, setIfAbsent, del, keys, incr', async () => {
    await store.set('a', '1');
    await store.set('b', '2', 80);
    expect(await store.getMany(['a', 'b', 'c'])).toEqual(['1', '2', null]);
    await new Promise((r) => setTimeout(r, 120));
    expect(await store.get('b')).toBeNull();
    expect(await store.setIfAbsent('lock', 'x', 1000)).toBe(true);
    expect(await store.setIfAbsent('lock', 'y', 1000)).toBe(false);
    await store.set('cache:a:1', 'x');
    await store.set('cache:ab:1', 'x');
    expect(await store.keys('cache:a:*')).toEqual(['cache:a:1']);
    expect(await store.del(['cache:a:1', 'cache:ab:1', 'nope'])).toBe(2);
    expect(await store.incr('n', 1000)).toBe(1);
    expect(await store.incr('n', 1000)).toBe(2);
  });

  it('delivers published messages to subscribers (a second connection)', async () => {
    const got: string[] = [];
    const off = await store.subscribe('ch', (m) => got.push(m));
    const other = new RedisStore({ url: REDIS_URL, prefix: (store as unknown as { prefix: string }).prefix });
    await other.ready();
    for (let i = 0; i < 50 && !got.length; i++) {
      await other.publish('ch', 'hello');
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(got[0]).toBe('hello');
    await off();
    await other.close();
  });
});

describe('RedisStore without a server', () => {
  it('fails every command at once, says it is unavailable, and logs the outage once', async () => {
    const { log, lines } = capturedLogger();
    const store = new RedisStore({ url: `redis://127.0.0.1:${await freePort()}`, log });
    const changes: boolean[] = [];
    store.onAvailabilityChange((up) => changes.push(up));
    await new Promise((r) => setTimeout(r, 400)); // several reconnect attempts
    expect(store.isAvailable()).toBe(false);
    const started = Date.now();
    await expect(store.get('x')).rejects.toThrow(/Redis unavailable/);
    await expect(store.set('x', '1', 10)).rejects.toThrow();
    await expect(store.publish('c', 'm')).rejects.toThrow();
    const off = await store.subscribe('c', () => undefined); // does not wait for a server
    expect(Date.now() - started).toBeLessThan(50);
    expect(await store.ready(50)).toBe(false);
    await off();
    await store.close();
    const warnings = lines.filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0].msg).toMatch(/^Redis unavailable: serving without shared state/);
    expect(changes).toEqual([]);
  });

  it('keeps passwords out of logs', () => {
    expect(redact('redis://user:secret@h:6379/0')).toBe('redis://user:***@h:6379/0');
  });
});
