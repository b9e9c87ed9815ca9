import fc from 'fast-check';
import type { CooperativeEntry } from '../../../core/registry';
import { callSlowestFirst, LatencyEstimates, slowestFirst, startInWaves, WAVE_SIZE } from '../dispatch';
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

  it('forgets cooperatives that left the registry, in every role', () => {
    const estimates = new LatencyEstimates();
    estimates.record(call('a', 10));
    estimates.record(call('b', 20));
    estimates.record({ ...call('a', 30), role: 'erp' });
    estimates.keepOnly([{ id: 'b' }]);
    expect(estimates.expectedMs('a', 'marketplace')).toBeUndefined();
    expect(estimates.expectedMs('a', 'erp')).toBeUndefined();
    expect(estimates.expectedMs('b', 'marketplace')).toBe(20);
  });

  it("gives one role's estimates for a list of cooperatives, in its order", () => {
    const estimates = new LatencyEstimates(1);
    estimates.record(call('a', 10));
    estimates.record(call('c', 30));
    estimates.record({ ...call('b', 99), role: 'erp' });
    expect(estimates.expectedFor([{ id: 'c' }, { id: 'b' }, { id: 'a' }], 'marketplace')).toEqual([30, undefined, 10]);
    expect(estimates.expectedFor([{ id: 'a' }, { id: 'b' }], 'erp')).toEqual([undefined, 99]);
    expect(estimates.expectedFor([{ id: 'a' }], 'stats')).toEqual([undefined]);
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

describe('startInWaves', () => {
  it('lets each wave\'s next-tick work (node:http\'s socket writes) run before the next wave starts', async () => {
    const log: string[] = [];
    const started = await startInWaves([4, 3, 2, 1, 0], async (i) => {
      log.push(`start ${i}`);
      process.nextTick(() => log.push(`write ${i}`));
      return i * 10;
    }, 2);
    await new Promise((resolve) => setImmediate(resolve));
    expect(log).toEqual(['start 4', 'start 3', 'write 4', 'write 3', 'start 2', 'start 1', 'write 2', 'write 1', 'start 0', 'write 0']);
    // Promises by index, not by start order.
    expect(await Promise.all(started)).toEqual([0, 10, 20, 30, 40]);
  });

  it('starts everything even after a failure, which is neither lost nor reported as unhandled', async () => {
    const unhandled = jest.fn();
    process.on('unhandledRejection', unhandled);
    try {
      const seen: number[] = [];
      const started = await startInWaves([0, 1, 2, 3], async (i) => {
        seen.push(i);
        if (i === 0) throw new Error('cooperative 0 broke');
        return i;
      }, 1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(seen).toEqual([0, 1, 2, 3]);
      await expect(Promise.all(started)).rejects.toThrow('cooperative 0 broke');
      expect(unhandled).not.toHaveBeenCalled();
    } finally {
      process.off('unhandledRejection', unhandled);
    }
  });
});

describe('callSlowestFirst over several waves', () => {
  it('keeps the slowest-first order across waves and answers in the scope order', async () => {
    const n = WAVE_SIZE * 2 + 3;
    const estimates = new LatencyEstimates(1);
    const coops = Array.from({ length: n }, (_, i) => coop(`c${i}`));
    coops.forEach((c, i) => estimates.record(call(c.id, i)));
    const started: string[] = [];
    const answers = await callSlowestFirst(coops, 'marketplace', estimates, async (c) => {
      started.push(c.id);
      return c.id;
    });
    expect(started).toEqual([...coops].reverse().map((c) => c.id));
    expect(answers).toEqual(coops.map((c) => c.id));
  });
});
