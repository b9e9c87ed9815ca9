import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { deflateRawSync } from 'node:zlib';
import { checksum64, crc16, CURSOR_VERSION, cursorEncoder, decodeCursor, encodeCursor, filterHash, type CursorBinding } from '../cursor';
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

/** A version 3 cursor of `binding` over a keyset's JSON text, with its right check (for malformed keysets). */
function v3(b: CursorBinding, json: string): string {
  const bytes = Buffer.from(json, 'utf8');
  return checksum64(`${CURSOR_VERSION}\u0000${b.order}\u0000${b.filterHash}\u0000`) + crcText(bytes) + bytes.toString('base64url');
}

/** A CRC-16 as the cursor writes it: 3 base64url characters, high bits first. */
function crcText(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const crc = crc16(bytes);
  return alphabet[crc >>> 12] + alphabet[(crc >>> 6) & 63] + alphabet[crc & 63];
}

/** A copy of `bytes` with a burst of at most 16 bits XORed in (the 16 bits of `burst`, from bit `at` modulo the length on). */
function xorBurst(bytes: Uint8Array, at: number, burst: number): Buffer {
  const bit = at % (bytes.length * 8);
  const word = (burst << (8 - (bit % 8))) >>> 0;
  const byte = Math.floor(bit / 8);
  const edited = Buffer.from(bytes);
  for (let k = 0; k < 3 && byte + k < edited.length; k++) edited[byte + k] ^= (word >>> (16 - 8 * k)) & 0xff;
  return edited;
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

  it('any edited byte run of up to 16 bits in the keyset is refused (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary', minLength: 1 }), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (key, id, at, flip) => {
        const cursor = encodeCursor({ key, id }, binding);
        const bytes = Buffer.from(cursor.slice(14), 'base64url');
        const edited = xorBurst(bytes, at, flip);
        if (edited.equals(bytes)) return;
        const tampered = cursor.slice(0, 14) + edited.toString('base64url');
        expect(codeOf(() => decodeCursor(tampered, binding, 'string'))).toBe('BAD_USER_INPUT');
      }),
      { numRuns: 3000 },
    );
  });

  it('an edited payload with a valid encoding is refused (check)', () => {
    const cursor = encodeCursor({ key: '책상', id: 'P-1' }, binding);
    const [key] = JSON.parse(Buffer.from(cursor.slice(14), 'base64url').toString('utf8'));
    const edited = cursor.slice(0, 14) + Buffer.from(JSON.stringify([key, 'P-2'])).toString('base64url');
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
    ['this binding\'s tag and no keyset', encodeCursor({ key: 'a', id: 'b' }, binding).slice(0, 14)],
    ['this binding\'s tag and a keyset of three, checked', v3(binding, '["a","b","c"]')],
    ['this binding\'s tag and an empty id, checked', v3(binding, '["a",""]')],
    ['this binding\'s tag and a keyset that is not JSON, checked', v3(binding, '["a","b"')],
    ['too long', 'A'.repeat(5000)],
  ])('garbage (%s) is refused', (_name, cursor) => {
    expect(codeOf(() => decodeCursor(cursor, binding, 'string'))).toBe('BAD_USER_INPUT');
  });

  it('says so when a cursor was made for another order or filter', () => {
    const messageOf = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as Error).message;
      }
      return 'no error';
    };
    for (const keyset of [{ key: '책상', id: 'P-1' }, { key: 'Chair 214', id: 'P-001973' }, { key: '의자 𠀀', id: 'P-000020' }]) {
      const cursor = encodeCursor(keyset, binding);
      expect(messageOf(() => decodeCursor(cursor, { ...binding, order: 'products:NAME:DESC' }, 'string'))).toMatch(/made for another order or filter than products:NAME:DESC/);
      expect(messageOf(() => decodeCursor(cursor, { ...binding, filterHash: filterHash(null) }, 'string'))).toMatch(/made for another order or filter/);
    }
    expect(messageOf(() => decodeCursor('garbage', binding, 'string'))).toMatch(/not a cursor of this connection/);
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

  it('crc16 is CRC-16/CCITT-FALSE, and changes with every burst of up to 16 bits (property)', () => {
    expect(crc16(Buffer.from('123456789'))).toBe(0x29b1);
    expect(crc16(Buffer.alloc(0))).toBe(0xffff);
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat(), fc.integer({ min: 1, max: 0xffff }), (bytes, at, burst) => {
        const edited = xorBurst(bytes, at, burst);
        if (!edited.equals(Buffer.from(bytes))) expect(crc16(edited)).not.toBe(crc16(bytes));
      }),
      { numRuns: 5000 },
    );
  });

  it("a page's encoder writes the binding's tag, the keyset's CRC and the keyset (property)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null)), fc.string({ unit: 'binary', minLength: 1 }), (order, hash, key, id) => {
        const b: CursorBinding = { order, filterHash: hash };
        const json = JSON.stringify([key, id]);
        const cursor = cursorEncoder(b)({ key, id });
        expect(cursor).toBe(encodeCursor({ key, id }, b));
        expect(cursor.slice(0, 11)).toBe(checksum64(`${CURSOR_VERSION}\u0000${order}\u0000${hash}\u0000`));
        expect(cursor.slice(11, 14)).toBe(crcText(Buffer.from(json, 'utf8')));
        expect(Buffer.from(cursor.slice(14), 'base64url').toString('utf8')).toBe(json);
      }),
      { numRuns: 2000 },
    );
  });

  it('long keysets (past the encoder\'s reused buffer) and short ones after them encode the same way (property)', () => {
    const encode = cursorEncoder(binding);
    // Around the reused buffer's 1,024 bytes: 3 bytes per UTF-16 unit at most, so keysets from ~340 units take the other path.
    const longText = fc.string({ unit: fc.oneof(fc.constant('가'), fc.constant('A'), fc.constant('😀'), fc.constant('\u0000')), minLength: 150, maxLength: 600 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(longText, fc.string({ unit: 'binary' })), fc.string({ unit: 'binary', minLength: 1, maxLength: 600 })), { minLength: 1, maxLength: 6 }), (keysets) => {
        for (const [key, id] of keysets) {
          const bytes = Buffer.from(JSON.stringify([key, id]), 'utf8');
          const cursor = encode({ key, id });
          expect(cursor.slice(11, 14)).toBe(crcText(bytes));
          expect(cursor.slice(14)).toBe(bytes.toString('base64url'));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('version 2 cursors (clients hold them inside composite cursors) still decode, and still refuse edits', () => {
    // Made by version 2's encoder: an 11-character checksum of binding and keyset, then the keyset.
    const made: Array<[string, CursorBinding, { key: string | number; id: string }]> = [
      ['p3gephN_IFDWyJDaGFpciAyMTQiLCJQLTAwMTk3MyJd', { order: 'products:NAME:ASC', filterHash: filterHash(null) }, { key: 'Chair 214', id: 'P-001973' }],
      ['cvthltMT6ZEWyLsnZjsnpAg8KCAgCIsIlAtMSJd', { order: 'products:NAME:ASC', filterHash: filterHash({ text: '의자' }) }, { key: '의자 𠀀', id: 'P-1' }],
      ['SWMOJ56QkiCWzQxMzAwLCJQLTAwMDAyMSJd', { order: 'products:PRICE:DESC', filterHash: filterHash({}) }, { key: 41300, id: 'P-000021' }],
    ];
    for (const [cursor, b, keyset] of made) {
      const kind = typeof keyset.key === 'number' ? 'number' : 'string';
      expect(decodeCursor(cursor, b, kind)).toEqual(keyset);
      expect(cursor.slice(0, 11)).toBe(checksum64(`2\u0000${b.order}\u0000${b.filterHash}\u0000${JSON.stringify([keyset.key, keyset.id])}`));
      expect(codeOf(() => decodeCursor(cursor, { ...b, order: `${b.order}x` }, kind))).toBe('BAD_USER_INPUT');
      const edited = cursor.slice(0, 11) + Buffer.from(JSON.stringify([keyset.key, `${keyset.id}0`])).toString('base64url');
      expect(codeOf(() => decodeCursor(edited, b, kind))).toBe('BAD_USER_INPUT');
      // Now made as version 3, one checked keyset behind the binding's tag.
      expect(cursorEncoder(b)(keyset)).not.toBe(cursor);
    }
  });

  it("a page's cursors deflate to their keysets and little more: the tag repeats, only the check does not", () => {
    // What a composite cursor carries: one cursor per cooperative, deflated together.
    const keysets = Array.from({ length: 120 }, (_, i) => ({ key: `의자 ${(i * 7919) % 1000}`, id: `P-${String((i * 104_729) % 2000).padStart(6, '0')}` }));
    const deflated = (cursors: string[]) => deflateRawSync(Buffer.from(JSON.stringify(cursors))).length;
    const bare = deflated(keysets.map((k) => Buffer.from(JSON.stringify([k.key, k.id])).toString('base64url')));
    const withTags = deflated(keysets.map(cursorEncoder(binding)));
    // The 16-bit checks: at most ~4 bytes each with what they cost the matches around them.
    expect(withTags - bare).toBeLessThan(keysets.length * 4.5);
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
