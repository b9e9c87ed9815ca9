/**
 * The cache layer over a scripted sender and the in-process store: what is
 * cached, under which key, for how long, and how `_entities` batches are
 * split into cached members and one call for the rest.
 */
import { FakeSender, call, REFUSED } from '../../resilience/__tests__/fakeSender';
import type { CooperativeCall, SendResult } from '../../router/send';
import { MemoryStore } from '../../state/memoryStore';
import { CachingSender, purgeCooperative } from '../cachingSender';
import { CachePolicy } from '../ttl';

const policy = new CachePolicy(
  { ttl: { marketplace: { Product: 60, Supplier: 60 }, erp: { Product: 10 } } },
  { marketplace: { products: 'ProductConnection', orders: 'OrderConnection', product: 'Product' }, erp: {} },
);

function setup(script?: (c: CooperativeCall) => SendResult) {
  let now = 1_000_000;
  const store = new MemoryStore({ now: () => now });
  const inner = new FakeSender(script ?? ((c) => ({ ok: true, data: { products: { from: c.cooperativeId, v: c.variables } } })));
  const lookups: string[] = [];
  const sender = new CachingSender(inner, { store, policy, events: { cacheLookup: (t, type, hit) => lookups.push(`${t.cooperativeId}:${type}:${hit ? 'hit' : 'miss'}`) } });
  return { store, inner, sender, lookups, advance: (ms: number) => (now += ms) };
}

const products = (over: Partial<CooperativeCall> = {}) => call({ query: '{ products { nodes { id } } }', cache: { field: 'products', responseKey: 'products' }, ...over });
const flush = () => new Promise((r) => setImmediate(r));

describe('CachingSender: root fields', () => {
  it('answers a repeat from the cache, per cooperative', async () => {
    const { sender, inner, lookups } = setup();
    const first = await sender.send(products());
    await flush();
    expect(await sender.send(products())).toEqual(first);
    expect(inner.calls).toHaveLength(1);
    await sender.send(products({ cooperativeId: 'coop-b' }));
    expect(inner.calls).toHaveLength(2);
    expect(lookups).toEqual(['coop-a:ProductConnection:miss', 'coop-a:ProductConnection:hit', 'coop-b:ProductConnection:miss']);
  });

  it('keeps entries for their TTL only', async () => {
    const { sender, inner, advance } = setup();
    await sender.send(products());
    await flush();
    advance(59_999);
    await sender.send(products());
    expect(inner.calls).toHaveLength(1);
    advance(2);
    await sender.send(products());
    expect(inner.calls).toHaveLength(2);
  });

  it('keys on the operation, the variables sent to that cooperative and the caller\'s scope', async () => {
    const { sender, inner } = setup();
    const variants = [
      products(),
      products({ query: '{ products { nodes { id name } } }' }),
      products({ query: 'query($__sb_after: String) { products(after: $__sb_after) { nodes { id } } }', variables: { __sb_after: 'p1' } }),
      products({ query: 'query($__sb_after: String) { products(after: $__sb_after) { nodes { id } } }', variables: { __sb_after: 'p2' } }),
      products({ cache: { field: 'products', responseKey: 'products', scope: 'auth:alice' } }),
      products({ headers: { 'x-forwarded-role': 'member' } }),
    ];
    for (const v of variants) await sender.send(v);
    await flush();
    for (const v of variants) await sender.send(v);
    expect(inner.calls).toHaveLength(variants.length);
    // Variables the operation does not use (the planner's whole request) are not part of the key…
    await sender.send(products({ variables: { representations: [1, 2, 3] } }));
    // …nor are per-request headers.
    await sender.send(products({ headers: { 'x-request-id': 'r-1', 'x-sbnet-identity': 'v1.sig.nature' } }));
    expect(inner.calls).toHaveLength(variants.length);
  });

  it('never caches mutations, private types (orders), answers with errors, failures, or unhinted calls', async () => {
    const { sender, inner } = setup((c) =>
      c.query.includes('broken') ? REFUSED : c.query.includes('partial') ? { ok: true, data: { products: null }, errors: [{ message: 'x' }] } : { ok: true, data: { x: 1 } },
    );
    const once = [
      products({ mutation: true }),
      call({ query: '{ orders { nodes { id } } }', cache: { field: 'orders', responseKey: 'orders' } }),
      products({ query: '{ broken }' }),
      products({ query: '{ partial }' }),
      call({ query: '{ products }' }),
    ];
    for (const c of once) await sender.send(c);
    await flush();
    for (const c of once) await sender.send(c);
    expect(inner.calls).toHaveLength(2 * once.length);
  });

  it('skips the store while it is unavailable (no wait, a miss) and when it throws', async () => {
    const { sender, inner, store } = setup();
    store.isAvailable = () => false;
    await sender.send(products());
    await flush();
    await sender.send(products());
    expect(inner.calls).toHaveLength(2);
    store.isAvailable = () => true;
    store.getMany = async () => {
      throw new Error('boom');
    };
    expect((await sender.send(products())).ok).toBe(true);
  });

  it('purges one cooperative\'s entries only', async () => {
    const { sender, inner, store } = setup();
    await sender.send(products());
    await sender.send(products({ cooperativeId: 'coop-b' }));
    await flush();
    expect(await purgeCooperative(store, 'coop-a')).toBe(1);
    await sender.send(products());
    await sender.send(products({ cooperativeId: 'coop-b' }));
    expect(inner.calls.map((c) => c.cooperativeId)).toEqual(['coop-a', 'coop-b', 'coop-a']);
  });
});

describe('CachingSender: _entities members', () => {
  const rep = (id: string, typename = 'Product') => ({ __typename: typename, id });
  const entities = (reps: unknown[]) =>
    call({ role: 'erp', query: 'query($__sb_representations: [_Any!]!) { _entities(representations: $__sb_representations) { ... on Product { inventory { onHand } } } }', variables: { __sb_representations: reps }, cache: { field: '_entities', responseKey: '_entities', batchVariable: '__sb_representations' } });
  const answerFor = (c: CooperativeCall): SendResult => ({
    ok: true,
    data: { _entities: (c.variables.__sb_representations as Array<{ id: string }>).map((r) => ({ inventory: { onHand: r.id.length, of: r.id } })) },
  });

  it('asks only for the members not cached, and puts every answer back in place', async () => {
    const { sender, inner } = setup(answerFor);
    await sender.send(entities([rep('a:1'), rep('a:2')]));
    await flush();
    const mixed = await sender.send(entities([rep('a:3'), rep('a:1'), rep('a:4'), rep('a:2')]));
    expect(inner.calls[1].variables.__sb_representations).toEqual([rep('a:3'), rep('a:4')]);
    expect(mixed).toEqual({ ok: true, data: { _entities: ['a:3', 'a:1', 'a:4', 'a:2'].map((id) => ({ inventory: { onHand: 3, of: id } })) } });
    await flush();
    await sender.send(entities([rep('a:4'), rep('a:3'), rep('a:2'), rep('a:1')]));
    expect(inner.calls).toHaveLength(2); // all warm: no call
  });

  it('moves error paths to the members\' places and does not cache members with errors', async () => {
    const { sender, inner } = setup((c) => {
      const reps = c.variables.__sb_representations as Array<{ id: string }>;
      return { ok: true, data: { _entities: reps.map((r) => (r.id === 'a:bad' ? null : { inventory: { of: r.id } })) }, errors: reps.flatMap((r, j) => (r.id === 'a:bad' ? [{ message: 'no', path: ['_entities', j, 'inventory'] }] : [])) };
    });
    await sender.send(entities([rep('a:1')]));
    await flush();
    const res = await sender.send(entities([rep('a:1'), rep('a:bad'), rep('a:2')]));
    expect(res.ok && res.errors).toEqual([{ message: 'no', path: ['_entities', 1, 'inventory'] }]);
    await flush();
    await sender.send(entities([rep('a:1'), rep('a:bad'), rep('a:2')]));
    expect(inner.calls[2].variables.__sb_representations).toEqual([rep('a:bad')]);
  });

  it('serves the cached members when the cooperative fails, naming it once for the rest', async () => {
    const { sender, inner } = setup(answerFor);
    await sender.send(entities([rep('a:1')]));
    await flush();
    inner.answer(() => REFUSED);
    const res = await sender.send(entities([rep('a:2'), rep('a:1')]));
    expect(res).toEqual({
      ok: true,
      data: { _entities: [null, { inventory: { onHand: 3, of: 'a:1' } }] },
      errors: [{ message: 'Cooperative coop-a is unavailable: connection refused', path: ['_entities', 0], extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: 'connection refused' } }],
    });
    // Nothing cached: the failure as it was.
    expect(await sender.send(entities([rep('a:9')]))).toEqual(REFUSED);
  });

  it('never caches private members (orders)', async () => {
    const { sender, inner } = setup(answerFor);
    await sender.send(entities([rep('a:o1', 'Order')]));
    await flush();
    await sender.send(entities([rep('a:o1', 'Order')]));
    expect(inner.calls).toHaveLength(2);
  });
});
