import { Registry, type CooperativeEntry } from '../registry';

const coop = (id: string, subgraphs: Record<string, string>, extra: Partial<CooperativeEntry> = {}): CooperativeEntry => ({ id, name: id, subgraphs, ...extra });
const ids = (entries: readonly CooperativeEntry[]) => entries.map((c) => c.id);

describe('Registry.withRole', () => {
  it('lists the cooperatives running the role, in id order, without draining ones', () => {
    const registry = new Registry([
      coop('zeta', { marketplace: 'http://z/graphql' }),
      coop('alpha', { marketplace: 'http://a/graphql', erp: 'http://a/erp' }),
      coop('mid', { erp: 'http://m/erp' }),
      coop('gone', { marketplace: 'http://g/graphql' }, { draining: true }),
    ]);
    expect(ids(registry.withRole('marketplace'))).toEqual(['alpha', 'zeta']);
    expect(ids(registry.withRole('erp'))).toEqual(['alpha', 'mid']);
    expect(registry.withRole('unknown')).toEqual([]);
    // Draining cooperatives stay reachable by id.
    expect(registry.get('gone')?.draining).toBe(true);
  });

  it('answers from the snapshot it was asked on: the same list until the registry changes', () => {
    const registry = new Registry([coop('b', { marketplace: 'http://b' }), coop('a', { marketplace: 'http://a' })]);
    const first = registry.withRole('marketplace');
    expect(registry.withRole('marketplace')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);

    registry.upsert(coop('c', { marketplace: 'http://c' }));
    expect(ids(registry.withRole('marketplace'))).toEqual(['a', 'b', 'c']);
    // A request that took the earlier list keeps it.
    expect(ids(first)).toEqual(['a', 'b']);

    registry.upsert(coop('b', { marketplace: 'http://b' }, { draining: true }));
    expect(ids(registry.withRole('marketplace'))).toEqual(['a', 'c']);

    registry.remove('a');
    expect(ids(registry.withRole('marketplace'))).toEqual(['c']);

    registry.replace([coop('d', { erp: 'http://d' })]);
    expect(registry.withRole('marketplace')).toEqual([]);
    expect(ids(registry.withRole('erp'))).toEqual(['d']);
  });

  it('matches filtering and sorting the whole list, for random registries and changes', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    const registry = new Registry();
    for (let step = 0; step < 300; step++) {
      const id = `c${Math.floor(random() * 40)}`;
      if (random() < 0.25) registry.remove(id);
      else registry.upsert(coop(id, random() < 0.7 ? { marketplace: `http://${id}` } : { erp: `http://${id}` }, { draining: random() < 0.1 }));
      for (const role of ['marketplace', 'erp']) {
        const expected = registry
          .list()
          .filter((c) => c.subgraphs[role] !== undefined && !c.draining)
          .map((c) => c.id)
          .sort();
        expect(ids(registry.withRole(role))).toEqual(expected);
      }
    }
  });
});
