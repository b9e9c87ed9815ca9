import fc from 'fast-check';
import { compareRows, type SortDirection } from '../../../core/order';
import { admitRows, kWayMerge, type MergeRow } from '../merge';

const row = fc.record({
  key: fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('가', '나', 'a', 'B', '😀', '')),
  id: fc.string({ minLength: 1, maxLength: 4 }),
});

/** Up to 8 cooperatives' pages, the order's direction and the sort key's kind: what every merge property ranges over. */
const sources = fc.array(fc.array(row, { maxLength: 12 }), { maxLength: 8 });
const directions = fc.constantFrom<SortDirection>('ASC', 'DESC');
const keyKinds = fc.constantFrom<'number' | 'string'>('number', 'string');

function sortedSource(rows: MergeRow[], direction: SortDirection, kind: 'number' | 'string'): MergeRow[] {
  const typed = rows.map((r) => ({ ...r, key: kind === 'number' ? Number(String(r.key).length) : String(r.key) }));
  return typed.sort((a, b) => compareRows(a, b, direction));
}

describe('kWayMerge', () => {
  it('equals sort-and-slice of the union (property)', () => {
    fc.assert(
      fc.property(
        sources,
        directions,
        keyKinds,
        fc.integer({ min: 0, max: 40 }),
        (lists, direction, kind, limit) => {
          // Ids are made unique per source so the oracle's order is total.
          const sources = lists.map((l, s) => sortedSource(l.map((r, i) => ({ ...r, id: `${r.id}#${s}.${i}` })), direction, kind));
          const picks = kWayMerge(sources, direction, limit);
          const merged = picks.map((p) => sources[p.source][p.index]);
          const oracle = sources.flat().sort((a, b) => compareRows(a, b, direction)).slice(0, limit);
          expect(merged).toEqual(oracle);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('breaks ties by id ascending whatever the direction', () => {
    const a = [{ key: 5, id: 'b:1' }];
    const b = [{ key: 5, id: 'a:9' }];
    for (const direction of ['ASC', 'DESC'] as const) {
      const picks = kWayMerge([a, b], direction, 2);
      expect(picks.map((p) => p.source)).toEqual([1, 0]);
    }
  });

  it('takes nothing for limit 0 and handles empty sources', () => {
    expect(kWayMerge([[{ key: 1, id: 'x' }], []], 'ASC', 0)).toEqual([]);
    expect(kWayMerge([], 'ASC', 5)).toEqual([]);
  });
});

describe('admitRows', () => {
  it('trimming each page on arrival (any arrival order) leaves the merged page unchanged (property)', () => {
    fc.assert(
      fc.property(
        sources,
        directions,
        keyKinds,
        fc.integer({ min: 0, max: 30 }),
        fc.func(fc.integer()),
        (lists, direction, kind, limit, rank) => {
          const sources = lists.map((l, s) => sortedSource(l.map((r, i) => ({ ...r, id: `${r.id}#${s}.${i}` })), direction, kind));
          const arrival = sources.map((_, s) => s).sort((a, b) => rank(a) - rank(b) || a - b);
          const trimmed: MergeRow[][] = sources.map(() => []);
          let best: MergeRow[] = [];
          for (const s of arrival) {
            const admitted = admitRows(best, sources[s], direction, limit);
            best = admitted.best;
            trimmed[s] = sources[s].slice(0, admitted.keep);
          }
          const ids = (srcs: MergeRow[][]) => kWayMerge(srcs, direction, limit).map((p) => srcs[p.source][p.index].id);
          expect(ids(trimmed)).toEqual(ids(sources));
          expect(best.map((r) => r.id)).toEqual(ids(sources));
        },
      ),
      { numRuns: 300 },
    );
  });
});
