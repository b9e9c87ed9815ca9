/**
 * K-way merge of per-cooperative pages that are each already in the one
 * order. Returns which (source, index) rows make the merged page; the caller
 * shapes the answer from them. A binary heap keeps it O(n log k) for ~200
 * cooperatives.
 */
import { compareNfcRows, type SortDirection, type SortValue } from '../../core/order';

/** A row as the merge sees it; string keys and ids in NFC (normalized once per row, not per comparison). */
export interface MergeRow {
  key: SortValue;
  /** Global id: ties are broken by it, ascending in either direction. */
  id: string;
}

export interface MergePick {
  source: number;
  index: number;
}

export function kWayMerge(sources: ReadonlyArray<readonly MergeRow[]>, direction: SortDirection, limit: number): MergePick[] {
  const less = (a: MergePick, b: MergePick) =>
    compareNfcRows(sources[a.source][a.index], sources[b.source][b.index], direction) < 0;
  const heap = new MinHeap<MergePick>(less);
  sources.forEach((rows, source) => {
    if (rows.length) heap.push({ source, index: 0 });
  });
  const picks: MergePick[] = [];
  while (picks.length < limit && heap.size) {
    const top = heap.pop()!;
    picks.push(top);
    if (top.index + 1 < sources[top.source].length) heap.push({ source: top.source, index: top.index + 1 });
  }
  return picks;
}

/**
 * A bounded merge as pages arrive: given `best`, the first `limit` rows (in
 * order) of the pages seen so far, and a newly arrived sorted page `rows`,
 * how many of `rows` can still make the first `limit` of the whole merge (a
 * prefix: later rows only push the bar higher), and the new `best`. Rows past
 * `keep` can be dropped at once instead of being held until every page is in.
 */
export function admitRows(
  best: readonly MergeRow[],
  rows: readonly MergeRow[],
  direction: SortDirection,
  limit: number,
): { keep: number; best: MergeRow[] } {
  const merged: MergeRow[] = [];
  let i = 0;
  let j = 0;
  while (merged.length < limit && (i < best.length || j < rows.length)) {
    if (j >= rows.length || (i < best.length && compareNfcRows(best[i], rows[j], direction) <= 0)) merged.push(best[i++]);
    else merged.push(rows[j++]);
  }
  return { keep: j, best: merged };
}

class MinHeap<T> {
  private readonly items: T[] = [];

  constructor(private readonly less: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      a[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < a.length && this.less(a[l], a[m])) m = l;
        if (r < a.length && this.less(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]];
        i = m;
      }
    }
    return top;
  }
}
