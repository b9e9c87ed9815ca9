import fc from 'fast-check';
import { compareCodePoints, compareInstants, compareNfcRows, compareRows } from '../order';

describe('the one order', () => {
  it('compares by code point, not UTF-16 unit (astral after U+FFxx)', () => {
    expect('𠀋' < 'Ｆ').toBe(true); // JavaScript's own order is wrong here…
    expect(compareCodePoints('𠀋', 'Ｆ')).toBe(1); // …code points put U+2000B after U+FF26
    expect(compareCodePoints('가', '나')).toBe(-1);
    expect(compareCodePoints('Z', 'a')).toBe(-1);
  });

  it('agrees with byte order of UTF-8 (what binary SQL collations use) (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        const bytes = Math.sign(Buffer.compare(Buffer.from(a.normalize('NFC')), Buffer.from(b.normalize('NFC'))));
        expect(compareCodePoints(a, b)).toBe(bytes);
      }),
    );
  });

  it('compareNfcRows equals compareRows on rows already in NFC (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 6 }).map((t) => t.normalize('NFC'));
    const row = fc.record({ key: fc.oneof(text, fc.integer(), fc.constant(null)), id: text });
    fc.assert(
      fc.property(row, row, fc.constantFrom('ASC' as const, 'DESC' as const), (a, b, direction) => {
        if (typeof a.key !== typeof b.key && a.key !== null && b.key !== null) return;
        expect(compareNfcRows(a, b, direction)).toBe(compareRows(a, b, direction));
      }),
      { numRuns: 2000 },
    );
  });

  it('compares NFC forms: composed and decomposed Hangul are equal', () => {
    expect(compareCodePoints('\u1100\u1161', '가')).toBe(0);
  });

  it('equal instants with different offsets are equal', () => {
    expect(compareInstants('2026-03-01T09:00:00+09:00', '2026-03-01T00:00:00Z')).toBe(0);
  });

  it('breaks ties by id ascending in both directions', () => {
    const a = { key: 1, id: 'x:1' };
    const b = { key: 1, id: 'x:2' };
    expect(compareRows(a, b, 'ASC')).toBe(-1);
    expect(compareRows(a, b, 'DESC')).toBe(-1);
    expect(compareRows({ key: 2, id: 'x:9' }, a, 'DESC')).toBe(-1);
  });
});
