/**
 * Exactly once, under load: 1,000 concurrent placeOrder calls over 100
 * idempotency keys, spread over four cooperatives on four real legacy kinds
 * (REST/JSON mall, SOAP/EUC-KR mall, SQLite ERP, a Mercurius cooperative),
 * with the first answer of every fifth key lost on its way back and every
 * client retrying until it has its order. Afterwards each legacy system is
 * read directly, through its own interface: exactly 100 new orders, one per
 * key, and every client holds that key's order. Once with one gateway on the
 * in-process store, once with two gateways sharing Redis.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { CoopConfig } from '../../core/coopConfig';
import type { CooperativeEntry } from '../../core/registry';
import { silentLogger } from '../../core/log';
import { generateDataset } from '../../demo/data/generate';
import type { LegacyDataset } from '../../demo/data/types';
import { startMercuriusCooperative, type RunningMercuriusCooperative } from '../../demo/legacy/mercurius/server';
import { startRestLegacy, type RestLegacyHandle } from '../../demo/legacy/rest/server';
import { startSoapLegacy, type SoapLegacyHandle } from '../../demo/legacy/soap/server';
import { seedSqlite } from '../../demo/legacy/sql/seed';
import { SoapClient } from '../../adapters/soap/client';
import type { CallObserver, CooperativeCall, SendResult, Sender } from '../../gateway/router/send';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { MemoryStore } from '../../gateway/state/memoryStore';
import { RedisStore } from '../../gateway/state/redisStore';
import type { StateStore } from '../../gateway/state/store';
import type { RunningSubgraph } from '../../subgraphs/serve';
import { startRoleSubgraph } from '../../subgraphs/startCooperative';
import { gql } from '../helpers/gql';
import { describeWithRedis, REDIS_URL, uniquePrefix } from '../resilience/support/redis';
import { AUTH, RecordingSender, bearer, secureConfig, tokenFor } from './support/network';

const KEYS = 100;
const CALLS_PER_KEY = 10;
const BUYER = { businessNumber: '105-86-12348', name: '동시주문 시험구매' };
const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id buyer { businessNumber } } }';

/** The four legacy systems, each read through its own interface. */
interface LegacySide {
  id: string;
  /** Orders the legacy system holds in all. */
  total(): Promise<number>;
  /** Orders it holds under one idempotency key. */
  withKey(key: string): Promise<number>;
}

const profile = (id: string, seed: number): Parameters<typeof generateDataset>[0] => ({
  id,
  industry: 'furniture',
  productCount: 40,
  memberCount: 6,
  orderCount: 20,
  pricesIncludeVat: false,
  seed,
});

function coopConfig(dataset: LegacyDataset, legacy: Record<string, unknown>, baseDir: string): CoopConfig {
  return {
    cooperative: dataset.cooperative,
    legacy,
    pricesIncludeVat: dataset.pricesIncludeVat,
    categories: dataset.categories,
    units: dataset.units,
    gatewaySecret: AUTH.identitySecret,
    baseDir,
  };
}

const closers: Array<() => Promise<void>> = [];
const legacy: LegacySide[] = [];
const entries: CooperativeEntry[] = [];
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sbnet-conc-'));
  closers.push(async () => rmSync(dir, { recursive: true, force: true }));
  const started: Array<Promise<unknown>> = [];

  // REST/JSON mall.
  const restData = generateDataset(profile('crest', 11));
  const rest: RestLegacyHandle = await startRestLegacy({ dataset: restData });
  closers.push(rest.close);
  const restOrders = async (params: string) => ((await (await fetch(`${rest.url}/api/v1/orders?page=1&size=1${params}`)).json()) as { totalCnt: number }).totalCnt;
  legacy.push({ id: 'crest', total: () => restOrders(''), withKey: (k) => restOrders(`&clientOrderKey=${encodeURIComponent(k)}`) });
  started.push(role(restData, 'rest', { url: rest.url }));

  // SOAP/XML mall in EUC-KR.
  const soapData = generateDataset(profile('csoap', 22));
  const soap: SoapLegacyHandle = await startSoapLegacy({ dataset: soapData });
  closers.push(soap.close);
  const soapClient = new SoapClient({ endpoint: soap.url, pageSize: 100, timeoutMs: 10_000 });
  const soapOrders = async (key?: string) => Number((await soapClient.call('GetOrderList', { PageNo: 1, PageSize: 1, ...(key ? { ClientOrderKey: key } : {}) })).TotalCount);
  legacy.push({ id: 'csoap', total: () => soapOrders(), withKey: (k) => soapOrders(k) });
  started.push(role(soapData, 'soap', { url: soap.url }));

  // SQLite ERP (ORD_HDR).
  const sqlData = generateDataset(profile('csql', 33));
  const file = join(dir, 'csql.sqlite');
  seedSqlite(file, sqlData);
  const db = new Database(file, { readonly: true, fileMustExist: true });
  closers.push(async () => void db.close());
  const count = (where: string, ...params: unknown[]) => (db.prepare(`SELECT COUNT(*) AS N FROM ORD_HDR ${where}`).get(...params) as { N: number }).N;
  legacy.push({ id: 'csql', total: async () => count(''), withKey: async (k) => count('WHERE IDEMP_KEY = ?', k) });
  started.push(role(sqlData, 'sqlite', { database: file }));

  // A cooperative already on GraphQL (Mercurius): its store is its legacy side.
  const mercurius: RunningMercuriusCooperative = await startMercuriusCooperative({ cooperativeId: 'cmerc', dataset: generateDataset(profile('cmerc', 44)), port: 0 });
  closers.push(mercurius.close);
  const mercOrders = () => mercurius.store.searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 0, after: null }).totalCount;
  legacy.push({ id: 'cmerc', total: async () => mercOrders(), withKey: async (k) => (mercurius.store.orderWithKey(k) ? 1 : 0) });
  entries.push({ id: 'cmerc', name: 'cmerc', subgraphs: { marketplace: mercurius.url } });

  await Promise.all(started);

  async function role(dataset: LegacyDataset, kind: string, settings: Record<string, unknown>): Promise<void> {
    const server: RunningSubgraph = await startRoleSubgraph({ role: 'marketplace', adapterKind: kind, config: coopConfig(dataset, settings, dir), log: silentLogger });
    closers.push(server.close);
    entries.push({ id: dataset.cooperative, name: dataset.cooperative, subgraphs: { marketplace: server.url } });
  }
}, 60_000);

afterAll(async () => {
  for (const close of closers.reverse()) await close().catch(() => undefined);
});

/** Loses the first answer to placeOrder for every fifth key: the order is made, the gateway never hears. */
class LosingSender implements Sender {
  readonly lost = new Set<string>();
  constructor(private readonly inner: Sender) {}
  async send(call: CooperativeCall): Promise<SendResult> {
    const result = await this.inner.send(call);
    const key = (call.variables.input as { idempotencyKey?: string } | undefined)?.idempotencyKey;
    if (call.mutation && key && /placeOrder/.test(call.query) && Number(key.split('-').pop()) % 5 === 0 && !this.lost.has(key)) {
      this.lost.add(key);
      return { ok: false, outcome: 'timeout', reason: 'answer lost (simulated)' };
    }
    return result;
  }
  onCall(observer: CallObserver) {
    return this.inner.onCall(observer);
  }
  close() {
    return this.inner.close();
  }
}

interface Gateways {
  urls: string[];
  lost: Set<string>;
  close(): Promise<void>;
}

async function startGateways(count: number, store: () => Promise<StateStore>): Promise<Gateways> {
  const config = secureConfig(entries, {
    deadlineMs: 10_000,
    // Generous bulkheads and a circuit that does not open: this test is about exactly-once, not load shedding.
    resilience: { maxInFlight: 64, maxQueue: 5000, queueTimeoutMs: 20_000, circuit: { failureThreshold: 100_000, minimumRequests: 100_000 } },
  });
  const lost = new Set<string>();
  const gateways: RunningGateway[] = [];
  const senders: RecordingSender[] = [];
  for (let i = 0; i < count; i++) {
    const recording = new RecordingSender();
    senders.push(recording);
    const losing = new LosingSender(recording);
    // Lost answers are shared knowledge across gateways, so each key loses one answer in all.
    (losing as { lost: Set<string> }).lost = lost;
    gateways.push(await startGateway({ config, port: 0, log: silentLogger, sender: losing, store: await store() }));
  }
  return {
    urls: gateways.map((g) => g.url),
    lost,
    close: async () => {
      await Promise.all(gateways.map((g) => g.close()));
      await Promise.all(senders.map((s) => s.close()));
    },
  };
}

/** One orderable product per cooperative (its minimum quantity). */
async function orderableProducts(url: string, token: string): Promise<Map<string, { id: string; quantity: number }>> {
  const out = new Map<string, { id: string; quantity: number }>();
  for (const { id } of entries) {
    const res = await gql(url, 'query($c: [ID!]) { products(first: 1, cooperatives: $c) { nodes { id minOrderQuantity } } }', { c: [id] }, bearer(token));
    const node = res.data.products.nodes[0];
    out.set(id, { id: node.id, quantity: node.minOrderQuantity });
  }
  return out;
}

/** One client: retries (with the same key) until it has its order. */
async function client(url: string, token: string, key: string, productId: string, quantity: number): Promise<{ id: string; attempts: number }> {
  const input = { idempotencyKey: key, buyer: BUYER, lines: [{ productId, quantity }] };
  for (let attempt = 1; attempt <= 30; attempt++) {
    // A connection reset is an answer lost too: the client cannot know whether the order was made, so it retries.
    const res = await gql(url, PLACE, { input }, bearer(token)).catch(() => ({ data: undefined, errors: [{ message: 'no answer', extensions: { code: 'COOPERATIVE_UNAVAILABLE' } }] }));
    if (res.data?.placeOrder) return { id: res.data.placeOrder.id, attempts: attempt };
    const codes = (res.errors ?? []).map((e) => e.extensions?.code);
    if (!codes.every((c) => c === 'COOPERATIVE_UNAVAILABLE')) throw new Error(`${key}: unexpected ${JSON.stringify(res.errors)}`);
    await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
  }
  throw new Error(`${key}: no order after 30 attempts`);
}

async function run(label: string, gateways: Gateways): Promise<void> {
  const token = await tokenFor('federation_admin', {}, { subject: `load-${label}` });
  const products = await orderableProducts(gateways.urls[0], token);
  const before = new Map(await Promise.all(legacy.map(async (l) => [l.id, await l.total()] as const)));
  const keys = Array.from({ length: KEYS }, (_, i) => ({ key: `conc-${label}-${i}`, coop: entries[i % entries.length].id }));

  const calls = keys.flatMap(({ key, coop }, k) =>
    Array.from({ length: CALLS_PER_KEY }, (_, c) => {
      const product = products.get(coop)!;
      return client(gateways.urls[(k + c) % gateways.urls.length], token, key, product.id, product.quantity).then((r) => ({ key, ...r }));
    }),
  );
  const results = await Promise.all(calls);

  // Every client of a key holds the same order, and answers were really lost (and retried).
  const byKey = new Map<string, Set<string>>();
  for (const r of results) byKey.set(r.key, (byKey.get(r.key) ?? new Set()).add(r.id));
  expect(results).toHaveLength(KEYS * CALLS_PER_KEY);
  expect([...byKey.values()].every((ids) => ids.size === 1)).toBe(true);
  expect(new Set([...byKey.values()].map((ids) => [...ids][0])).size).toBe(KEYS);
  expect(gateways.lost.size).toBe(KEYS / 5);
  expect(results.some((r) => r.attempts > 1)).toBe(true);

  // The legacy side, read directly: exactly one order per key, exactly 100 new orders in all.
  let created = 0;
  for (const side of legacy) {
    const mine = keys.filter((k) => k.coop === side.id);
    for (const { key } of mine) expect({ key, orders: await side.withKey(key) }).toEqual({ key, orders: 1 });
    const added = (await side.total()) - before.get(side.id)!;
    expect({ coop: side.id, added }).toEqual({ coop: side.id, added: mine.length });
    created += added;
  }
  expect(created).toBe(KEYS);
}

describe('1,000 concurrent placeOrder over 100 keys', () => {
  it('one gateway, in-process store: exactly 100 orders in the legacy systems', async () => {
    const gateways = await startGateways(1, async () => new MemoryStore());
    try {
      await run('mem', gateways);
    } finally {
      await gateways.close();
    }
  }, 120_000);
});

describeWithRedis('1,000 concurrent placeOrder over 100 keys, two gateways sharing Redis', () => {
  const prefix = uniquePrefix('concurrency');
  const stores: RedisStore[] = [];
  afterAll(async () => {
    const cleanup = stores[0];
    if (cleanup) await cleanup.del(await cleanup.keys('*')).catch(() => 0);
    await Promise.all(stores.map((s) => s.close()));
  });

  it('exactly 100 orders in the legacy systems, whichever gateway each call reached', async () => {
    const gateways = await startGateways(2, async () => {
      const store = new RedisStore({ url: REDIS_URL, prefix, commandTimeoutMs: 5000 });
      stores.push(store);
      if (!(await store.ready(5000))) throw new Error(`Redis at ${REDIS_URL} did not accept a connection`);
      return store;
    });
    try {
      await run('redis', gateways);
    } finally {
      await gateways.close();
    }
  }, 120_000);
});
