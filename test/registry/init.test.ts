/**
 * `sbnet init coop <id> --adapter <kind>` writes, for every legacy kind, a
 * commented config that loads as written and passes its adapter's settings
 * check — so the only thing left to do is to change the marked values.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '../../cli/commands';
import { COOP_TEMPLATES, TEMPLATE_KINDS } from '../../cli/commands/coopTemplates';
import { csvSettings } from '../../adapters/csv';
import { ADAPTERS } from '../../adapters';
import { readRestSettings } from '../../adapters/rest/settings';
import { readSoapSettings } from '../../adapters/soap/settings';
import { loadCoopConfig, type CoopConfig } from '../../core/coopConfig';
import { captureIo } from './harness';

const dir = mkdtempSync(join(tmpdir(), 'sbnet-init-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function init(...argv: string[]) {
  const cap = captureIo({}, dir);
  const code = await runCommand(['init', ...argv], cap.io);
  return { code, out: cap.stdout(), err: cap.stderr() };
}

const SETTINGS_CHECKS: Record<string, (config: CoopConfig) => void> = {
  rest: (c) => void readRestSettings(c),
  soap: (c) => void readSoapSettings(c),
  csv: (c) => void csvSettings(c),
  sqlite: (c) => expect(typeof c.legacy.database).toBe('string'),
  postgres: (c) => expect(c.legacy).toMatchObject({ url: expect.stringMatching(/^postgres:\/\//), schema: 'public', poolSize: 5 }),
  mariadb: (c) => expect(c.legacy).toMatchObject({ url: expect.stringMatching(/^mysql:\/\//), poolSize: 5 }),
};

describe('sbnet init coop', () => {
  it('has a template for every adapter kind the CLI can run', () => {
    expect([...TEMPLATE_KINDS].sort()).toEqual(Object.keys(ADAPTERS).sort());
  });

  it.each(TEMPLATE_KINDS)('writes a %s config that loads and passes its adapter settings check', async (kind) => {
    const { code, out } = await init('coop', `co-${kind}`, '--adapter', kind);
    expect(code).toBe(0);
    const template = COOP_TEMPLATES[kind];
    const name = template.roles.length === 1 ? `co-${kind}.${template.roles[0]}.yaml` : `co-${kind}.yaml`;
    const file = join(dir, name);
    expect(out).toContain(`wrote ${file}`);
    for (const role of template.roles) expect(out).toContain(`npx sbnet subgraph ${role} --adapter ${kind} --config ${name}`);
    expect(out).toContain(`npx sbnet check ${template.roles[0]} http://127.0.0.1:4101/graphql --id co-${kind}`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('# SB-NET adapter config of cooperative');
    expect(text).toContain('←');
    const config = loadCoopConfig(file);
    expect(config).toMatchObject({ cooperative: `co-${kind}`, pricesIncludeVat: false });
    if (template.roles.includes('marketplace')) expect(config).toMatchObject({ categories: { F01: '56101703' }, units: { 개: 'EA' } });
    SETTINGS_CHECKS[kind](config);
    for (const role of template.roles) expect(ADAPTERS[kind][role]).toBeDefined();
  });

  it('suggests the port given with --port in the config and the next steps', async () => {
    const { out } = await init('coop', 'porty', '--adapter', 'sqlite', '--port', '4161');
    expect(out).toContain('npx sbnet subgraph marketplace --adapter sqlite --config porty.yaml --port 4161');
    expect(out).toContain('npx sbnet subgraph erp --adapter sqlite --config porty.yaml --port 4162');
    expect(out).toContain('npx sbnet check marketplace http://127.0.0.1:4161/graphql --id porty');
    expect(readFileSync(join(dir, 'porty.yaml'), 'utf8')).toContain('#   npx sbnet subgraph erp --adapter sqlite --config porty.yaml --port 4162');
  });

  it('does not overwrite a file unless asked', async () => {
    await init('coop', 'keepme', '--adapter', 'rest');
    const again = await init('coop', 'keepme', '--adapter', 'rest');
    expect(again.code).toBe(2);
    expect(again.err).toContain('exists; choose another --out or add --force');
    expect((await init('coop', 'keepme', '--adapter', 'rest', '--force')).code).toBe(0);
    expect((await init('coop', 'keepme', '--adapter', 'soap', '--out', 'other.yaml')).code).toBe(0);
    expect(existsSync(join(dir, 'other.yaml'))).toBe(true);
  });

  it('explains the steps for a cooperative on its own GraphQL subgraph, writing nothing', async () => {
    const { code, out } = await init('coop', 'owngql', '--adapter', 'graphql');
    expect(code).toBe(0);
    expect(out).toContain('npx sbnet check marketplace <your subgraph URL> --id owngql');
    expect(existsSync(join(dir, 'owngql.marketplace.yaml'))).toBe(false);
  });

  it('refuses bad ids and unknown kinds with exit code 2', async () => {
    expect((await init('coop', 'Bad_Id', '--adapter', 'rest')).err).toContain('"Bad_Id" is not a cooperative id');
    const unknown = await init('coop', 'okid', '--adapter', 'oracle');
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown adapter kind "oracle"');
    expect((await init('coop', 'okid')).err).toContain('--adapter <kind> is required');
    expect((await init('coop', 'okid', '--adapter', 'rest', '--colour', 'red')).code).toBe(2);
  });
});
