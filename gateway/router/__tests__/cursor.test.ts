import fc from 'fast-check';
import { bindingOf, CursorCodec } from '../cursor';

const codec = new CursorCodec('test-secret');

describe('composite cursor', () => {
  it('decode(encode(c)) = c (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9-]{1,10}$/), fc.string()), fc.string(), (positions, binding) => {
        expect(codec.decode(codec.encode({ binding, positions }), binding)).toEqual({ binding, positions });
      }),
    );
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
    for (const bad of [`${v}.${forged}.${sig}`, `${v}.${payload}`, foreign, 'garbage', '', `v2.${payload}.${sig}`]) {
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
