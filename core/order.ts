/**
 * The one order every system agrees on (DESIGN.md §3 "Exact semantics").
 * Names and ids compare by Unicode code point of their NFC form; JavaScript's `<`
 * compares UTF-16 code units, which puts astral characters before U+E000–U+FFFF,
 * so we compare code points explicitly.
 */
export function compareCodePoints(a: string, b: string): number {
  const x = a.normalize('NFC');
  const y = b.normalize('NFC');
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const cx = x.codePointAt(i)!;
    const cy = y.codePointAt(j)!;
    if (cx !== cy) return cx < cy ? -1 : 1;
    i += cx > 0xffff ? 2 : 1;
    j += cy > 0xffff ? 2 : 1;
  }
  const restX = x.length - i;
  const restY = y.length - j;
  return restX === restY ? 0 : restX < restY ? -1 : 1;
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

/** Compares two sort values of the same kind; null sorts last in either direction. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return compareNumbers(a, b);
  return compareCodePoints(String(a), String(b));
}

/** Row order: by key in `direction`, ties by id ascending whatever the direction. */
export function compareRows(
  a: { key: SortValue; id: string },
  b: { key: SortValue; id: string },
  direction: SortDirection,
): number {
  const byKey = compareSortValues(a.key, b.key);
  if (byKey !== 0) {
    const nullInvolved = a.key === null || b.key === null;
    return direction === 'DESC' && !nullInvolved ? -byKey : byKey;
  }
  return compareCodePoints(a.id, b.id);
}
