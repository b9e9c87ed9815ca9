/** The in-process store: TTLs, bounded size, pub/sub. */
import { MemoryStore } from '../memoryStore';

describe('MemoryStore', () => {
  it('expires entries after their TTL', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    await store.set('a', '1', 100);
    await store.set('b', '2');
    now = 99;
    expect(await store.getMany(['a', 'b', 'c'])).toEqual(['1', '2', null]);
    now = 100;
    expect(await store.get('a')).toBeNull();
    expect(await store.keys('*')).toEqual(['b']);
  });

  it('keeps at most maxEntries, dropping the oldest first', async () => {
    const store = new MemoryStore({ maxEntries: 3 });
    for (const k of ['a', 'b', 'c', 'd']) await store.set(k, k);
    await store.set('b', 'b2'); // rewritten: now the newest
    await store.set('e', 'e');
    expect(store.size).toBe(3);
    expect(await store.getMany(['a', 'b', 'c', 'd', 'e'])).toEqual([null, 'b2', null, 'd', 'e']);
  });

  it('sweeps expired entries as new ones arrive', async () => {
    let now = 0;
    const store = new MemoryStore({ now: () => now });
    for (let i = 0; i < 500; i++) await store.set(`old${i}`, 'x', 10);
    now = 20;
    for (let i = 0; i < 600; i++) await store.set(`new${i}`, 'x');
    expect(store.size).toBe(600);
  });

  it('setIfAbsent, incr, del, keys by prefix, publish/subscribe', async () => {
    const store = new MemoryStore();
    expect(await store.setIfAbsent('lock', 'a', 1000)).toBe(true);
    expect(await store.setIfAbsent('lock', 'b', 1000)).toBe(false);
    expect(await store.incr('n', 1000)).toBe(1);
    expect(await store.incr('n', 1000)).toBe(2);
    await store.set('cache:a:1', 'x');
    await store.set('cache:ab:1', 'x');
    expect(await store.keys('cache:a:*')).toEqual(['cache:a:1']);
    expect(await store.del(['cache:a:1', 'missing'])).toBe(1);
    const got: string[] = [];
    const off = await store.subscribe('ch', (m) => got.push(m));
    await store.publish('ch', 'hello');
    await off();
    await store.publish('ch', 'gone');
    expect(got).toEqual(['hello']);
    expect(store.isAvailable()).toBe(true);
  });
});
