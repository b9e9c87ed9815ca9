/**
 * The response cache on a real Redis, through the real gateway: warm
 * network-wide queries make no cooperative call, one stale cooperative costs
 * one call, `_entities` members are cached one by one, entries expire with
 * their TTL, orders are never cached, and one cooperative's entries are
 * purged by the admin endpoint and by `sbnet cache purge`.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectPath } from '../../core/paths';
import { purgeCommand } from '../../gateway/cache/purge';
import { loadSupergraphConfig } from '../../gateway/config/supergraphConfig';
import { RedisStore } from '../../gateway/state/redisStore';
import { CountingErp } from '../helpers/adapters';
import { gql } from '../helpers/gql';
import { randomCoopData, rng } from '../helpers/randomData';
import { observe, startResilientNet, type ResilientNet } from './support/net';
import { describeWithRedis, REDIS_URL, uniquePrefix } from './support/redis';

const TOKEN = 'test-admin-token-0123456789';
const STATS_TTL_S = 0.4;

describeWithRedis('response cache on Redis', () => {
  const r = rng(21);
  const coops = ['c0', 'c1', 'c2'].map((id) => ({ id, data: randomCoopData(r, 8) }));
  const erps = new Map(coops.map((c) => [c.id, new CountingErp(new Set(c.data.products.map((p) => p.localId)))]));
  const prefix = uniquePrefix('cache');
  let store: RedisStore;
  let net: ResilientNet;
  let calls: ReturnType<typeof observe>;
  let previousToken: string | undefined;

  beforeAll(async () => {
    previousToken = process.env.SBNET_ADMIN_TOKEN;
    process.env.SBNET_ADMIN_TOKEN = TOKEN;
    store = new RedisStore({ url: REDIS_URL, prefix });
    await store.ready();
    net = await startResilientNet(
      coops.map((c) => ({ ...c, erp: erps.get(c.id) })),
      { store, gateway: { cache: { ttl: { marketplace: { Product: 60, ProductStatsBucket: STATS_TTL_S }, erp: { Product: 60 } } } } },
    );
    calls = observe(net.gateways[0]);
  });
  afterAll(async () => {
    if (previousToken === undefined) delete process.env.SBNET_ADMIN_TOKEN;
    else process.env.SBNET_ADMIN_TOKEN = previousToken;
    await net?.close();
    await store?.del(await store.keys('*')).catch(() => 0);
    await store?.close();
  });

  const url = () => net.gateways[0].url;
  const admin = (path: string, init: RequestInit = {}) => fetch(url().replace('/graphql', path), init);
  const PAGE = `{ products(first: 6) { totalCount nodes { id name inventory { onHand } } } }`;
  const NAMES = `{ products(first: 6) { nodes { id name } } }`;

  it('a network-wide query whose cooperatives are all warm makes no cooperative call', async () => {
    calls.length = 0;
    const cold = await gql(url(), PAGE);
    expect(cold.errors).toBeUndefined();
    const coldCalls = calls.length;
    expect(calls.filter((c) => c.role === 'marketplace')).toHaveLength(3);
    calls.length = 0;
    const warm = await gql(url(), PAGE);
    expect(warm).toEqual(cold);
    expect(calls).toHaveLength(0);
    expect(coldCalls).toBeGreaterThan(3); // the cold one also fetched inventory from the ERPs
    const metrics = await (await admin('/metrics')).text();
    expect(metrics).toMatch(/sbnet_cache_hits_total\{cooperative="c0",role="marketplace",type="ProductConnection"\} 1/);
  });

  it('purging one cooperative (admin endpoint) costs exactly one call to it on the next query', async () => {
    await gql(url(), NAMES);
    expect((await admin('/admin/cache/purge?cooperative=c1', { method: 'POST' })).status).toBe(401);
    const res = await admin('/admin/cache/purge?cooperative=c1', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { cooperative: string; purged: number; inRegistry: boolean };
    expect(body).toMatchObject({ cooperative: 'c1', inRegistry: true });
    expect(body.purged).toBeGreaterThan(0);
    calls.length = 0;
    expect((await gql(url(), NAMES)).errors).toBeUndefined();
    expect(calls.map((c) => `${c.cooperativeId}/${c.role}`)).toEqual(['c1/marketplace']);
    expect((await admin('/admin/cache/purge?cooperative=Bad!', { method: 'POST', headers: { authorization: `Bearer ${TOKEN}` } })).status).toBe(400);
  });

  it('a batch of entities with one new member asks the ERP for that member only', async () => {
    const ONE = (first: number) => `{ products(first: ${first}, cooperatives: ["c2"]) { nodes { id inventory { onHand } } } }`;
    await gql(url(), ONE(2));
    const erp = erps.get('c2')!;
    erp.calls = 0;
    const seen: string[][] = [];
    const original = erp.getInventory.bind(erp);
    erp.getInventory = async (ids) => {
      seen.push([...ids]);
      return original(ids);
    };
    const res = await gql(url(), ONE(3));
    expect(res.errors).toBeUndefined();
    const third = res.data.products.nodes[2].id;
    expect(seen).toEqual([[third.slice('c2:'.length)]]);
    expect(res.data.products.nodes.every((n: any) => n.inventory.onHand > 0)).toBe(true);
    erp.getInventory = original;
  });

  it('entries expire with their type\'s TTL', async () => {
    const STATS = `{ productStats(groupBy: [COOPERATIVE]) { cooperative { id } count } }`;
    calls.length = 0;
    const first = await gql(url(), STATS);
    expect(calls).toHaveLength(3);
    await gql(url(), STATS);
    expect(calls).toHaveLength(3);
    await new Promise((res) => setTimeout(res, STATS_TTL_S * 1000 + 150));
    expect(await gql(url(), STATS)).toEqual(first);
    expect(calls).toHaveLength(6);
  });

  it('never stores orders', async () => {
    await gql(url(), `{ orders(first: 5) { nodes { id } } }`);
    await gql(url(), `{ orders(first: 5) { nodes { id } } }`);
    const keys = await store.keys('cache:*');
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.filter((k) => /:Order/.test(k))).toEqual([]);
  });

  it('`sbnet cache purge` removes one cooperative\'s entries straight from Redis', async () => {
    await gql(url(), NAMES);
    const dir = mkdtempSync(join(tmpdir(), 'sbnet-purge-'));
    try {
      const file = join(dir, 'supergraph.yaml');
      writeFileSync(
        file,
        `subgraphs:
  marketplace:
    tenants: cooperatives
    schema: { file: ${projectPath('subgraphs/marketplace/schema.graphql')} }
cooperatives: []
gateway:
  redis: { url: "${REDIS_URL}", prefix: "${prefix}" }
`,
      );
      const config = loadSupergraphConfig(file);
      const outcome = await purgeCommand({ cooperativeId: 'c0', config });
      expect(outcome.via).toBe('redis');
      expect(outcome.purged).toBeGreaterThan(0);
      expect(await store.keys('cache:c0:*')).toEqual([]);
      expect((await store.keys('cache:c2:*')).length).toBeGreaterThan(0);
      // Through the gateway's admin endpoint instead:
      const viaGateway = await purgeCommand({ cooperativeId: 'c2', config, gatewayUrl: url().replace('/graphql', ''), token: TOKEN });
      expect(viaGateway.purged).toBeGreaterThan(0);
      expect(await store.keys('cache:c2:*')).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
