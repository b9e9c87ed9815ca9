/**
 * The live registry across two gateway instances sharing Redis, with the
 * network subgraph following the same records: a cooperative subgraph started
 * during the test is registered through the admin API of one instance,
 * appears in network-wide search on both within seconds, is updated through
 * the other and removed — while a steady stream of queries to both runs
 * without one failed request.
 */
import { randomUUID } from 'node:crypto';
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
import { RedisStore } from '../../gateway/state/redisStore';
import { startNetworkSubgraph } from '../../subgraphs/network/start';
import { gql } from '../helpers/gql';
import { captureIo, catalogue, describeWithRedis, freePort, queryStream, REDIS_URL, serveMarketplaceVariant, supergraphYaml, until } from './harness';

const TOKEN = 'two-gateways-admin-token';
const TIMINGS = { pollMs: 1000, retryMs: 2000, drainMs: 2000 };
const PREFIX = `sbnet-test-${randomUUID().slice(0, 8)}:`;
const SEARCH = '{ products(filter: { text: "공통" }, first: 50) { totalCount nodes { id name cooperative { id name } } } }';

describeWithRedis('the live registry on two gateways sharing Redis', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sbnet-two-'));
  const file = join(dir, 'supergraph.yaml');
  const servers: RunningServer[] = [];
  const stores: RedisStore[] = [];
  let a: RunningLiveGateway;
  let b: RunningLiveGateway;
  let follower: LiveRegistry;

  const redis = () => {
    const store = new RedisStore({ url: REDIS_URL, prefix: PREFIX, log: silentLogger });
    stores.push(store);
    return store;
  };

  const serve = async (id: string, word: string) => {
    const server = await serveMarketplaceVariant({ cooperativeId: id, data: catalogue(id, word) });
    servers.push(server);
    return server;
  };

  const sbnet = async (gatewayUrl: string, ...argv: string[]) => {
    const cap = captureIo({ SBNET_ADMIN_TOKEN: TOKEN, SBNET_GATEWAY_URL: gatewayUrl }, dir);
    const code = await runCommand(argv, cap.io);
    return { code, out: cap.stdout(), err: cap.stderr() };
  };

  const coopsFound = async (gatewayUrl: string): Promise<Set<string>> => {
    const res = await gql(gatewayUrl, SEARCH);
    return new Set((res.data?.products.nodes ?? []).map((n: any) => n.cooperative.id));
  };

  beforeAll(async () => {
    const alpha = await serve('alpha', '공통 기본');
    const networkUrl = `http://127.0.0.1:${await freePort()}/graphql`;
    writeFileSync(file, supergraphYaml(networkUrl, [{ id: 'alpha', marketplace: alpha.url }]));
    const config = loadSupergraphConfig(file);
    follower = await startLiveRegistry({ config, store: redis(), checks: false, log: silentLogger, ...TIMINGS });
    servers.push(await startNetworkSubgraph({ registry: follower.registry, directory: follower, port: Number(new URL(networkUrl).port) }));
    const options = { config, port: 0, log: silentLogger, adminChecks: [staticTokenCheck(TOKEN)], registryTimings: TIMINGS };
    a = await startLiveGateway({ ...options, store: redis() });
    b = await startLiveGateway({ ...options, store: redis() });
    await Promise.all([a.live.waitForVerdict('alpha', 5000), b.live.waitForVerdict('alpha', 5000)]);
  }, 30_000);

  afterAll(async () => {
    await Promise.allSettled([a?.close(), b?.close(), follower?.close()]);
    await Promise.allSettled(servers.map((s) => s.close()));
    const cleaner = stores[0];
    if (cleaner) await cleaner.del(await cleaner.keys('*')).catch(() => undefined);
    await Promise.allSettled(stores.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds, updates and removes a cooperative on both instances within seconds, with no failed request', async () => {
    const stream = queryStream([a.url, b.url], SEARCH, 4);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(await coopsFound(a.url)).toEqual(new Set(['alpha']));

      // Add through gateway A.
      const first = await serve('newco', '공통 신규');
      const started = performance.now();
      const added = await sbnet(a.url, 'coop', 'add', 'newco', '--name', '신규조합', '--marketplace', first.url);
      expect(added.out).toContain('added newco: ADMITTED');
      expect(added.code).toBe(0);
      const [onA, onB] = await Promise.all([
        until(async () => (await coopsFound(a.url)).has('newco'), 5000, 10),
        until(async () => (await coopsFound(b.url)).has('newco'), 5000, 10),
      ]);
      const addToSearch = Math.round(performance.now() - started);
      expect(addToSearch).toBeLessThan(5000);
      const dir = await gql(b.url, '{ cooperative(id: "newco") { roles admission { state } } }');
      expect(dir.data.cooperative).toEqual({ roles: ['marketplace'], admission: { state: 'ADMITTED' } });

      // Update through gateway B: another address and a longer deadline.
      const second = await serve('newco', '공통 신규');
      const updated = await sbnet(b.url, 'coop', 'update', 'newco', '--marketplace', second.url, '--deadline-ms', '3000');
      expect(updated.code).toBe(0);
      const switched = await until(() => [a, b].every((g) => g.registry.get('newco')?.subgraphs.marketplace === second.url && g.registry.get('newco')?.deadlineMs === 3000), 5000, 10);
      await new Promise((r) => setTimeout(r, 500)); // let requests sent to the old address finish
      await first.close();
      await new Promise((r) => setTimeout(r, 500));

      // Remove through gateway A; the old subgraph stops only after the drain.
      const removed = await sbnet(a.url, 'coop', 'remove', 'newco');
      expect(removed.code).toBe(0);
      const goneA = await until(async () => !(await coopsFound(a.url)).has('newco'), 5000, 10);
      const goneB = await until(async () => !(await coopsFound(b.url)).has('newco'), 5000, 10);
      await until(() => [a, b].every((g) => g.registry.get('newco') === undefined), 10_000, 50);
      await second.close();
      await new Promise((r) => setTimeout(r, 500));

      if (process.env.SBNET_REPORT_TIMINGS) {
        process.stdout.write(`MEASURED coop add → in network search: ${addToSearch} ms (admitted ${onA} ms / ${onB} ms after the add returned on A / B); update applied on both: ${switched} ms; removal out of search on A ${goneA} ms, B ${goneB} ms; ${stream.sent} queries\n`);
      }
    } finally {
      await stream.stop();
    }
    expect(stream.failures).toEqual([]);
    expect(stream.sent).toBeGreaterThan(100);
  }, 60_000);
});
