/**
 * Where a connection page starts per cooperative: the cursor's positions of
 * the cooperatives still in scope, and nothing else. Cooperative ids are
 * `[a-z][a-z0-9-]{1,31}`, so `constructor` or `tostring`-like names are real
 * ids and must not pick up anything from Object.prototype.
 */
import type { CooperativeEntry } from '../../../core/registry';
import { startPositions } from '../fields/connection';

const coop = (id: string): CooperativeEntry => ({ id, name: id, subgraphs: { marketplace: `http://${id}` } });

describe('startPositions', () => {
  const scope = ['constructor', 'coop-a', 'coop-b'].map(coop);

  it('is empty on a first page, whatever the ids are called', () => {
    expect(startPositions(scope, {})).toEqual({});
    expect(Object.keys(startPositions(scope, {}))).toEqual([]);
  });

  it('keeps the positions of cooperatives in scope only', () => {
    expect(startPositions(scope, { 'coop-a': 'A1', 'coop-gone': 'G1' })).toEqual({ 'coop-a': 'A1' });
  });

  it('does not resume a cooperative the cursor has no position for, even one named like a prototype member', () => {
    const start = startPositions(scope, { 'coop-b': 'B7' });
    expect(start).toEqual({ 'coop-b': 'B7' });
    expect(Object.hasOwn(start, 'constructor')).toBe(false);
    expect(startPositions(scope, Object.fromEntries([['constructor', 'C3']]))).toEqual({ constructor: 'C3' });
  });
});
