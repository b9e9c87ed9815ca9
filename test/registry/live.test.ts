/**
 * The live registry on one gateway (in-process state store): cooperatives
 * added, changed and removed through `sbnet coop` and by editing
 * supergraph.yaml while the gateway serves, each new one contract-checked
 * before it is routed to, the reasons visible in `sbnet coop list` and the
 * network directory.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningServer } from '../../core/http/serve';
import { silentLogger } from '../../core/log';
import { runCommand } from '../../cli/commands';
import { staticTokenCheck } from '../../gateway/admin';
import { loadSupergraphConfig } from '../../gateway/config/supergraphConfig';
import { startLiveGateway, startLiveRegistry, type RunningLiveGateway } from '../../gateway/registry/liveGateway';
import type { LiveRegistry } from '../../gateway/registry/liveRegistry';
import { MemoryStore } from '../../gateway/state/memoryStore';
import { startNetworkSubgraph } from '../../subgraphs/network/start';
import { gql } from '../helpers/gql';
import { captureIo, catalogue, edit, freePort, serveMarketplaceVariant, supergraphYaml, until, type FileCoop } from './harness';

const TOKEN = 'registry-test-admin-token';
const TIMINGS = { pollMs: 300, retryMs: 800, drainMs: 1500 };
const dir = mkdtempSync(join(tmpdir(), 'sbnet-live-'));
const file = join(dir, 'supergraph.yaml');
const servers: RunningServer[] = [];
let networkUrl: string;
let gateway: RunningLiveGateway;
let follower: LiveRegistry;
const store = new MemoryStore();
let alphaUrl: string;

async function serve(id: string, word: string, opts: Partial<Parameters<typeof serveMarketplaceVariant>[0]> = {}): Promise<RunningServer> {
  const server = await serveMarketplaceVariant({ cooperativeId: id, data: catalogue(id, word), ...opts });
  servers.push(server);
  return server;
}

function writeFile(coops: FileCoop[]): void {
  writeFileSync(file, supergraphYaml(networkUrl, coops));
}

async function sbnet(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const cap = captureIo({ SBNET_ADMIN_TOKEN: TOKEN, SBNET_GATEWAY_URL: gateway.url }, dir);
  const code = await runCommand(argv, cap.io);
  return { code, out: cap.stdout(), err: cap.stderr() };
}

async function searchIds(text: string): Promise<string[]> {
  const res = await gql(gateway.url, 'query($t: String) { products(filter: { text: $t }, first: 100) { nodes { id cooperative { id name } } } }', { t: text });
  expect(res.errors).toBeUndefined();
  return res.data.products.nodes.map((n: any) => n.id);
}

async function directory(id: string): Promise<any> {
  const res = await gql(gateway.url, 'query($id: ID!) { cooperative(id: $id) { id roles joinedAt marketplaceSystem status admission { state reason checkedAt } } }', { id });
  expect(res.errors).toBeUndefined();
  return res.data.cooperative;
}

beforeAll(async () => {
  alphaUrl = (await serve('alpha', '기본')).url;
  networkUrl = `http://127.0.0.1:${await freePort()}/graphql`;
  writeFile([{ id: 'alpha', marketplace: alphaUrl, extra: '    joinedAt: 2026-03-02' }]);
  const config = loadSupergraphConfig(file);
  follower = await startLiveRegistry({ config, store, checks: false, log: silentLogger, ...TIMINGS });
  const network = await startNetworkSubgraph({ registry: follower.registry, directory: follower, port: Number(new URL(networkUrl).port) });
  servers.push(network);
  gateway = await startLiveGateway({ config, store, port: 0, log: silentLogger, adminChecks: [staticTokenCheck(TOKEN)], registryTimings: TIMINGS });
}, 30_000);

afterAll(async () => {
  await gateway?.close();
  await follower?.close();
  await Promise.allSettled(servers.map((s) => s.close()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the live registry on one gateway', () => {
  it('routes the cooperatives of supergraph.yaml at once and admits them after their check', async () => {
    expect(gateway.registry.get('alpha')).toBeDefined();
    await gateway.live.waitForVerdict('alpha', 5000);
    const { code, out } = await sbnet('coop', 'list');
    expect(code).toBe(0);
    expect(out).toMatch(/^ID\s+ADMISSION\s+ROUTED\s+SOURCE\s+ROLES\s+JOINED\s+NAME$/m);
    expect(out).toMatch(/^alpha\s+ADMITTED\s+yes\s+file\s+marketplace\s+2026-03-02\s+alpha 조합$/m);
    expect(out).toContain('registry shared through this gateway only (no Redis)');
    expect((await searchIds('기본')).length).toBe(12);
  });

  it('adds a cooperative with sbnet coop add: checked, then in network search and the directory', async () => {
    const newco = await serve('newco', '신규');
    const started = performance.now();
    const { code, out } = await sbnet('coop', 'add', 'newco', '--name', '신규조합', '--marketplace', newco.url, '--region', '부산', '--marketplace-system', 'rest');
    expect(out).toMatch(/added newco: ADMITTED after \d+\.\d s — routed to marketplace http:\/\/127\.0\.0\.1:\d+\/graphql/);
    expect(code).toBe(0);
    const visible = await until(async () => (await searchIds('신규')).length === 12, 5000);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(visible).toBeLessThan(5000);
    const entry = await directory('newco');
    expect(entry).toMatchObject({ id: 'newco', roles: ['marketplace'], marketplaceSystem: 'rest', admission: { state: 'ADMITTED', reason: null } });
    expect(entry.joinedAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('keeps a cooperative that fails its check out, with the reason in sbnet coop list and the directory', async () => {
    const broken = await serve('brokenco', '고장', { sdl: edit(/\n  "Valid GTIN[^\n]*\n  gtin: String\n/, '\n'), resolvers: (r) => ({ ...r, Product: Object.fromEntries(Object.entries(r.Product).filter(([k]) => k !== 'gtin')) }) });
    const { code, out } = await sbnet('coop', 'add', 'brokenco', '--name', '고장조합', '--marketplace', broken.url);
    expect(code).toBe(1);
    expect(out).toContain('added brokenco: REJECTED — not routed');
    expect(out).toContain('✗ marketplace: missing field Product.gtin (String)');
    expect(out).toContain('then run: sbnet coop check brokenco');
    const list = await sbnet('coop', 'list');
    expect(list.out).toMatch(/^brokenco\s+REJECTED\s+no\s+api\s+marketplace\s+-\s+고장조합$/m);
    expect(list.out).toContain('└ marketplace: missing field Product.gtin (String)');
    expect(await directory('brokenco')).toMatchObject({ admission: { state: 'REJECTED', reason: 'marketplace: missing field Product.gtin (String)' }, joinedAt: null });
    const rejected = await gql(gateway.url, '{ cooperatives(admission: [REJECTED]) { id } }');
    expect(rejected.data.cooperatives).toEqual([{ id: 'brokenco' }]);
    expect(await searchIds('고장')).toEqual([]);
    const scoped = await gql(gateway.url, '{ products(cooperatives: ["brokenco"]) { totalCount } }');
    expect(scoped.errors?.[0].extensions?.code).toBe('COOPERATIVE_NOT_FOUND');
  });

  it('admits it after a fix at the same address and sbnet coop check', async () => {
    const url = (await gateway.live.get('brokenco'))!.subgraphs.marketplace;
    const port = Number(new URL(url).port);
    await servers.find((s) => s.url === url)!.close();
    await serve('brokenco', '고장', { port });
    const { code, out } = await sbnet('coop', 'check', 'brokenco');
    expect(out).toMatch(/checked brokenco: ADMITTED/);
    expect(code).toBe(0);
    expect((await searchIds('고장')).length).toBe(12);
  });

  it('retries a cooperative registered before its subgraph runs, and admits it once it answers', async () => {
    const port = await freePort();
    const { code, out } = await sbnet('coop', 'add', 'lateco', '--name', '늦은조합', '--marketplace', `http://127.0.0.1:${port}/graphql`);
    expect(code).toBe(1);
    expect(out).toMatch(/REJECTED — not routed\n  not reachable \(marketplace: .*connection refused.*\); checked again every 1 s/);
    await serve('lateco', '늦음', { port });
    await until(() => gateway.live.get('lateco')?.admission.state === 'ADMITTED', 5000);
    expect((await searchIds('늦음')).length).toBe(12);
  });

  it('updates URL and deadline: the deadline at once, the new URL after its check', async () => {
    const before = gateway.registry.get('newco')!.subgraphs.marketplace;
    const moved = await serve('newco', '신규');
    const { code, out } = await sbnet('coop', 'update', 'newco', '--marketplace', moved.url, '--deadline-ms', '3000');
    expect(out).toMatch(/updated newco: ADMITTED/);
    expect(code).toBe(0);
    expect(gateway.registry.get('newco')).toMatchObject({ deadlineMs: 3000, subgraphs: { marketplace: moved.url } });
    expect(moved.url).not.toBe(before);
    // A failing new URL keeps the old one routed.
    const bad = await serve('newco', '신규', { sdl: edit('type Product @key(fields: "id")', 'type Product @key(fields: "sku")') });
    const refused = await sbnet('coop', 'update', 'newco', '--marketplace', bad.url);
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(`updated newco: REJECTED (still routed to marketplace ${moved.url})`);
    expect(gateway.registry.get('newco')!.subgraphs.marketplace).toBe(moved.url);
    expect((await searchIds('신규')).length).toBe(12);
    const back = await sbnet('coop', 'update', 'newco', '--marketplace', moved.url);
    expect(back.code).toBe(0);
  });

  it('removes a cooperative: out of search at once, reachable by id while it drains, then unknown', async () => {
    const { code, out } = await sbnet('coop', 'remove', 'newco');
    expect(code).toBe(0);
    expect(out).toContain('removed newco');
    expect(await searchIds('신규')).toEqual([]);
    expect(gateway.registry.get('newco')).toMatchObject({ draining: true });
    const byId = await gql(gateway.url, '{ product(id: "newco:P-001") { id name cooperative { name } } }');
    expect(byId.errors).toBeUndefined();
    expect(byId.data.product).toMatchObject({ id: 'newco:P-001', cooperative: { name: '신규조합' } });
    await until(() => gateway.registry.get('newco') === undefined, 5000);
    const gone = await gql(gateway.url, '{ product(id: "newco:P-001") { id } }');
    expect(gone.errors?.[0].extensions).toMatchObject({ code: 'COOPERATIVE_NOT_FOUND', cooperativeId: 'newco' });
  });

  it('applies edits of supergraph.yaml: a new cooperative is checked first; a bad edit is refused with file:line, the last good registry stays', async () => {
    const fileco = await serve('fileco', '파일');
    writeFile([{ id: 'alpha', marketplace: alphaUrl, extra: '    joinedAt: 2026-03-02' }, { id: 'fileco', marketplace: fileco.url }]);
    await until(() => gateway.live.get('fileco')?.admission.state === 'ADMITTED', 5000);
    expect((await searchIds('파일')).length).toBe(12);

    writeFileSync(file, supergraphYaml(networkUrl, [{ id: 'alpha', marketplace: alphaUrl }, { id: 'fileco', marketplace: fileco.url, extra: '    deadlineMs: -5' }]));
    await until(() => !gateway.live.fileStatus().ok, 5000);
    const list = await sbnet('coop', 'list');
    expect(list.out).toMatch(new RegExp(`supergraph.yaml: last edit refused — ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: cooperatives\\[1\\]\\.deadlineMs: must be ≥ 1`));
    expect(gateway.registry.get('fileco')).toBeDefined();
    // The follower watches the same file on its own: wait for its watcher too, not just the gateway's.
    await until(() => !follower.fileStatus().ok, 5000);
    expect(follower.fileStatus().ok).toBe(false);

    writeFile([{ id: 'alpha', marketplace: alphaUrl, extra: '    joinedAt: 2026-03-02' }]);
    await until(() => gateway.live.fileStatus().ok && gateway.live.get('fileco') === undefined, 5000);
    expect(await searchIds('파일')).toEqual([]);
  });

  it('refuses API changes to a cooperative of the file, naming file:line', async () => {
    const { code, err } = await sbnet('coop', 'update', 'alpha', '--deadline-ms', '100');
    expect(code).toBe(1);
    expect(err).toContain(`cooperative alpha is defined in ${file}:17; change it there (the file is watched)`);
    const add = await sbnet('coop', 'add', 'alpha', '--name', 'x', '--marketplace', alphaUrl);
    expect(add.err).toContain('cooperative alpha is already in');
  });

  it('refuses malformed entries with the line of the request body', async () => {
    const res = await fetch(`${gateway.url.replace(/\/graphql$/, '')}/admin/cooperatives`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/yaml' },
      body: 'id: okid\nname: 조합\nsubgraphs:\n  marketplace: not a url\n',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ errors: [{ message: 'request body:4: subgraphs.marketplace: invalid URL "not a url"', extensions: { code: 'BAD_USER_INPUT' } }] });
    const usage = await sbnet('coop', 'add', 'okid', '--marketplace', alphaUrl);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('--name is required');
  });

  it('answers unknown cooperatives, routes and methods plainly', async () => {
    const base = `${gateway.url.replace(/\/graphql$/, '')}/admin/cooperatives`;
    const auth = { authorization: `Bearer ${TOKEN}` };
    const missing = await fetch(`${base}/nosuch`, { headers: auth });
    expect(missing.status).toBe(404);
    expect((await missing.json()).errors[0]).toEqual({ message: 'no cooperative nosuch in the registry', extensions: { code: 'COOPERATIVE_NOT_FOUND' } });
    const wrongMethod = await fetch(`${base}/alpha`, { method: 'POST', headers: auth });
    expect([wrongMethod.status, wrongMethod.headers.get('allow')]).toEqual([405, 'GET, PATCH, DELETE']);
    expect((await fetch(`${base}/alpha/nonsense`, { headers: auth })).status).toBe(404);
    const removeUnknown = await sbnet('coop', 'remove', 'nosuch');
    expect([removeUnknown.code, removeUnknown.err]).toEqual([1, 'sbnet coop: no cooperative nosuch registered through the API\n']);
  });

  it('guards the admin API with the admin token', async () => {
    const base = `${gateway.url.replace(/\/graphql$/, '')}/admin/cooperatives`;
    expect((await fetch(base)).status).toBe(401);
    expect((await fetch(`${base}/alpha`, { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect((await fetch(`${base}/alpha`, { headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    const cap = captureIo({ SBNET_GATEWAY_URL: gateway.url }, dir);
    expect(await runCommand(['coop', 'list'], cap.io)).toBe(1);
    expect(cap.stderr()).toContain('SBNET_ADMIN_TOKEN is not set');
  });
});
