import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildASTSchema, parse } from 'graphql';
import { projectPath } from '../../core/paths';
import { composeSupergraph, CompositionError, tenantGroupOfUrl, tenantGroups, tenantGroupUrl } from '../composition';
import { GATEWAY_DEFAULTS, loadSupergraphConfig, type SubgraphSpec, type SupergraphConfig } from '../config/supergraphConfig';

const SCHEMAS = {
  network: projectPath('subgraphs', 'network', 'schema.graphql'),
  marketplace: projectPath('subgraphs', 'marketplace', 'schema.graphql'),
  erp: projectPath('subgraphs', 'erp', 'schema.graphql'),
};

function configWith(overrides: Partial<Record<keyof typeof SCHEMAS, string>> = {}, federationVersion = '=2.9.0'): SupergraphConfig {
  const spec = (name: keyof typeof SCHEMAS, tenantGroup: boolean): SubgraphSpec => ({
    name,
    schemaFile: overrides[name] ?? SCHEMAS[name],
    tenantGroup,
    ...(tenantGroup ? {} : { routingUrl: 'http://127.0.0.1:4001/graphql' }),
  });
  return {
    file: '/etc/sbnet/supergraph.yaml',
    federationVersion,
    subgraphs: [spec('network', false), spec('marketplace', true), spec('erp', true)],
    cooperatives: [],
    gateway: { ...GATEWAY_DEFAULTS },
  };
}

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbnet-compose-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes a variant of the repo's erp schema and returns its path. */
function erpVariant(edit: (sdl: string) => string): string {
  const file = join(dir, `erp-${Math.random().toString(36).slice(2)}.graphql`);
  writeFileSync(file, edit(readFileSync(SCHEMAS.erp, 'utf8')));
  return file;
}

function compositionErrorOf(config: SupergraphConfig): CompositionError {
  try {
    composeSupergraph(config);
  } catch (err) {
    if (err instanceof CompositionError) return err;
    throw err;
  }
  throw new Error('expected a CompositionError');
}

describe('composeSupergraph: the repository schemas', () => {
  const { supergraphSdl } = composeSupergraph(configWith());

  it('composes into a valid supergraph with one join__Graph per subgraph', () => {
    const schema = buildASTSchema(parse(supergraphSdl));
    const graphs = schema.getType('join__Graph');
    expect(graphs && 'getValues' in graphs ? graphs.getValues().map((v) => v.name) : []).toEqual(['ERP', 'MARKETPLACE', 'NETWORK']);
  });

  it('gives the network its routing URL and each tenant group one placeholder URL', () => {
    expect(supergraphSdl).toContain('@join__graph(name: "network", url: "http://127.0.0.1:4001/graphql")');
    expect(supergraphSdl).toContain('@join__graph(name: "marketplace", url: "tenant://marketplace")');
    expect(supergraphSdl).toContain('@join__graph(name: "erp", url: "tenant://erp")');
  });

  it('joins the entities across roles', () => {
    const schema = buildASTSchema(parse(supergraphSdl));
    const product = schema.getType('Product');
    const fields = product && 'getFields' in product ? Object.keys(product.getFields()) : [];
    expect(fields).toEqual(expect.arrayContaining(['id', 'name', 'price', 'inventory', 'classification']));
    const query = schema.getQueryType()!.getFields();
    expect(Object.keys(query)).toEqual(expect.arrayContaining(['cooperatives', 'classifications', 'products', 'productStats']));
  });

  it('composes the same supergraph from a supergraph.yaml', () => {
    const file = join(dir, 'supergraph.yaml');
    writeFileSync(
      file,
      [
        'federation_version: =2.9.0',
        'subgraphs:',
        '  network:',
        '    routing_url: http://127.0.0.1:4001/graphql',
        `    schema: { file: ${SCHEMAS.network} }`,
        '  marketplace:',
        '    tenants: cooperatives',
        `    schema: { file: ${SCHEMAS.marketplace} }`,
        '  erp:',
        '    tenants: cooperatives',
        `    schema: { file: ${SCHEMAS.erp} }`,
        '',
      ].join('\n'),
    );
    expect(composeSupergraph(loadSupergraphConfig(file)).supergraphSdl).toBe(supergraphSdl);
  });
});

describe('tenant groups', () => {
  it('lists the tenant-group subgraphs in config order', () => {
    expect(tenantGroups(configWith())).toEqual(['marketplace', 'erp']);
  });

  it('maps names to placeholder URLs and back', () => {
    expect(tenantGroupUrl('marketplace')).toBe('tenant://marketplace');
    expect(tenantGroupOfUrl('tenant://erp')).toBe('erp');
    expect(tenantGroupOfUrl('http://127.0.0.1:4001/graphql')).toBeUndefined();
  });
});

describe('composeSupergraph: readable errors', () => {
  it('names the subgraphs, the type, the reason and the schema lines of a composition error', () => {
    const broken = erpVariant((sdl) => sdl.replace('type Money @shareable', 'type Money'));
    const err = compositionErrorOf(configWith({ erp: broken }));
    expect(err.problems.map((p) => p.code)).toEqual(['INVALID_FIELD_SHARING', 'INVALID_FIELD_SHARING', 'INVALID_FIELD_SHARING']);
    expect(err.problems[0]).toEqual({
      code: 'INVALID_FIELD_SHARING',
      message: expect.stringContaining('Non-shareable field "Money.amount"'),
      subgraphs: ['marketplace', 'erp'],
      locations: [`${broken}:10:3`, `${SCHEMAS.marketplace}:21:3`],
    });
    expect(err.message).toMatch(/^Composition of \/etc\/sbnet\/supergraph\.yaml failed with 3 errors:\n/);
    expect(err.message).toContain(`  - INVALID_FIELD_SHARING: Non-shareable field "Money.amount" is resolved from multiple subgraphs`);
    expect(err.message).toContain(`      at ${broken}:10:3\n      at ${SCHEMAS.marketplace}:21:3`);
  });

  it('reports a subgraph validation error with its subgraph and line', () => {
    const broken = erpVariant((sdl) => sdl.replace('onHand: Float!', 'onHand: Flot!'));
    const err = compositionErrorOf(configWith({ erp: broken }));
    expect(err.problems).toEqual([{ code: 'INVALID_GRAPHQL', message: '[erp] Unknown type Flot', subgraphs: ['erp'], locations: [`${broken}:21:11`] }]);
    expect(err.message).toContain(`INVALID_GRAPHQL: [erp] Unknown type Flot\n      at ${broken}:21:11`);
  });

  it('reports a type mismatch across subgraphs', () => {
    const broken = erpVariant((sdl) => sdl.replace('amount: Int!', 'amount: Float!'));
    const [problem] = compositionErrorOf(configWith({ erp: broken })).problems;
    expect(problem.code).toBe('FIELD_TYPE_MISMATCH');
    expect(problem.message).toContain('"Money.amount"');
    expect(problem.subgraphs).toEqual(['marketplace', 'erp']);
  });

  it('reports syntax errors of every schema before composing', () => {
    const broken = erpVariant((sdl) => sdl.replace('type Inventory {', 'type Inventory {{'));
    const brokenNetwork = join(dir, 'network.graphql');
    writeFileSync(brokenNetwork, 'type Query {\n  cooperatives: [Cooperative!\n}\n');
    const err = compositionErrorOf(configWith({ network: brokenNetwork, erp: broken }));
    expect(err.problems).toEqual([
      { code: 'GRAPHQL_PARSE_FAILED', message: expect.stringMatching(/^\[network\] Syntax Error/), subgraphs: ['network'], locations: [`${brokenNetwork}:3:1`] },
      { code: 'GRAPHQL_PARSE_FAILED', message: expect.stringMatching(/^\[erp\] Syntax Error/), subgraphs: ['erp'], locations: [`${broken}:20:17`] },
    ]);
  });

  it('reports an unreadable schema file by subgraph and path', () => {
    const err = compositionErrorOf(configWith({ network: join(dir, 'gone.graphql') }));
    expect(err.problems[0]).toMatchObject({ code: 'SCHEMA_UNREADABLE', subgraphs: ['network'] });
    expect(err.message).toContain(`at ${join(dir, 'gone.graphql')} (subgraph network)`);
  });

  it('rejects a schema that links a newer Federation than federation_version, as Rover would', () => {
    const err = compositionErrorOf(configWith({}, '=2.3.0'));
    expect(err.problems.map((p) => p.subgraphs[0])).toEqual(['network', 'marketplace', 'erp']);
    expect(err.problems[0]).toEqual({
      code: 'UNSUPPORTED_FEDERATION_VERSION',
      message: '[network] links Federation v2.9, newer than federation_version =2.3.0',
      subgraphs: ['network'],
      locations: [`${SCHEMAS.network}:4:3`],
    });
    expect(() => composeSupergraph(configWith({}, '2'))).not.toThrow();
    expect(() => composeSupergraph(configWith({}, '=2.12.0'))).not.toThrow();
  });
});
