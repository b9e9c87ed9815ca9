import fc from 'fast-check';
import { GraphQLError } from 'graphql';
import { CursorCodec, type CursorScope } from '../cursor';

const codec = new CursorCodec('test-secret');
const scope: CursorScope = { connection: 'products', order: 'NAME:ASC', filter: { text: '조명' }, cooperatives: ['klight', 'kled'] };

function codeOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error instanceof GraphQLError ? error.extensions.code : error;
  }
  return 'no error';
}

describe('Mercurius cooperative cursor', () => {
  it('decode(encode(k)) = k for every keyset', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), fc.constant(null)), fc.string({ unit: 'binary', minLength: 1 }), (key, id) => {
        expect(codec.decode(codec.encode(scope, { key, id }), scope, 'string')).toEqual({ key, id });
      }),
    );
    fc.assert(
      fc.property(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.integer()), fc.string({ minLength: 1 }), (key, id) => {
        const priced = { ...scope, order: 'PRICE:DESC' };
        expect(codec.decode(codec.encode(priced, { key, id }), priced, 'number')).toEqual({ key: Object.is(key, -0) ? 0 : key, id });
      }),
    );
  });

  it('refuses any single changed character', () => {
    const cursor = codec.encode(scope, { key: '가로등', id: 'P-10023' });
    for (let i = 0; i < cursor.length; i++) {
      for (const c of 'AZaz09-_.') {
        if (cursor[i] === c) continue;
        expect(codeOf(() => codec.decode(cursor.slice(0, i) + c + cursor.slice(i + 1), scope, 'string'))).toBe('BAD_USER_INPUT');
      }
    }
  });

  it('is bound to connection, order, filter and cooperatives (not to how they are written) and to the secret', () => {
    const cursor = codec.encode(scope, { key: '가로등', id: 'P-1' });
    const same = { ...scope, filter: { text: '조명', gtin: null }, cooperatives: ['kled', 'klight', 'kled'] };
    expect(codec.decode(cursor, same, 'string')).toEqual({ key: '가로등', id: 'P-1' });
    for (const other of [
      { ...scope, connection: 'suppliers' },
      { ...scope, order: 'NAME:DESC' },
      { ...scope, filter: { text: '조' } },
      { ...scope, cooperatives: null },
    ]) {
      expect(codeOf(() => codec.decode(cursor, other, 'string'))).toBe('BAD_USER_INPUT');
    }
    expect(codeOf(() => new CursorCodec('another').decode(cursor, scope, 'string'))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => codec.decode(cursor, scope, 'number'))).toBe('BAD_USER_INPUT');
  });
});
