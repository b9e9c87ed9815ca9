import fc from 'fast-check';
import { compareRows, type SortValue } from '../../../core/order';
import { pageRows } from '../memory';
import type { Keyset } from '../port';

type Row = { localId: string; key: SortValue };

/** Text where NFC matters: precomposed and decomposed Hangul and accents, astral characters, plain ASCII. */
const tricky = fc
  .array(fc.constantFrom('가', '\u1100\u1161', 'é', 'e\u0301', '𠀀', '\uffff', 'a', 'B', ' ', '1'), { maxLength: 4 })
  .map((parts) => parts.join(''));

/** The one order's oracle: every row, sorted by the normalizing comparator, strictly after `after`. */
function oracle(rows: Row[], after: Keyset | null, direction: 'ASC' | 'DESC', first: number): string[] {
  const keyed = rows.map((r) => ({ key: r.key, id: r.localId }));
  const sorted = keyed.sort((a, b) => compareRows(a, b, direction));
  const rest = after ? sorted.filter((r) => compareRows(r, after, direction) > 0) : sorted;
  return rest.slice(0, first).map((r) => r.id);
}

describe('in-memory paging (sorted index, keyset seek)', () => {
  it('equals sorting every row with the normalizing comparator and skipping to the keyset, for keys and ids in any normal form (property)', () => {
    const row = fc.record({ localId: tricky.filter((s) => s.length > 0), key: fc.oneof(tricky, fc.constant(null)) });
    const rowsArb = fc.uniqueArray(row, { selector: (r) => r.localId.normalize('NFC'), maxLength: 30 });
    fc.assert(
      fc.property(
        rowsArb,
        fc.constantFrom('ASC' as const, 'DESC' as const),
        fc.nat({ max: 8 }),
        fc.option(fc.record({ key: fc.oneof(tricky, fc.constant(null)), id: tricky })),
        fc.nat(),
        (rows, direction, first, free, pick) => {
          // The keyset is a row's own (in the other normal form, as a client may send it) or any position at all.
          const from = rows.length && pick % 2 ? rows[pick % rows.length] : undefined;
          const after: Keyset | null = from ? { key: typeof from.key === 'string' ? from.key.normalize('NFD') : from.key, id: from.localId.normalize('NFD') } : free;
          const page = pageRows(rows, { filter: null, order: { field: 'KEY', direction }, first, after }, () => true, (r: Row) => r.key);
          expect(page.rows.map((r) => r.localId)).toEqual(oracle(rows, after, direction, first));
          expect(page.totalCount).toBe(rows.length);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
