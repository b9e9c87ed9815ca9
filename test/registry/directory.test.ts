/**
 * The network directory over the live registry: everyone registered with
 * roles, join date and admission; `admission:` filters; references to a
 * cooperative just removed (draining) or just added elsewhere (lookup) still
 * resolve. Without a live registry every entry reads as admitted.
 */
import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Registry, type CooperativeEntry } from '../../core/registry';
import { loadClassificationStore } from '../../subgraphs/network/classifications';
import { buildNetworkSchema, type CooperativeDirectory, type DirectoryCooperative } from '../../subgraphs/network/schema';

const classifications = loadClassificationStore();
const entry = (id: string, subgraphs: Record<string, string>, extra: Partial<CooperativeEntry> = {}): CooperativeEntry => ({ id, name: `${id} 조합`, subgraphs, ...extra });

async function data(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): Promise<any> {
  const result = (await execute({ schema, document: parse(query), variableValues: variables })) as ExecutionResult;
  expect(result.errors).toBeUndefined();
  return result.data;
}

const REFERENCE = 'query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Cooperative { id name admission { state } } } }';

describe('without a live registry', () => {
  const registry = new Registry([
    entry('bbb', { marketplace: 'http://b', erp: 'http://be' }, { joinedAt: '2026-03-02' }),
    entry('aaa', { marketplace: 'http://a' }),
    entry('gone', { marketplace: 'http://g' }, { draining: true }),
  ]);
  const schema = buildNetworkSchema({ registry, classifications });

  it('lists the registry as admitted, with roles and join date, leaving draining cooperatives out', async () => {
    expect((await data(schema, '{ cooperatives { id roles joinedAt admission { state reason checkedAt } } }')).cooperatives).toEqual([
      { id: 'aaa', roles: ['marketplace'], joinedAt: null, admission: { state: 'ADMITTED', reason: null, checkedAt: null } },
      { id: 'bbb', roles: ['erp', 'marketplace'], joinedAt: '2026-03-02', admission: { state: 'ADMITTED', reason: null, checkedAt: null } },
    ]);
  });

  it('still resolves a reference to a draining cooperative', async () => {
    expect((await data(schema, REFERENCE, { reps: [{ __typename: 'Cooperative', id: 'gone' }] }))._entities).toEqual([{ id: 'gone', name: 'gone 조합', admission: { state: 'ADMITTED' } }]);
  });
});

describe('with a live registry', () => {
  const listed: DirectoryCooperative[] = [
    { ...entry('good', { marketplace: 'http://g' }), admission: { state: 'ADMITTED', reason: null, checkedAt: '2026-11-20T03:00:00.000Z' } },
    { ...entry('late', { marketplace: 'http://l' }), admission: { state: 'PENDING', reason: 'waiting for its contract check', checkedAt: null } },
    { ...entry('poor', { marketplace: 'http://p' }), admission: { state: 'REJECTED', reason: 'marketplace: missing field Product.gtin (String)', checkedAt: '2026-11-20T03:00:00.000Z' } },
  ];
  const lookups: string[] = [];
  const directory: CooperativeDirectory = {
    list: () => listed,
    get: (id) => listed.find((c) => c.id === id),
    lookup: async (id) => {
      lookups.push(id);
      return id === 'fresh' ? entry('fresh', { marketplace: 'http://f' }) : undefined;
    },
  };
  const schema = buildNetworkSchema({ registry: new Registry([listed[0]]), classifications, directory });

  it('lists everyone registered, routed or not, with the reason', async () => {
    const all = (await data(schema, '{ cooperatives { id admission { state reason } } }')).cooperatives;
    expect(all.map((c: any) => `${c.id} ${c.admission.state}`)).toEqual(['good ADMITTED', 'late PENDING', 'poor REJECTED']);
    expect(all[2].admission.reason).toBe('marketplace: missing field Product.gtin (String)');
  });

  it('filters by admission state', async () => {
    expect((await data(schema, '{ cooperatives(admission: [PENDING, REJECTED]) { id } }')).cooperatives).toEqual([{ id: 'late' }, { id: 'poor' }]);
  });

  it('answers cooperative(id:) for one that is not routed', async () => {
    expect((await data(schema, '{ cooperative(id: "poor") { id admission { state } } }')).cooperative).toEqual({ id: 'poor', admission: { state: 'REJECTED' } });
  });

  it('asks the live registry about a reference it does not know yet', async () => {
    const out = await data(schema, REFERENCE, { reps: [{ __typename: 'Cooperative', id: 'fresh' }, { __typename: 'Cooperative', id: 'never' }] });
    expect(out._entities).toEqual([{ id: 'fresh', name: 'fresh 조합', admission: { state: 'ADMITTED' } }, null]);
    expect(lookups).toEqual(['fresh', 'never']);
  });
});
