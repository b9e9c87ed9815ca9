import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, parseYamlSource } from '../../../core/yamlConfig';
import { GATEWAY_DEFAULTS, loadSupergraphConfig, readSupergraphConfig } from '../supergraphConfig';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sbnet-config-'));
  mkdirSync(join(dir, 'schemas'));
  for (const name of ['network', 'marketplace', 'erp']) writeFileSync(join(dir, 'schemas', `${name}.graphql`), 'type Query { x: Int }\n');
  writeFileSync(join(dir, 'unspsc.csv'), 'code,title\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A valid config; line numbers in the tests below refer to this text. */
const VALID = `federation_version: =2.9.0
subgraphs:
  network:
    routing_url: http://127.0.0.1:4001/graphql
    schema: { file: schemas/network.graphql }
  marketplace:
    tenants: cooperatives
    schema: { file: schemas/marketplace.graphql }
  erp:
    tenants: cooperatives
    schema:
      file: schemas/erp.graphql
cooperatives:
  - id: sgfurn
    name: 서울경인가구공업협동조합
    nameEn: Seoul-Gyeongin Furniture Cooperative
    industry: furniture
    region: 서울
    memberCount: 412
    marketplaceSystem: rest
    erpSystem: sqlite
    joinedAt: 2024-03-01
    deadlineMs: 1500
    subgraphs:
      marketplace: http://127.0.0.1:4101/graphql
      erp: http://127.0.0.1:4102/graphql
  - id: kfood
    name: 한국식품협동조합
    subgraphs:
      marketplace: https://kfood.example/graphql
`;

function read(text: string) {
  return readSupergraphConfig(parseYamlSource(join(dir, 'supergraph.yaml'), text));
}

/** The ConfigError `text` raises (fails the test when none). */
function errorOf(text: string): ConfigError {
  try {
    read(text);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a ConfigError');
}

function expectError(text: string, line: number | null, reason: RegExp): void {
  const err = errorOf(text);
  expect({ line: err.line, reason: err.reason }).toEqual({ line, reason: expect.stringMatching(reason) });
  expect(err.message.startsWith(`${join(dir, 'supergraph.yaml')}${line ? `:${line}` : ''}: `)).toBe(true);
}

/** VALID with line `n` (1-based) replaced by `replacement` (may be several lines or none). */
function withLine(n: number, replacement: string | null): string {
  const lines = VALID.split('\n');
  lines.splice(n - 1, 1, ...(replacement === null ? [] : [replacement]));
  return lines.join('\n');
}

describe('readSupergraphConfig: a valid file', () => {
  it('reads subgraphs, tenant groups and absolute schema paths', () => {
    const config = read(VALID);
    expect(config.file).toBe(join(dir, 'supergraph.yaml'));
    expect(config.federationVersion).toBe('=2.9.0');
    expect(config.subgraphs).toEqual([
      { name: 'network', routingUrl: 'http://127.0.0.1:4001/graphql', schemaFile: join(dir, 'schemas/network.graphql'), tenantGroup: false },
      { name: 'marketplace', schemaFile: join(dir, 'schemas/marketplace.graphql'), tenantGroup: true },
      { name: 'erp', schemaFile: join(dir, 'schemas/erp.graphql'), tenantGroup: true },
    ]);
  });

  it('reads the registry entries with every key', () => {
    const [sgfurn, kfood] = read(VALID).cooperatives;
    expect(sgfurn).toEqual({
      id: 'sgfurn',
      name: '서울경인가구공업협동조합',
      nameEn: 'Seoul-Gyeongin Furniture Cooperative',
      industry: 'furniture',
      region: '서울',
      memberCount: 412,
      marketplaceSystem: 'rest',
      erpSystem: 'sqlite',
      joinedAt: '2024-03-01',
      deadlineMs: 1500,
      subgraphs: { marketplace: 'http://127.0.0.1:4101/graphql', erp: 'http://127.0.0.1:4102/graphql' },
    });
    // Absent optional keys are absent, not undefined-valued.
    expect(Object.keys(kfood)).toEqual(['id', 'name', 'subgraphs']);
  });

  it('defaults the gateway settings and leaves classifications unset', () => {
    const config = read(VALID);
    // Introspection is off unless enabled (a public gateway does not hand out its schema).
    expect(config.gateway).toEqual({ port: 4000, host: '127.0.0.1', deadlineMs: 2000, introspection: false });
    expect(config.gateway).toEqual(GATEWAY_DEFAULTS);
    expect(config.classificationsFile).toBeUndefined();
  });

  it('reads the gateway section and the classifications file', () => {
    const config = read(`${VALID}gateway:
  port: 0
  host: 0.0.0.0
  deadlineMs: 750
  cursorSecret: s3cret-s3cret
  introspection: false
  shareInFlightReads: false
classifications: { file: unspsc.csv }
`);
    expect(config.gateway).toEqual({ port: 0, host: '0.0.0.0', deadlineMs: 750, cursorSecret: 's3cret-s3cret', introspection: false, shareInFlightReads: false });
    expect(config.classificationsFile).toBe(join(dir, 'unspsc.csv'));
  });

  it('reads shareInFlightReads: fetches (share calls, not executions)', () => {
    expect(read(`${VALID}gateway:\n  shareInFlightReads: fetches\n`).gateway.shareInFlightReads).toBe('fetches');
  });

  it('accepts federation_version 2 and defaults it when absent', () => {
    expect(read(withLine(1, 'federation_version: 2')).federationVersion).toBe('2');
    expect(read(withLine(1, null)).federationVersion).toBe('2');
  });

  it('accepts a file with no cooperatives', () => {
    expect(read(VALID.slice(0, VALID.indexOf('cooperatives:'))).cooperatives).toEqual([]);
  });

  it('loads from disk and resolves paths against the file, not the working directory', () => {
    const file = join(dir, 'supergraph.yaml');
    writeFileSync(file, VALID);
    const config = loadSupergraphConfig(file);
    expect(config.subgraphs[0].schemaFile).toBe(join(dir, 'schemas/network.graphql'));
  });
});

describe('readSupergraphConfig: errors name the line', () => {
  it('a file that cannot be read', () => {
    expect(() => loadSupergraphConfig(join(dir, 'missing.yaml'))).toThrow(/missing\.yaml: cannot read/);
  });

  it('YAML syntax errors and duplicate keys', () => {
    expectError(withLine(4, '    routing_url: [unclosed'), 5, /./);
    expectError(withLine(5, '    routing_url: http://x/graphql\n    schema: { file: schemas/network.graphql }'), 5, /[Mm]ap keys must be unique/);
  });

  it('a document that is not a mapping', () => {
    expectError('- a\n- b\n', 1, /expected a mapping/);
  });

  it('unknown keys at every level', () => {
    expectError(`${VALID}supergraph: 1\n`, 31, /^supergraph: unknown key \(allowed: federation_version, subgraphs/);
    expectError(withLine(7, '    tenant: cooperatives'), 7, /^subgraphs\.marketplace\.tenant: unknown key/);
    expectError(withLine(12, '      path: schemas/erp.graphql'), 12, /^subgraphs\.erp\.schema\.path: unknown key \(allowed: file\)/);
    expectError(withLine(16, '    name_en: Seoul'), 16, /^cooperatives\[0\]\.name_en: unknown key/);
    expectError(`${VALID}gateway:\n  maxFirst: 100\n`, 32, /^gateway\.maxFirst: unknown key \(allowed: port, host, deadlineMs, cursorSecret, introspection\b/);
    expectError(`${VALID}classifications: { file: unspsc.csv, encoding: cp949 }\n`, 31, /^classifications\.encoding: unknown key/);
  });

  it('federation_version', () => {
    expectError(withLine(1, 'federation_version: 1'), 1, /^federation_version: invalid value "1" \(expected 2 or =2\.x\.y; Federation 1/);
    expectError(withLine(1, 'federation_version: 2.9'), 1, /invalid value "2\.9"/);
    expectError(withLine(1, 'federation_version: [2]'), 1, /expected a string/);
  });

  it('subgraphs missing, empty or not a mapping', () => {
    const noSubgraphs = VALID.replace(/^subgraphs:[\s\S]*?(?=^cooperatives:)/m, '');
    // Nothing to point at: the line of the document itself.
    expectError(noSubgraphs, 1, /^subgraphs: required/);
    expectError(noSubgraphs.replace('cooperatives:', 'subgraphs: {}\ncooperatives:'), 2, /^subgraphs: needs at least one subgraph/);
    expectError(noSubgraphs.replace('cooperatives:', 'subgraphs: [network]\ncooperatives:'), 2, /^subgraphs: expected a mapping/);
  });

  it('a subgraph that is not a mapping or has a bad name', () => {
    expectError(withLine(9, '  erp: yes\n  erp2:'), 9, /^subgraphs\.erp: expected a mapping/);
    // A path ending at a block mapping reports the key's line (core/yamlConfig).
    expectError(withLine(9, '  "1erp":'), 9, /^subgraphs\.1erp: invalid subgraph name/);
  });

  it('routing_url: missing, malformed, not http(s), on a tenant group', () => {
    // A missing key reports the line of its parent's key.
    expectError(withLine(4, null), 3, /^subgraphs\.network\.routing_url: required \(or `tenants: cooperatives`/);
    expectError(withLine(4, '    routing_url: not a url'), 4, /^subgraphs\.network\.routing_url: invalid URL "not a url"/);
    expectError(withLine(4, '    routing_url: ftp://127.0.0.1/graphql'), 4, /expected an http\(s\) URL/);
    expectError(withLine(7, '    tenants: cooperatives\n    routing_url: http://x/graphql'), 8, /^subgraphs\.marketplace\.routing_url: not allowed on a tenant group/);
  });

  it('tenants: only `cooperatives`', () => {
    expectError(withLine(7, '    tenants: members'), 7, /^subgraphs\.marketplace\.tenants: invalid value "members" \(expected cooperatives\)/);
  });

  it('schema: missing, not a mapping, no file, file not found', () => {
    expectError(withLine(5, null), 3, /^subgraphs\.network\.schema: required/);
    expectError(withLine(5, '    schema: schemas/network.graphql'), 5, /^subgraphs\.network\.schema: expected a mapping/);
    expectError(withLine(5, '    schema: {}'), 5, /^subgraphs\.network\.schema\.file: required/);
    expectError(withLine(12, '      file: schemas/nope.graphql'), 12, /^subgraphs\.erp\.schema\.file: file not found: .*schemas\/nope\.graphql/);
    // A folder is not a schema file.
    expectError(withLine(12, '      file: schemas'), 12, /file not found/);
  });

  it('cooperatives: not a list, entry not a mapping', () => {
    expectError(withLine(13, 'cooperatives: sgfurn').split('\n').slice(0, 13).join('\n'), 13, /^cooperatives: expected a list/);
    expectError(`${VALID}  - kfurn\n`, 31, /^cooperatives\[2\]: expected a mapping/);
  });

  it('cooperative id: missing, malformed, duplicate', () => {
    expectError(withLine(14, '  - idx: sgfurn'), 14, /^cooperatives\[0\]\.idx: unknown key/);
    expectError(withLine(14, '  -'), 15, /^cooperatives\[0\]\.id: required/);
    expectError(withLine(14, '  - id: SGFURN'), 14, /^cooperatives\[0\]\.id: invalid value "SGFURN" \(\[a-z\]\[a-z0-9-\]\{1,31\}\)/);
    expectError(withLine(14, '  - id: s'), 14, /invalid value "s"/);
    expectError(withLine(27, '  - id: sgfurn'), 27, /^cooperatives\[1\]\.id: duplicate cooperative id "sgfurn" \(first at line 14\)/);
  });

  it('cooperative name: missing or empty', () => {
    expectError(withLine(15, null), 14, /^cooperatives\[0\]\.name: required/);
    expectError(withLine(15, '    name: "  "'), 15, /^cooperatives\[0\]\.name: must not be empty/);
  });

  it('cooperative optional text keys: wrong type or empty', () => {
    expectError(withLine(17, '    industry: [furniture]'), 17, /^cooperatives\[0\]\.industry: expected a string/);
    expectError(withLine(18, '    region: ""'), 18, /^cooperatives\[0\]\.region: must not be empty/);
  });

  it('memberCount and deadlineMs: numbers in range', () => {
    expectError(withLine(19, '    memberCount: many'), 19, /^cooperatives\[0\]\.memberCount: expected a number/);
    expectError(withLine(19, '    memberCount: -1'), 19, /must be ≥ 0/);
    expectError(withLine(19, '    memberCount: 1.5'), 19, /expected an integer/);
    expectError(withLine(23, '    deadlineMs: 0'), 23, /^cooperatives\[0\]\.deadlineMs: must be ≥ 1/);
  });

  it('joinedAt: a real YYYY-MM-DD day', () => {
    expectError(withLine(22, '    joinedAt: 2024/03/01'), 22, /^cooperatives\[0\]\.joinedAt: invalid value "2024\/03\/01" \(expected YYYY-MM-DD\)/);
    expectError(withLine(22, '    joinedAt: 2024-02-30'), 22, /2024-02-30 is not a date/);
  });

  it('cooperative subgraphs: missing, empty, unknown role, non-tenant role, bad URL', () => {
    expectError(VALID.replace('    subgraphs:\n      marketplace: https://kfood.example/graphql\n', ''), 27, /^cooperatives\[1\]\.subgraphs: required/);
    expectError(withLine(24, '    subgraphs: {}').replace(/^      (marketplace|erp): http:\/\/127\.0\.0\.1:410.*\n/gm, ''), 24, /^cooperatives\[0\]\.subgraphs: needs at least one role/);
    expectError(withLine(24, '    subgraphs: [marketplace]').replace(/^      (marketplace|erp): http:\/\/127\.0\.0\.1:410.*\n/gm, ''), 24, /^cooperatives\[0\]\.subgraphs: expected a mapping/);
    expectError(withLine(26, '      wms: http://127.0.0.1:4103/graphql'), 26, /^cooperatives\[0\]\.subgraphs\.wms: "wms" is not a tenant-group subgraph \(tenant groups: marketplace, erp\)/);
    expectError(withLine(26, '      network: http://127.0.0.1:4103/graphql'), 26, /"network" is not a tenant-group subgraph/);
    expectError(withLine(30, '      marketplace: kfood.example/graphql'), 30, /^cooperatives\[1\]\.subgraphs\.marketplace: invalid URL/);
    expectError(withLine(30, '      marketplace: file:///tmp/x'), 30, /expected an http\(s\) URL/);
    expectError(withLine(30, '      marketplace:'), 30, /^cooperatives\[1\]\.subgraphs\.marketplace: required/);
  });

  it('gateway: not a mapping and bad values', () => {
    expectError(`${VALID}gateway: 4000\n`, 31, /^gateway: expected a mapping/);
    expectError(`${VALID}gateway:\n  port: 70000\n`, 32, /^gateway\.port: must be ≤ 65535/);
    expectError(`${VALID}gateway:\n  port: "4000"\n`, 32, /^gateway\.port: expected a number/);
    expectError(`${VALID}gateway:\n  host: ""\n`, 32, /^gateway\.host: must not be empty/);
    expectError(`${VALID}gateway:\n  deadlineMs: 0\n`, 32, /^gateway\.deadlineMs: must be ≥ 1/);
    expectError(`${VALID}gateway:\n  cursorSecret: ""\n`, 32, /^gateway\.cursorSecret: must not be empty/);
    expectError(`${VALID}gateway:\n  introspection: "yes"\n`, 32, /^gateway\.introspection: expected true or false/);
    expectError(`${VALID}gateway:\n  shareInFlightReads: 1\n`, 32, /^gateway\.shareInFlightReads: expected true, false or fetches/);
    expectError(`${VALID}gateway:\n  shareInFlightReads: executions\n`, 32, /^gateway\.shareInFlightReads: expected true, false or fetches/);
  });

  it('classifications: missing file', () => {
    expectError(`${VALID}classifications:\n  file: nope.csv\n`, 32, /^classifications\.file: file not found: .*nope\.csv/);
    expectError(`${VALID}classifications: nope.csv\n`, 31, /^classifications: expected a mapping/);
  });
});
