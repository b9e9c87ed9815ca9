import { createHmac } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import fc from 'fast-check';
import { bindingOf, CursorCodec, PrefixHmac, type Positions, type Step } from '../cursor';

const codec = new CursorCodec('test-secret');

/** The cursor format spelled out: version, payload, and the first 16 bytes of the payload's HMAC-SHA256 under the codec's secret. */
function signed(payload: string, version = 'v3'): string {
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

  it("a page's edge cursors decode to the page's start positions with the edges' steps so far on top (property)", () => {
    const ids = fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/);
    // Positions are cooperatives' own opaque cursors: any text, Korean and quotes included.
    const cursorText = fc.oneof(fc.string(), fc.constantFrom('책상 "1"', '\\', '}}', ']'));
    const steps = fc.array(fc.tuple(fc.oneof(ids, fc.constant('__proto__')), cursorText), { maxLength: 25 });
    fc.assert(
      fc.property(fc.dictionary(ids, cursorText), steps, fc.boolean(), fc.string(), (start, page, early, binding) => {
        const cursors = codec.pageCursors(binding, start);
        if (early) cursors.prepare();
        const after = cursors.edges(page);
        // The oracle: replay the steps one by one over a plain map.
        const expected = new Map(Object.entries(start));
        expect(Object.fromEntries(Object.entries(codec.decode(after(0), binding).positions))).toEqual(Object.fromEntries(expected));
        page.forEach(([id, cursor], k) => {
          expected.set(id, cursor);
          const positions = codec.decode(after(k + 1), binding).positions;
          expect(new Map(Object.entries(positions))).toEqual(expected);
          expect(Object.getPrototypeOf(positions)).toBe(Object.prototype);
        });
      }),
    );
  });

  it('refuses an edge count outside the page', () => {
    const after = codec.pageCursors('b', {}).edges([['coop1', 'c1']]);
    for (const count of [-1, 2, 0.5, NaN]) expect(() => after(count)).toThrow(RangeError);
  });

  it("a page's cursors are the bytes of the plain format: start and steps deflated, the count stored, HMAC over the whole payload (property, short and long heads)", () => {
    // The format spelled out, each edge on its own (what a page's cursors must equal, byte for byte).
    const plain = (binding: string, start: Positions, steps: readonly Step[], count: number): string => {
      const segment = { level: 6, finishFlush: zlibConstants.Z_SYNC_FLUSH };
      const head = deflateRawSync(Buffer.from(`{"b":${JSON.stringify(binding)},"p":${JSON.stringify(start)},"s":[`), segment);
      const middle = deflateRawSync(Buffer.from(`${steps.map((step) => JSON.stringify(step)).join(',')}],"n":`), segment);
      const text = `${count}}`;
      // RFC 1951 §3.2.4: a final stored block (BFINAL=1, BTYPE=00), LEN and NLEN little-endian, the bytes.
      const tail = Buffer.from([0x01, text.length, 0x00, ~text.length & 0xff, 0xff, ...Buffer.from(text)]);
      return signed(Buffer.concat([head, middle, tail]).toString('base64url'));
    };
    const ids = fc.stringMatching(/^coop[0-9]{1,4}$/);
    // Up to ~300 positions of cursor-like text: heads from a few bytes to several KB, on both sides of the prefix-hashing threshold.
    const positions = fc.dictionary(ids, fc.oneof(fc.base64String({ minLength: 20, maxLength: 60 }), fc.string()), { maxKeys: 300, size: 'max' });
    let long = 0;
    fc.assert(
      fc.property(positions, fc.array(fc.tuple(ids, fc.string()), { maxLength: 20 }), fc.string(), (start, steps, binding) => {
        const after = codec.pageCursors(binding, start).edges(steps);
        for (let count = 0; count <= steps.length; count++) expect(after(count)).toBe(plain(binding, start, steps, count));
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

  it("compresses the shared part once: a page of 200 cooperatives' cursors stays a few KB each", () => {
    const shared = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`coop${i}`, Buffer.from(JSON.stringify(['책상 1', `P-${i}`])).toString('base64url')]));
    const text = codec.pageCursors('b', shared).edges([['other', 'x'], ['coop7', 'moved'], ['coop8', 'later']])(2);
    expect(text.length).toBeLessThan(4000);
    expect(Object.keys(codec.decode(text, 'b').positions)).toHaveLength(201);
    expect(codec.decode(text, 'b').positions.coop7).toBe('moved');
    expect(codec.decode(text, 'b').positions.coop8).toBe(shared.coop8);
  });

  it('decodes the version 1 cursors clients hold (positions only in "p")', () => {
    const payload = deflateRawSync(Buffer.from(JSON.stringify({ b: 'b', p: { coop1: 'c1', coop2: 'c2' } }))).toString('base64url');
    expect(codec.decode(signed(payload, 'v1'), 'b')).toEqual({ binding: 'b', positions: { coop1: 'c1', coop2: 'c2' } });
  });

  it('decodes the version 2 cursors clients hold ("m" on top of "p")', () => {
    const payload = deflateRawSync(Buffer.from(JSON.stringify({ b: 'b', p: { coop1: 'c1', coop2: 'c2' }, m: { coop2: 'm2', coop3: 'm3' } }))).toString('base64url');
    expect(codec.decode(signed(payload, 'v2'), 'b')).toEqual({ binding: 'b', positions: { coop1: 'c1', coop2: 'm2', coop3: 'm3' } });
  });

  it("refuses a signed payload that is not exactly its version's shape", () => {
    const payloads: Array<[version: string, payload: object]> = [
      // Version 3: steps and a count within them, nothing of version 2.
      ...[undefined, {}, 'x', [['coop1']], [['coop1', 1]], [[1, 'c']]].map((s): [string, object] => ['v3', { b: 'b', p: {}, s, n: 0 }]),
      ...[undefined, -1, 2, 0.5, '1'].map((n): [string, object] => ['v3', { b: 'b', p: {}, s: [['coop1', 'c1']], n }]),
      ['v3', { b: 'b', p: {}, s: [], n: 0, m: {} }],
      ['v3', { b: 'b', p: [], s: [], n: 0 }],
      // Version 2: moved positions, no steps.
      ...[undefined, [], 'x', { coop1: 1 }, null].map((m): [string, object] => ['v2', { b: 'b', p: {}, m }]),
      ['v2', { b: 'b', p: {}, m: {}, s: [], n: 0 }],
      // Version 1: start positions alone.
      ['v1', { b: 'b', p: {}, m: {} }],
      ['v1', { b: 'b', p: {}, s: [], n: 0 }],
    ];
    for (const [version, payload] of payloads) {
      const text = signed(deflateRawSync(Buffer.from(JSON.stringify(payload))).toString('base64url'), version);
      expect(() => codec.decode(text, 'b')).toThrow(/bad positions/);
    }
    // The signature does not cover the label: a version 3 payload relabelled version 1 or 2 would lose its steps.
    const text = codec.pageCursors('b', { coop1: 'start' }).edges([['coop1', 'moved']])(1);
    expect(codec.decode(text, 'b').positions).toEqual({ coop1: 'moved' });
    for (const older of ['v1.', 'v2.']) expect(() => codec.decode(text.replace(/^v3\./, older), 'b')).toThrow(/bad positions/);
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
    for (const bad of [`${v}.${forged}.${sig}`, `${v}.${payload}`, foreign, 'garbage', '', `v4.${payload}.${sig}`, `v0.${payload}.${sig}`]) {
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
