import { execute, parse, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { Registry, type CooperativeEntry } from '../../../core/registry';
import { loadClassificationStore } from '../classifications';
import { buildNetworkSchema, type CooperativeStatus } from '../schema';

const SGFURN: CooperativeEntry = {
  id: 'sgfurn',
  name: '서울경인가구공업협동조합',
  nameEn: 'Seoul-Gyeongin Furniture Cooperative',
  industry: 'furniture',
  region: '서울',
  memberCount: 412,
  marketplaceSystem: 'rest',
  erpSystem: 'sqlite',
  subgraphs: { marketplace: 'http://127.0.0.1:4101/graphql', erp: 'http://127.0.0.1:4102/graphql' },
};
const KFOOD: CooperativeEntry = { id: 'kfood', name: '한국식품협동조합', industry: 'food', region: '경기', subgraphs: { marketplace: 'http://127.0.0.1:4201/graphql' } };
const BFURN: CooperativeEntry = { id: 'bfurn', name: '부산가구협동조합', industry: 'Furniture', region: '부산', subgraphs: { marketplace: 'http://127.0.0.1:4301/graphql' } };

const classifications = loadClassificationStore();

function setup(statusOf?: (id: string) => CooperativeStatus): { registry: Registry; schema: GraphQLSchema } {
  const registry = new Registry([SGFURN, KFOOD, BFURN]);
  return { registry, schema: buildNetworkSchema({ registry, classifications, statusOf }) };
}

async function run(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
  return (await execute({ schema, document: parse(query), variableValues: variables })) as ExecutionResult;
}

/** The data of a query that must succeed. */
async function data(schema: GraphQLSchema, query: string, variables?: Record<string, unknown>): Promise<any> {
  const result = await run(schema, query, variables);
  expect(result.errors).toBeUndefined();
  return result.data;
}

describe('Query.cooperatives', () => {
  it('lists the registry sorted by id with every field', async () => {
    const { schema } = setup();
    const result = await data(
      schema,
      '{ cooperatives { id name nameEn industry region memberCount marketplaceSystem erpSystem status } }',
    );
    expect(result.cooperatives.map((c: { id: string }) => c.id)).toEqual(['bfurn', 'kfood', 'sgfurn']);
    expect(result.cooperatives[2]).toEqual({
      id: 'sgfurn',
      name: '서울경인가구공업협동조합',
      nameEn: 'Seoul-Gyeongin Furniture Cooperative',
      industry: 'furniture',
      region: '서울',
      memberCount: 412,
      marketplaceSystem: 'rest',
      erpSystem: 'sqlite',
      status: 'UNKNOWN',
    });
    expect(result.cooperatives[1]).toMatchObject({ nameEn: null, memberCount: null, erpSystem: null });
  });

  it('filters by industry (ignoring case) and region', async () => {
    const { schema } = setup();
    const ids = async (args: string) => (await data(schema, `{ cooperatives${args} { id } }`)).cooperatives.map((c: { id: string }) => c.id);
    expect(await ids('(industry: "furniture")')).toEqual(['bfurn', 'sgfurn']);
    expect(await ids('(industry: "furniture", region: "서울")')).toEqual(['sgfurn']);
    expect(await ids(`(region: "${'경기'.normalize('NFD')}")`)).toEqual(['kfood']);
    expect(await ids('(industry: "steel")')).toEqual([]);
  });

  it('reads the live registry on every query', async () => {
    const { schema, registry } = setup();
    registry.upsert({ id: 'aaa-new', name: '신규조합', subgraphs: { marketplace: 'http://127.0.0.1:4401/graphql' } });
    registry.remove('kfood');
    const result = await data(schema, '{ cooperatives { id } }');
    expect(result.cooperatives).toEqual([{ id: 'aaa-new' }, { id: 'bfurn' }, { id: 'sgfurn' }]);
  });

  it('takes status from statusOf', async () => {
    const { schema } = setup((id) => (id === 'kfood' ? 'DOWN' : 'UP'));
    const result = await data(schema, '{ cooperatives { id status } }');
    expect(result.cooperatives).toEqual([
      { id: 'bfurn', status: 'UP' },
      { id: 'kfood', status: 'DOWN' },
      { id: 'sgfurn', status: 'UP' },
    ]);
  });
});

describe('Query.cooperative', () => {
  it('finds by id, null when not in the registry', async () => {
    const { schema } = setup();
    expect(await data(schema, '{ cooperative(id: "kfood") { id name } }')).toEqual({ cooperative: { id: 'kfood', name: '한국식품협동조합' } });
    expect(await data(schema, '{ cooperative(id: "nobody") { id } }')).toEqual({ cooperative: null });
  });

  it('rejects a malformed id with BAD_USER_INPUT', async () => {
    const { schema } = setup();
    const result = await run(schema, '{ cooperative(id: "Bad Id") { id } }');
    expect(result.data).toEqual({ cooperative: null });
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', cooperativeId: 'Bad Id' });
    expect(result.errors![0].path).toEqual(['cooperative']);
  });
});

describe('Query.classification(s)', () => {
  it('gets one classification with parent and children', async () => {
    const { schema } = setup();
    const result = await data(
      schema,
      '{ classification(code: "56101500") { code title titleKo level parent { code level } children { code title } } }',
    );
    expect(result.classification).toEqual({
      code: '56101500',
      title: 'Furniture',
      titleKo: '가구',
      level: 'CLASS',
      parent: { code: '56100000', level: 'FAMILY' },
      children: [
        { code: '56101504', title: 'Chairs' },
        { code: '56101519', title: 'Tables' },
        { code: '56101520', title: 'Lockers' },
      ],
    });
  });

  it('walks up to a segment, whose parent is null', async () => {
    const { schema } = setup();
    const result = await data(schema, '{ classification(code: "56101504") { parent { parent { parent { code parent { code } } } } } }');
    expect(result.classification.parent.parent.parent).toEqual({ code: '56000000', parent: null });
  });

  it('answers null for an unknown code and BAD_USER_INPUT for a malformed one', async () => {
    const { schema } = setup();
    expect(await data(schema, '{ classification(code: "56109999") { code } }')).toEqual({ classification: null });
    const result = await run(schema, '{ classification(code: "5610") { code } }');
    expect(result.data).toEqual({ classification: null });
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'code', value: '5610' });
    expect(result.errors?.[0].message).toMatch(/Malformed UNSPSC code "5610"/);
  });

  it('lists by parent, by level, both, and the segments by default', async () => {
    const { schema } = setup();
    const list = async (args: string) => (await data(schema, `{ classifications${args} { code } }`)).classifications.map((c: { code: string }) => c.code);
    expect(await list('(parent: "56101700")')).toEqual(['56101703', '56101706']);
    expect(await list('(parent: "56000000", level: COMMODITY)')).toEqual(['56101504', '56101519', '56101520', '56101703', '56101706']);
    const segments = await list('(level: SEGMENT)');
    expect(segments).toContain('56000000');
    expect(await list('')).toEqual(segments);
    expect(await list('(parent: "99000000")')).toEqual([]);
  });

  it('rejects a malformed parent with BAD_USER_INPUT', async () => {
    const { schema } = setup();
    const result = await run(schema, '{ classifications(parent: "56") { code } }');
    expect(result.errors?.[0].extensions).toEqual({ code: 'BAD_USER_INPUT', argument: 'parent', value: '56' });
  });
});

describe('_entities', () => {
  const ENTITIES = `query ($representations: [_Any!]!) {
    _entities(representations: $representations) {
      __typename
      ... on Cooperative { id name status }
      ... on Classification { code title level parent { code } }
    }
  }`;

  it('resolves Cooperative references, null for unknown or malformed ids', async () => {
    const { schema } = setup((id) => (id === 'sgfurn' ? 'DEGRADED' : 'UP'));
    const result = await data(schema, ENTITIES, {
      representations: [
        { __typename: 'Cooperative', id: 'sgfurn' },
        { __typename: 'Cooperative', id: 'ghost' },
        { __typename: 'Cooperative', id: 'Not An Id' },
        { __typename: 'Cooperative', id: 'kfood' },
      ],
    });
    expect(result._entities).toEqual([
      { __typename: 'Cooperative', id: 'sgfurn', name: '서울경인가구공업협동조합', status: 'DEGRADED' },
      null,
      null,
      { __typename: 'Cooperative', id: 'kfood', name: '한국식품협동조합', status: 'UP' },
    ]);
  });

  it('resolves Classification references in order, null for unknown codes', async () => {
    const { schema } = setup();
    const result = await data(schema, ENTITIES, {
      representations: [
        { __typename: 'Classification', code: '56101504' },
        { __typename: 'Classification', code: '56109999' },
        { __typename: 'Cooperative', id: 'bfurn' },
        { __typename: 'Classification', code: '56000000' },
      ],
    });
    expect(result._entities).toEqual([
      { __typename: 'Classification', code: '56101504', title: 'Chairs', level: 'COMMODITY', parent: { code: '56101500' } },
      null,
      { __typename: 'Cooperative', id: 'bfurn', name: '부산가구협동조합', status: 'UNKNOWN' },
      { __typename: 'Classification', code: '56000000', title: 'Furniture and Furnishings', level: 'SEGMENT', parent: null },
    ]);
  });

  it('serves its SDL through _service for composition', async () => {
    const { schema } = setup();
    const result = await data(schema, '{ _service { sdl } }');
    expect(result._service.sdl).toMatch(/type Cooperative\s+@key\(fields: "id"\)/);
    expect(result._service.sdl).toMatch(/type Classification\s+@key\(fields: "code"\)/);
  });
});
