import { createHmac } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { bindingOf, CursorCodec, PrefixHmac, type Positions } from '../cursor';

const codec = new CursorCodec('test-secret');

/** The cursor format spelled out: version, payload, and the first 16 bytes of the payload's HMAC-SHA256 under the codec's secret. */
function signed(payload: string, version = 'v2'): string {
  return `${version}.${payload}.${createHmac('sha256', 'test-secret').update(payload).digest().subarray(0, 16).toString('base64url')}`;
}

describe('composite cursor', () => {
  it('decode(encode(c)) = c (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/), fc.string()), fc.string(), (positions, binding) => {
        expect(codec.decode(codec.encode({ binding, positions }), binding)).toEqual({ binding, positions });
      }),
    );
  });

  it("a page's cursor decodes to the page's start positions with the ones it moved on top (property)", () => {
    const ids = fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/);
    // Positions are cooperatives' own opaque cursors: any text, Korean and quotes included.
    const positions = fc.dictionary(ids, fc.oneof(fc.string(), fc.constantFrom('책상 "1"', '\\', '}}')));
    fc.assert(
      fc.property(positions, fc.array(positions, { maxLength: 4 }), fc.string(), (start, moves, binding) => {
        const cursors = codec.pageCursors(binding, start);
        if (moves.length % 2) cursors.prepare();
        for (const moved of moves) expect(codec.decode(cursors.at(moved), binding)).toEqual({ binding, positions: { ...start, ...moved } });
      }),
    );
  });

  it("a page's cursors are the bytes of the plain format: deflated head and tail, HMAC over the whole payload (property, short and long heads)", () => {
    // The format spelled out, each edge on its own (what a page's cursors must equal, byte for byte).
    const plain = (binding: string, start: Positions, moved: Positions): string => {
      const head = deflateRawSync(Buffer.from(`{"b":${JSON.stringify(binding)},"p":${JSON.stringify(start)},"m":{`), { level: 6, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      const tail = deflateRawSync(Buffer.from(`${JSON.stringify(moved).slice(1, -1)}}}`), { level: 1 });
      const payload = Buffer.concat([head, tail]).toString('base64url');
      return signed(payload);
    };
    const ids = fc.stringMatching(/^coop[0-9]{1,4}$/);
    // Up to ~300 positions of cursor-like text: heads from a few bytes to several KB, on both sides of the prefix-hashing threshold.
    const positions = fc.dictionary(ids, fc.oneof(fc.base64String({ minLength: 20, maxLength: 60 }), fc.string()), { maxKeys: 300, size: 'max' });
    let long = 0;
    fc.assert(
      fc.property(positions, fc.array(fc.dictionary(ids, fc.string(), { maxKeys: 20 }), { maxLength: 5 }), fc.string(), (start, moves, binding) => {
        const cursors = codec.pageCursors(binding, start);
        for (const moved of moves) expect(cursors.at(moved)).toBe(plain(binding, start, moved));
        if (Object.keys(start).length > 100) long++;
      }),
      // Shrinking dictionaries of hundreds of entries takes minutes: report the first failure as found.
      { numRuns: 200, endOnFailure: true },
    );
    expect(long).toBeGreaterThan(20);
  });

  it('PrefixHmac gives the bytes of createHmac over prefix + rest, for keys shorter and longer than a block (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 3000 }), fc.array(fc.string({ unit: 'binary' }), { minLength: 1, maxLength: 4 }), (key, prefix, rests) => {
        const hmac = new PrefixHmac(Buffer.from(key), prefix);
        for (const rest of rests) expect(hmac.digest(rest).equals(createHmac('sha256', Buffer.from(key)).update(prefix + rest).digest())).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('compresses the shared part once: a page of 200 cooperatives\' cursors stays a few KB each', () => {
    const shared = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`coop${i}`, Buffer.from(JSON.stringify(['책상 1', `P-${i}`])).toString('base64url')]));
    const text = codec.pageCursors('b', shared).at({ other: 'x', coop7: 'moved' });
    expect(text.length).toBeLessThan(4000);
    expect(Object.keys(codec.decode(text, 'b').positions)).toHaveLength(201);
    expect(codec.decode(text, 'b').positions.coop7).toBe('moved');
  });

  it('decodes the version 1 cursors clients hold (positions only in "p")', () => {
    const payload = deflateRawSync(Buffer.from(JSON.stringify({ b: 'b', p: { coop1: 'c1', coop2: 'c2' } }))).toString('base64url');
    expect(codec.decode(signed(payload, 'v1'), 'b')).toEqual({ binding: 'b', positions: { coop1: 'c1', coop2: 'c2' } });
  });

  it('refuses a signed payload whose moved positions are missing, not positions, or under a version 1 label', () => {
    for (const m of [undefined, [], 'x', { coop1: 1 }, null]) {
      const payload = deflateRawSync(Buffer.from(JSON.stringify({ b: 'b', p: {}, m }))).toString('base64url');
      expect(() => codec.decode(signed(payload), 'b')).toThrow(/bad positions/);
    }
    // The signature does not cover the label: a version 2 payload relabelled version 1 would lose its moved positions.
    const text = codec.pageCursors('b', { coop1: 'start' }).at({ coop1: 'moved' });
    expect(codec.decode(text, 'b').positions).toEqual({ coop1: 'moved' });
    expect(() => codec.decode(text.replace(/^v2\./, 'v1.'), 'b')).toThrow(/bad positions/);
  });

  it('refuses a cursor for another binding', () => {
    const text = codec.encode({ binding: bindingOf('products', { filter: { text: 'a' } }), positions: { a: 'x' } });
    expect(() => codec.decode(text, bindingOf('products', { filter: { text: 'b' } }))).toThrow(/different filter/);
  });

  it('refuses tampered, truncated, foreign and garbage cursors with BAD_USER_INPUT', () => {
    const text = codec.encode({ binding: 'b', positions: { coop: 'c1' } });
    const [v, payload, sig] = text.split('.');
    const forged = Buffer.from(JSON.stringify({ b: 'b', p: { coop: 'c9' } })).toString('base64url');
    const foreign = new CursorCodec('other-secret').encode({ binding: 'b', positions: { coop: 'c1' } });
    for (const bad of [`${v}.${forged}.${sig}`, `${v}.${payload}`, foreign, 'garbage', '', `v3.${payload}.${sig}`, `v0.${payload}.${sig}`]) {
      try {
        codec.decode(bad, 'b');
        throw new Error('accepted');
      } catch (err) {
        expect((err as { extensions?: { code?: string } }).extensions?.code).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('binds to filter, order and the cooperatives set, not to first/after or list order', () => {
    const base = { filter: { text: 'x' }, orderBy: { field: 'PRICE', direction: 'ASC' } };
    expect(bindingOf('products', { ...base, first: 5, after: 'a' })).toBe(bindingOf('products', { ...base, first: 50 }));
    expect(bindingOf('products', { ...base, cooperatives: ['b', 'a'] })).toBe(bindingOf('products', { ...base, cooperatives: ['a', 'b', 'a'] }));
    expect(bindingOf('products', base)).not.toBe(bindingOf('products', { ...base, cooperatives: ['a'] }));
    expect(bindingOf('products', base)).not.toBe(bindingOf('suppliers', base));
    expect(bindingOf('products', base)).not.toBe(bindingOf('products', { ...base, orderBy: { field: 'PRICE', direction: 'DESC' } }));
  });
});
