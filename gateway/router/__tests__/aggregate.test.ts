import { parse, type OperationDefinitionNode } from 'graphql';
import { marketplaceRouting } from '../../../subgraphs/marketplace/routing';
import { collectFields, subfields } from '../collect';
import { mergeBuckets, shapeBuckets } from '../aggregate';
import { STATS_KEYS as K } from '../rewrite';
import type { StatsSpec } from '../spec';

const spec = marketplaceRouting.fields.orderStats as StatsSpec;

function bucket(coop: string | null, month: string | null, count: number, sum: number, min: number, max: number, quantity: number) {
  return {
    cooperative: coop ? { __typename: 'Cooperative', id: coop } : null,
    m: month,
    [K.dimension('COOPERATIVE')]: coop ? { id: coop } : null,
    [K.dimension('MONTH')]: month,
    [K.count]: count,
    [K.amount]: { sum, min, max },
    [K.sum('quantity')]: quantity,
  };
}

describe('stats merge', () => {
  it('adds counts and sums, combines min/max, avg = total sum / total count', () => {
    const merged = mergeBuckets(
      [[bucket(null, '2026-01', 1, 100, 100, 100, 2)], [bucket(null, '2026-01', 3, 30, 5, 15, 7), bucket(null, '2025-12', 1, 9, 9, 9, 1)]],
      spec,
      ['MONTH'],
    );
    expect(merged.map((b) => b.key)).toEqual([['2025-12'], ['2026-01']]);
    const jan = merged[1];
    expect([jan.count, jan.sum, jan.min, jan.max, jan.sums.quantity]).toEqual([4, 130, 5, 100, 9]);
    const op = parse('{ orderStats(groupBy: [MONTH]) { m: month n: count amount { avg sum mn: min } quantity } }').definitions[0] as OperationDefinitionNode;
    const [field] = collectFields(op.selectionSet, {}, {});
    const shaped = shapeBuckets(merged, spec, subfields(field, {}, {}), {}, {});
    // Never an average of averages: (100 + 30) / 4, not (100 + 10) / 2.
    expect(shaped[1]).toEqual({ m: '2026-01', n: 4, amount: { avg: 32.5, sum: 130, mn: 5 }, quantity: 9 });
  });

  it('sorts by key values in groupBy order with nulls last', () => {
    const merged = mergeBuckets(
      [[bucket('b', null, 1, 1, 1, 1, 1), bucket('a', '2026-02', 1, 1, 1, 1, 1), bucket('a', null, 1, 1, 1, 1, 1), bucket('a', '2026-01', 1, 1, 1, 1, 1)]],
      spec,
      ['COOPERATIVE', 'MONTH'],
    );
    expect(merged.map((b) => b.key)).toEqual([['a', '2026-01'], ['a', '2026-02'], ['a', null], ['b', null]]);
  });

  it('gives no bucket for no rows', () => {
    expect(mergeBuckets([[], []], spec, [])).toEqual([]);
  });
});
