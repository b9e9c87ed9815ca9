import fc from 'fast-check';
import { assertCooperativeId, formatGlobalId, parseGlobalId, tryParseGlobalId } from '../ids';

describe('global ids', () => {
  it('splits at the first colon', () => {
    expect(parseGlobalId('kfurn:P-10023')).toEqual({ cooperativeId: 'kfurn', localId: 'P-10023' });
    expect(parseGlobalId('a-b:x:y:z')).toEqual({ cooperativeId: 'a-b', localId: 'x:y:z' });
  });

  it.each(['', 'nocolon', ':P-1', 'kfurn:', 'K:1', 'k:1', '1abc:x', 'a_b:x', `a${'b'.repeat(32)}:x`])('refuses %j with BAD_USER_INPUT naming it', (id) => {
    expect(tryParseGlobalId(id)).toBeNull();
    try {
      parseGlobalId(id);
      throw new Error('accepted');
    } catch (err) {
      const e = err as { message: string; extensions: Record<string, unknown> };
      expect(e.extensions.code).toBe('BAD_USER_INPUT');
      expect(e.message).toContain(JSON.stringify(id));
    }
  });

  it('parse(format(c, l)) = (c, l) for every valid cooperative id and local id (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{1,31}$/), fc.string({ minLength: 1 }), (c, l) => {
        expect(parseGlobalId(formatGlobalId(c, l))).toEqual({ cooperativeId: c, localId: l });
      }),
    );
  });

  it('validates cooperatives: entries', () => {
    expect(assertCooperativeId('sgfurn')).toBe('sgfurn');
    expect(() => assertCooperativeId('SGFURN')).toThrow(/Malformed cooperative id/);
  });
});
