/**
 * The one order every system agrees on (DESIGN.md §3 "Exact semantics").
 * Names and ids compare by Unicode code point of their NFC form; JavaScript's `<`
 * compares UTF-16 code units, which puts astral characters before U+E000–U+FFFF,
 * so we compare code points explicitly.
 */
export function compareCodePoints(a: string, b: string): number {
  return a === b ? 0 : compareNfcCodePoints(a.normalize('NFC'), b.normalize('NFC'));
}

/**
 * `compareCodePoints` for strings already in NFC (no normalizing: callers
 * that compare one value many times, like the merge, normalize it once).
 * UTF-16 code units order code points, except that a surrogate (an astral
 * code point, above U+FFFF) must sort after every other BMP unit.
 */
export function compareNfcCodePoints(x: string, y: string): number {
  if (x === y) return 0;
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const cx = x.charCodeAt(i);
    const cy = y.charCodeAt(i);
    if (cx === cy) continue;
    const surrogateX = cx >= 0xd800 && cx <= 0xdfff;
    const surrogateY = cy >= 0xd800 && cy <= 0xdfff;
    if (surrogateX === surrogateY) return cx < cy ? -1 : 1;
    return surrogateX ? 1 : -1;
  }
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

export function compareNumbers(a: number, b: number): number {
  return a === b ? 0 : a < b ? -1 : 1;
}

/** Instants: equal instants written with different offsets are equal. */
export function compareInstants(a: string, b: string): number {
  return compareNumbers(Date.parse(a), Date.parse(b));
}

export type SortDirection = 'ASC' | 'DESC';

/** Sort values the merge understands: strings (code point), numbers, instants (as ms). */
export type SortValue = string | number | null;

type RowComparator = (a: { key: SortValue; id: string }, b: { key: SortValue; id: string }, direction: SortDirection) => number;

/** Row order over a string comparison: by key in `direction` (null last), ties by id ascending whatever the direction. */
function rowComparator(compareStrings: (a: string, b: string) => number): { values: (a: SortValue, b: SortValue) => number; rows: RowComparator } {
  const values = (a: SortValue, b: SortValue): number => {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
    return compareStrings(String(a), String(b));
  };
  const rows: RowComparator = (a, b, direction) => {
    const byKey = values(a.key, b.key);
    if (byKey !== 0) {
      const nullInvolved = a.key === null || b.key === null;
      return direction === 'DESC' && !nullInvolved ? -byKey : byKey;
    }
    return compareStrings(a.id, b.id);
  };
  return { values, rows };
}

const anyText = rowComparator(compareCodePoints);
const nfcText = rowComparator(compareNfcCodePoints);

/** Compares two sort values of the same kind; null sorts last in either direction. */
export const compareSortValues: (a: SortValue, b: SortValue) => number = anyText.values;

/** Row order: by key in `direction`, ties by id ascending whatever the direction. */
export const compareRows: RowComparator = anyText.rows;

/** `compareRows` for rows whose string keys and ids are already NFC (see `compareNfcCodePoints`). */
export const compareNfcRows: RowComparator = nfcText.rows;
