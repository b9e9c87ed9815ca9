import fc from 'fast-check';
import type { CooperativeEntry } from '../../../core/registry';
import { callSlowestFirst, LatencyEstimates, slowestFirst } from '../dispatch';
import type { CallRecord } from '../send';

const call = (cooperativeId: string, durationMs: number, outcome: CallRecord['outcome'] = 'ok'): CallRecord => ({ cooperativeId, role: 'marketplace', durationMs, outcome });
const coop = (id: string): CooperativeEntry => ({ id, name: id, subgraphs: { marketplace: `http://${id}` } });

describe('slowestFirst', () => {
  it('is a permutation from the slowest to the fastest, unknown first, ties in their order', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined })), (expected) => {
        const order = slowestFirst(expected);
        expect([...order].sort((a, b) => a - b)).toEqual(expected.map((_, i) => i));
        for (let j = 1; j < order.length; j++) {
          const [a, b] = [expected[order[j - 1]] ?? Infinity, expected[order[j]] ?? Infinity];
          expect(a >= b).toBe(true);
          if (a === b) expect(order[j - 1] < order[j]).toBe(true);
        }
      }),
    );
  });
});

describe('LatencyEstimates', () => {
  it('keeps a moving average per cooperative and role, ignoring refusals', () => {
    const estimates = new LatencyEstimates(0.5);
    expect(estimates.expectedMs('a', 'marketplace')).toBeUndefined();
    estimates.record(call('a', 100));
    estimates.record(call('a', 50));
    estimates.record(call('a', 1, 'refused'));
    estimates.record(call('a', 1, 'circuit_open'));
    estimates.record(call('a', 1, 'bulkhead_full'));
    expect(estimates.expectedMs('a', 'marketplace')).toBe(75);
    estimates.record(call('a', 2000, 'timeout'));
    expect(estimates.expectedMs('a', 'marketplace')).toBe(1037.5);
    expect(estimates.expectedMs('a', 'erp')).toBeUndefined();
  });

  it('forgets cooperatives that left the registry', () => {
    const estimates = new LatencyEstimates();
    estimates.record(call('a', 10));
    estimates.record(call('b', 20));
    estimates.keepOnly([{ id: 'b' }]);
    expect(estimates.expectedMs('a', 'marketplace')).toBeUndefined();
    expect(estimates.expectedMs('b', 'marketplace')).toBe(20);
  });
});

describe('callSlowestFirst', () => {
  it('calls the slowest (and never measured) first and answers in the scope order', async () => {
    const estimates = new LatencyEstimates(1);
    for (const [id, ms] of [['a', 10], ['b', 80], ['c', 40]] as const) estimates.record(call(id, ms));
    const started: string[] = [];
    const answers = await callSlowestFirst([coop('a'), coop('b'), coop('c'), coop('new')], 'marketplace', estimates, async (c) => {
      started.push(c.id);
      return c.id.toUpperCase();
    });
    expect(started).toEqual(['new', 'b', 'c', 'a']);
    expect(answers).toEqual(['A', 'B', 'C', 'NEW']);
  });

  it('keeps the registry order without estimates', async () => {
    const started: string[] = [];
    await callSlowestFirst([coop('a'), coop('b')], 'marketplace', undefined, async (c) => void started.push(c.id));
    expect(started).toEqual(['a', 'b']);
  });
});
