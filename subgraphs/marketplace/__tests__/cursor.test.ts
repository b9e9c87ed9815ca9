import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { checksum64, CURSOR_VERSION, cursorEncoder, decodeCursor, encodeCursor, filterHash, type CursorBinding } from '../cursor';
import { codes, harness, ok } from './harness';

const binding: CursorBinding = { order: 'products:NAME:ASC', filterHash: filterHash({ text: '의자' }) };

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return 'no error';
}

describe('cursor', () => {
  it('decode(encode(k)) = k for every keyset', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constant(null)), fc.string({ unit: 'binary', minLength: 1 }), (key, id) => {
        expect(decodeCursor(encodeCursor({ key, id }, binding), binding, 'string')).toEqual({ key, id });
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), fc.string({ minLength: 1 }), (key, id) => {
        const b = { order: 'products:PRICE:DESC', filterHash: filterHash(null) };
        expect(decodeCursor(encodeCursor({ key, id }, b), b, 'number')).toEqual({ key: Object.is(key, -0) ? 0 : key, id });
      }),
    );
  });

  it('is short base64url text', () => {
    expect(encodeCursor({ key: '의자 𠀀', id: 'P-1' }, binding)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(encodeCursor({ key: 'Chair 214', id: 'P-001973' }, binding).length).toBeLessThanOrEqual(48);
  });

  it('any single changed character is refused', () => {
    const cursor = encodeCursor({ key: '책상', id: 'P-10023' }, binding);
    const alphabet = 'AZaz09-_';
    for (let i = 0; i < cursor.length; i++) {
      for (const c of alphabet) {
        if (cursor[i] === c) continue;
        const tampered = cursor.slice(0, i) + c + cursor.slice(i + 1);
        expect([i, c, codeOf(() => decodeCursor(tampered, binding, 'string'))]).toEqual([i, c, 'BAD_USER_INPUT']);
      }
    }
  });

  it('an edited payload with a valid encoding is refused (checksum)', () => {
    const cursor = encodeCursor({ key: '책상', id: 'P-1' }, binding);
    const [key] = JSON.parse(Buffer.from(cursor.slice(11), 'base64url').toString('utf8'));
    const edited = cursor.slice(0, 11) + Buffer.from(JSON.stringify([key, 'P-2'])).toString('base64url');
    expect(decodeCursor(cursor, binding, 'string')).toEqual({ key: '책상', id: 'P-1' });
    expect(codeOf(() => decodeCursor(edited, binding, 'string'))).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['empty', ''],
    ['not base64url', 'abc+/='],
    ['not JSON', Buffer.from('hello').toString('base64url')],
    ['JSON array', Buffer.from('[1,2]').toString('base64url')],
    ['a version 1 cursor', Buffer.from(JSON.stringify({ v: 1, o: binding.order, f: binding.filterHash, k: 'a', i: 'b', s: 'xxxxxxxx' })).toString('base64url')],
    ['tag and no keyset', 'AAAAAAAAAAA'],
    ['tag and a keyset of three', 'AAAAAAAAAAA' + Buffer.from('["a","b","c"]').toString('base64url')],
    ['too long', 'A'.repeat(5000)],
  ])('garbage (%s) is refused', (_name, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, binding, 'string'))).toBe('BAD_USER_INPUT');
  });

  it('is bound to its order and filter', () => {
    const cursor = encodeCursor({ key: '책상', id: 'P-1' }, binding);
    expect(codeOf(() => decodeCursor(cursor, { ...binding, order: 'products:NAME:DESC' }, 'string'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => decodeCursor(cursor, { ...binding, filterHash: filterHash({ text: '책상' }) }, 'string'))).toBe('BAD_USER_INPUT');
  });

  it('refuses a key of the wrong kind for the order', () => {
    const b = { order: 'products:PRICE:ASC', filterHash: filterHash(null) };
    const cursor = encodeCursor({ key: 'x', id: 'P-1' }, b);
    expect(codeOf(() => decodeCursor(cursor, b, 'number'))).toBe('BAD_USER_INPUT');
  });

  it('checksum64 is 11 base64url characters, and one changed character changes it (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', minLength: 1 }), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (text, at, delta) => {
        const i = at % text.length;
        const edited = text.slice(0, i) + String.fromCharCode((text.charCodeAt(i) + delta) % 0x10000) + text.slice(i + 1);
        expect(checksum64(text)).toMatch(/^[A-Za-z0-9_-]{11}$/);
        expect(checksum64(text)).toBe(checksum64(text));
        if (edited !== text) expect(checksum64(edited)).not.toBe(checksum64(text));
      }),
      { numRuns: 2000 },
    );
    // Spread: 10,000 near-identical keysets give 10,000 different tags.
    expect(new Set(Array.from({ length: 10_000 }, (_, i) => checksum64(`["Chair ${i}","P-${i}"]`))).size).toBe(10_000);
  });

  it("a page's encoder tags each keyset as checksum64 of the whole bound text (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)), fc.string({ unit: 'binary', minLength: 1 }), (order, hash, key, id) => {
        const b: CursorBinding = { order, filterHash: hash };
        const json = JSON.stringify([key, id]);
        const cursor = cursorEncoder(b)({ key, id });
        expect(cursor).toBe(encodeCursor({ key, id }, b));
        expect(cursor.slice(0, 11)).toBe(checksum64(`${CURSOR_VERSION}\u0000${order}\u0000${hash}\u0000${json}`));
        expect(Buffer.from(cursor.slice(11), 'base64url').toString('utf8')).toBe(json);
      }),
      { numRuns: 2000 },
    );
  });

  it('cursors made before the per-page encoder still decode, and are made the same', () => {
    // Made by the encoder before it hashed each binding once (cursors clients may hold).
    const made: Array<[string, CursorBinding, { key: string | number; id: string }]> = [
      ['p3gephN_IFDWyJDaGFpciAyMTQiLCJQLTAwMTk3MyJd', { order: 'products:NAME:ASC', filterHash: filterHash(null) }, { key: 'Chair 214', id: 'P-001973' }],
      ['cvthltMT6ZEWyLsnZjsnpAg8KCAgCIsIlAtMSJd', { order: 'products:NAME:ASC', filterHash: filterHash({ text: '의자' }) }, { key: '의자 𠀀', id: 'P-1' }],
      ['SWMOJ56QkiCWzQxMzAwLCJQLTAwMDAyMSJd', { order: 'products:PRICE:DESC', filterHash: filterHash({}) }, { key: 41300, id: 'P-000021' }],
    ];
    for (const [cursor, b, keyset] of made) {
      expect(decodeCursor(cursor, b, typeof keyset.key === 'number' ? 'number' : 'string')).toEqual(keyset);
      expect(cursorEncoder(b)(keyset)).toBe(cursor);
    }
  });

  it('filterHash ignores member order and null members', () => {
    expect(filterHash({ text: 'a', minPrice: 1 })).toBe(filterHash({ minPrice: 1, text: 'a', gtin: null }));
    expect(filterHash(null)).toBe(filterHash({}));
    expect(filterHash(undefined)).toBe(filterHash({ text: null }));
    expect(filterHash({ text: 'a' })).not.toBe(filterHash({ text: 'b' }));
  });
});

describe('cursors through the schema', () => {
  const h = harness();
  const Q = `query($after: String, $orderBy: ProductOrder, $filter: ProductFilter) {
    products(first: 2, after: $after, orderBy: $orderBy, filter: $filter) { nodes { id } pageInfo { endCursor } } }`;

  it('a cursor used with another order or filter, tampered or garbage → BAD_USER_INPUT', async () => {
    const cursor = ok(await h.run(Q, { orderBy: { field: 'PRICE', direction: 'ASC' } })).products.pageInfo.endCursor as string;
    expect(ok(await h.run(Q, { after: cursor, orderBy: { field: 'PRICE', direction: 'ASC' } })).products.nodes).toHaveLength(2);
    expect(codes(await h.run(Q, { after: cursor, orderBy: { field: 'PRICE', direction: 'DESC' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(Q, { after: cursor, orderBy: { field: 'NAME', direction: 'ASC' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(Q, { after: cursor, orderBy: { field: 'PRICE', direction: 'ASC' }, filter: { text: 'a' } }))).toEqual(['BAD_USER_INPUT']);
    const flipped = cursor.slice(0, 10) + (cursor[10] === 'A' ? 'B' : 'A') + cursor.slice(11);
    expect(codes(await h.run(Q, { after: flipped, orderBy: { field: 'PRICE', direction: 'ASC' } }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(Q, { after: 'garbage!' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('a filter written with nulls or in another member order keeps the cursor valid', async () => {
    const cursor = ok(await h.run(Q, { filter: { minPrice: 1, text: '' } })).products.pageInfo.endCursor as string;
    expect(ok(await h.run(Q, { after: cursor, filter: { text: '', minPrice: 1, gtin: null } })).products.nodes).toHaveLength(2);
  });
});
