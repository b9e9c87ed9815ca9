/**
 * Query limits on the client's operation, refused before any cooperative is
 * called: cost (fan-out multiplies by the cooperatives reached), depth,
 * batch size, body size; introspection off unless enabled; per-client rate
 * limits with retry-after.
 */
import { InMemoryMarketplace } from '../../subgraphs/marketplace/inMemoryAdapter';
import type { CallRecord } from '../../gateway/router/send';
import { gql } from '../helpers/gql';
import { randomCoopData, rng } from '../helpers/randomData';
import { MEMBER_A, fixtureCoops } from './support/fixtures';
import { bearer, startSecureNetwork, tokenFor, type SecureNetwork } from './support/network';
import { RedisStore } from '../../gateway/state/redisStore';
import { describeWithRedis, REDIS_URL, uniquePrefix } from '../resilience/support/redis';

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (res.errors ?? []).map((e) => e.extensions?.code);

async function post(url: string, body: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

describe('cost and depth', () => {
  const COOPS = 20;
  let net: SecureNetwork;
  const calls: CallRecord[] = [];
  let admin: string;
  beforeAll(async () => {
    const r = rng(7);
    const coops = Array.from({ length: COOPS }, (_, i) => ({ id: `c${String(i).padStart(2, '0')}`, marketplace: new InMemoryMarketplace(randomCoopData(r, 15)) }));
    net = await startSecureNetwork(coops, { limits: { maxCost: 5000, maxDepth: 8 } });
    net.gateway.sender.onCall((c) => calls.push(c));
    admin = await tokenFor('federation_admin');
  });
  afterAll(async () => net?.close());

  const DEEP = `query($coops: [ID!]) {
    products(first: 20, cooperatives: $coops) {
      totalCount
      nodes { id name price { amount } supplier { name products(first: 10) { nodes { id name price { amount vat } } } } }
    }
  }`;

  it('refuses a deep query over every cooperative before any cooperative is called, with the cost and the limit', async () => {
    calls.length = 0;
    const sentBefore = net.sent.length;
    const res = await gql(net.url, DEEP);
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    const { cost, limit } = res.errors![0].extensions!;
    expect(limit).toBe(5000);
    // 20 cooperatives × (products 1 + totalCount 1 + nodes 1 + 20 × (id, name, price, amount, supplier, name, products, nodes = 8 + 10 × 5)) = 23,260
    expect(cost).toBe(COOPS * (3 + 20 * (8 + 10 * 5)));
    expect(calls).toEqual([]);
    expect(net.sent.length).toBe(sentBefore);
  });

  it('passes the same query narrowed by cooperatives:', async () => {
    calls.length = 0;
    const res = await gql(net.url, DEEP, { coops: ['c03'] });
    expect(res.errors).toBeUndefined();
    expect(res.data.products.totalCount).toBe(15);
    expect(new Set(calls.map((c) => c.cooperativeId))).toEqual(new Set(['c03']));
  });

  it('counts only the cooperatives a caller may see: a coop_admin’s orders reach one', async () => {
    const ORDERS = '{ orders(first: 100) { nodes { id lines { quantity product { name supplier { name } } } } } }';
    // Every cooperative: 20 × (2 + 100 × (3 + 10 × 5)) > 5000 …
    expect(codes(await gql(net.url, ORDERS, {}, bearer(admin)))).toEqual(['QUERY_TOO_COMPLEX']);
    // … its own cooperative only: 1 × (2 + 100 × 53) > 5000 still; first: 50 → 2,652
    const own = await tokenFor('coop_admin', { coop: 'c05' });
    expect(codes(await gql(net.url, ORDERS, {}, bearer(own)))).toEqual(['QUERY_TOO_COMPLEX']);
    const res = await gql(net.url, ORDERS.replace('first: 100', 'first: 50'), {}, bearer(own));
    expect(res.errors).toBeUndefined();
  });

  it('refuses depth beyond the limit with the depth found', async () => {
    calls.length = 0;
    const res = await gql(net.url, '{ products(first: 1) { nodes { supplier { products(first: 1) { nodes { supplier { products(first: 1) { nodes { id } } } } } } } } }');
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(res.errors![0].extensions).toMatchObject({ depth: 9, maxDepth: 8 });
    expect(calls).toEqual([]);
  });

  it('fragments and aliases are counted like the fields they stand for', async () => {
    const aliased = `fragment P on Product { id name price { amount vat currency } }
      { ${Array.from({ length: 8 }, (_, i) => `a${i}: products(first: 10) { nodes { ...P } }`).join(' ')} }`;
    const res = await gql(net.url, aliased);
    expect(codes(res)).toEqual(['QUERY_TOO_COMPLEX']);
    // per alias: products 1 + nodes 1 + 10 × (id, name, price, amount, vat, currency)
    expect(res.errors![0].extensions!.cost).toBe(8 * COOPS * (2 + 10 * 6));
  });
});

describe('batches, bodies, introspection', () => {
  let net: SecureNetwork;
  beforeAll(async () => {
    net = await startSecureNetwork(fixtureCoops(), { limits: { maxBatch: 3, maxBodyBytes: 20_000, maxCost: 200 } });
  });
  afterAll(async () => net?.close());

  const op = { query: '{ products(first: 1) { totalCount } }' };

  it('answers a batch within maxBatch, refuses a bigger one before anything runs', async () => {
    const ok = await post(net.url, JSON.stringify([op, op, op]));
    expect(ok.status).toBe(200);
    expect(ok.body.map((r: { data: { products: { totalCount: number } } }) => r.data.products.totalCount)).toEqual([4, 4, 4]);
    const sentBefore = net.sent.length;
    const tooMany = await post(net.url, JSON.stringify([op, op, op, op]));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', maxBatch: 3 });
    expect(net.sent.length).toBe(sentBefore);
  });

  it('one cost budget for the whole batch', async () => {
    const heavy = { query: '{ products(first: 20) { nodes { id name } } }' }; // 2 × (2 + 20 × 2) = 84
    const res = await post(net.url, JSON.stringify([heavy, heavy, heavy]));
    expect(res.body[0].data).toBeDefined();
    expect(res.body[1].data).toBeDefined();
    expect(res.body[2].errors[0].extensions).toMatchObject({ code: 'QUERY_TOO_COMPLEX', cost: 252, limit: 200 });
  });

  it('refuses a body over maxBodyBytes with 413', async () => {
    const res = await post(net.url, JSON.stringify({ query: `{ products { totalCount } } ${'#'.repeat(30_000)}` }));
    expect(res.status).toBe(413);
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses introspection unless enabled', async () => {
    const res = await gql(net.url, '{ __schema { queryType { name } } }');
    expect(res.status).toBe(400);
    expect(res.errors![0].message).toMatch(/introspection/i);
    const open = await startSecureNetwork([], { introspection: true });
    try {
      const allowed = await gql(open.url, '{ __schema { queryType { name } } }');
      expect(allowed.data.__schema.queryType.name).toBe('Query');
    } finally {
      await open.close();
    }
  });
});

describe('rate limits', () => {
  let net: SecureNetwork;
  beforeAll(async () => {
    net = await startSecureNetwork(fixtureCoops(), { limits: { rateLimit: { requests: 3, windowMs: 60_000 } } });
  });
  afterAll(async () => net?.close());

  it('allows `requests` per window per client, then 429 RATE_LIMITED with retry-after; other clients are not affected', async () => {
    const member = await tokenFor('member', { coop: 'acoop', business_number: MEMBER_A }, { subject: 'company-a' });
    const other = await tokenFor('analyst', {}, { subject: 'analyst-1' });
    const q = JSON.stringify({ query: '{ products(first: 1) { totalCount } }' });
    for (let i = 0; i < 3; i++) expect((await post(net.url, q, bearer(member))).status).toBe(200);
    const sentBefore = net.sent.length;
    const limited = await post(net.url, q, bearer(member));
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 3 });
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(limited.body.errors[0].extensions.retryAfter).toBe(retryAfter);
    expect(net.sent.length).toBe(sentBefore);
    expect((await post(net.url, q, bearer(other))).status).toBe(200);
  });

  it('counts each operation of a batch', async () => {
    const client = await tokenFor('analyst', {}, { subject: 'batcher' });
    const op = { query: '{ products(first: 1) { totalCount } }' };
    expect((await post(net.url, JSON.stringify([op, op]), bearer(client))).status).toBe(200);
    expect((await post(net.url, JSON.stringify([op, op]), bearer(client))).status).toBe(429);
  });
});

describeWithRedis('rate limits shared by gateways on one Redis', () => {
  it('counts a client across every gateway instance', async () => {
    const prefix = uniquePrefix('ratelimit');
    const stores = [0, 1].map(() => new RedisStore({ url: REDIS_URL, prefix, commandTimeoutMs: 2000 }));
    await Promise.all(stores.map((s) => s.ready(5000)));
    const nets = await Promise.all(stores.map((store) => startSecureNetwork(fixtureCoops(), { store, limits: { rateLimit: { requests: 4, windowMs: 60_000 } } })));
    try {
      const client = await tokenFor('analyst', {}, { subject: 'shared-client' });
      const q = JSON.stringify({ query: '{ products(first: 1) { totalCount } }' });
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await post(nets[i % 2].url, q, bearer(client))).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    } finally {
      await Promise.all(nets.map((n) => n.close()));
      await stores[0].del(await stores[0].keys('*')).catch(() => 0);
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
