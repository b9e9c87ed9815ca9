/**
 * Who sees what, through the real gateway over real HTTP subgraphs that check
 * the gateway's signature: every role on every path (orders, order(id),
 * Order entities, orderStats, placeOrder, cancelOrder, the catalogue), bad
 * tokens of every kind, and the gateway narrowing its fan-out so refused
 * cooperatives are never called.
 */
import { gql } from '../helpers/gql';
import { BUYER_B, MEMBER_A, OTHER_A, fixtureCoops } from './support/fixtures';
import { AUTH, bearer, startSecureNetwork, tokenFor, type SecureNetwork } from './support/network';

let net: SecureNetwork;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  net = await startSecureNetwork(fixtureCoops());
  tokens.member = await tokenFor('member', { coop: 'acoop', business_number: MEMBER_A });
  tokens.coopAdmin = await tokenFor('coop_admin', { coop: 'acoop' });
  tokens.bAdmin = await tokenFor('coop_admin', { coop: 'bcoop' });
  tokens.analyst = await tokenFor('analyst');
  tokens.fed = await tokenFor('federation_admin');
});
afterAll(async () => net?.close());

type Who = 'anonymous' | 'member' | 'coopAdmin' | 'analyst' | 'fed';
const as = (who: Who) => (who === 'anonymous' ? {} : bearer(tokens[who]));
const ask = (who: Who, query: string, variables: Record<string, unknown> = {}) => gql(net.url, query, variables, as(who));
const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (res.errors ?? []).map((e) => e.extensions?.code);
const sentTo = (since: number) => [...new Set(net.sent.slice(since).map((c) => c.cooperativeId))].sort();

const ORDERS = `query($coops: [ID!], $filter: OrderFilter) {
  orders(first: 20, cooperatives: $coops, filter: $filter) { totalCount nodes { id buyer { businessNumber } } }
}`;
const ORDER = 'query($id: ID!) { order(id: $id) { id status buyer { businessNumber } } }';
const STATS = '{ orderStats(groupBy: [COOPERATIVE]) { cooperative { id } count } }';
const CATALOGUE = `{
  products(first: 5) { totalCount nodes { id name inventory { onHand } } }
  suppliers(first: 5) { totalCount }
  productStats(groupBy: [COOPERATIVE]) { cooperative { id } count }
}`;
const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status buyer { businessNumber } } }';
const CANCEL = 'mutation($id: ID!) { cancelOrder(id: $id, reason: "test") { id status } }';
const placeInput = (coop: string, buyer: string, key: string) => ({
  input: { idempotencyKey: key, buyer: { businessNumber: buyer, name: '구매사' }, lines: [{ productId: `${coop}:P01`, quantity: 1 }] },
});

describe('the catalogue is open to every role', () => {
  it.each<Who>(['anonymous', 'member', 'coopAdmin', 'analyst', 'fed'])('%s sees products, suppliers, productStats and inventory', async (who) => {
    const res = await ask(who, CATALOGUE);
    expect(res.status).toBe(200);
    expect(res.errors).toBeUndefined();
    expect(res.data.products.totalCount).toBe(4);
    expect(res.data.products.nodes.find((n: { id: string }) => n.id.startsWith('acoop:')).inventory).toEqual({ onHand: 10 });
    expect(res.data.productStats.map((b: { count: number }) => b.count)).toEqual([2, 2]);
  });
});

describe('identical queries in flight from different callers (they share executions only within one caller)', () => {
  it('each caller gets its own answer when all send the same query at the same moment', async () => {
    const who: Who[] = ['anonymous', 'member', 'coopAdmin', 'fed', 'analyst', 'member', 'fed', 'anonymous'];
    const answers = await Promise.all(who.map((w) => ask(w, ORDERS)));
    const total = (res: { data?: { orders?: { totalCount: number } } | null }) => res.data?.orders?.totalCount;
    answers.forEach((res, i) => {
      if (who[i] === 'anonymous') expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      if (who[i] === 'analyst') expect(codes(res)).toEqual(['FORBIDDEN']);
      if (who[i] === 'member') expect(total(res)).toBe(2);
      if (who[i] === 'coopAdmin') expect(total(res)).toBe(3);
      if (who[i] === 'fed') expect(total(res)).toBe(5);
    });
  });

  it('one caller sending the same query many times at once gets the same answer every time, from one fan-out', async () => {
    const since = net.sent.length;
    const answers = await Promise.all(Array.from({ length: 6 }, () => ask('fed', ORDERS)));
    for (const res of answers) expect(res).toEqual(answers[0]);
    expect(answers[0].data.orders.totalCount).toBe(5);
    // One call per cooperative, however many requests.
    expect(net.sent.slice(since).map((c) => c.cooperativeId).sort()).toEqual(['acoop', 'bcoop']);
  });
});

describe('orders (the list)', () => {
  it('anonymous: UNAUTHENTICATED, no cooperative called', async () => {
    const since = net.sent.length;
    const res = await ask('anonymous', ORDERS);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
    expect(res.data).toBeNull();
    expect(sentTo(since)).toEqual([]);
  });

  it('analyst: FORBIDDEN (statistics, not individual orders)', async () => {
    expect(codes(await ask('analyst', ORDERS))).toEqual(['FORBIDDEN']);
  });

  it('member: its own orders in its cooperative only; only that cooperative is called', async () => {
    const since = net.sent.length;
    const res = await ask('member', ORDERS);
    expect(res.errors).toBeUndefined();
    expect(res.data.orders.totalCount).toBe(2);
    expect(res.data.orders.nodes.map((n: { id: string }) => n.id).sort()).toEqual(['acoop:O1', 'acoop:O3']);
    expect(new Set(res.data.orders.nodes.map((n: { buyer: { businessNumber: string } }) => n.buyer.businessNumber))).toEqual(new Set([MEMBER_A]));
    expect(sentTo(since)).toEqual(['acoop']);
  });

  it("member: asking for another company's orders or another cooperative is FORBIDDEN, nothing sent", async () => {
    const since = net.sent.length;
    expect(codes(await ask('member', ORDERS, { filter: { buyerBusinessNumber: OTHER_A } }))).toEqual(['FORBIDDEN']);
    expect(codes(await ask('member', ORDERS, { coops: ['bcoop'] }))).toEqual(['FORBIDDEN']);
    expect(sentTo(since)).toEqual([]);
    const own = await ask('member', ORDERS, { filter: { buyerBusinessNumber: MEMBER_A.replace(/-/g, '') } });
    expect(own.data.orders.totalCount).toBe(2);
  });

  it('coop_admin: every order of its cooperative, no other cooperative called', async () => {
    const since = net.sent.length;
    const res = await ask('coopAdmin', ORDERS);
    expect(res.data.orders.totalCount).toBe(3);
    expect(res.data.orders.nodes.every((n: { id: string }) => n.id.startsWith('acoop:'))).toBe(true);
    expect(sentTo(since)).toEqual(['acoop']);
    expect(codes(await ask('coopAdmin', ORDERS, { coops: ['acoop', 'bcoop'] }))).toEqual(['FORBIDDEN']);
  });

  it('federation_admin: every order of every cooperative', async () => {
    const res = await ask('fed', ORDERS);
    expect(res.data.orders.totalCount).toBe(5);
  });
});

describe('order(id:)', () => {
  it.each<[Who, string, string | null]>([
    ['anonymous', 'acoop:O1', 'UNAUTHENTICATED'],
    ['analyst', 'acoop:O1', 'FORBIDDEN'],
    ['member', 'acoop:O1', null],
    ['member', 'acoop:O2', 'FORBIDDEN'], // another company's order
    ['member', 'bcoop:O2', 'FORBIDDEN'], // its own order, but in another cooperative
    ['coopAdmin', 'acoop:O2', null],
    ['coopAdmin', 'bcoop:O1', 'FORBIDDEN'],
    ['fed', 'bcoop:O1', null],
  ])('%s asking for %s → %s', async (who, id, code) => {
    const res = await ask(who, ORDER, { id });
    if (code === null) {
      expect(res.errors).toBeUndefined();
      expect(res.data.order.id).toBe(id);
    } else {
      expect(res.data?.order ?? null).toBeNull();
      expect(codes(res)).toEqual([code]);
    }
  });

  it('a cooperative the caller may not see is never called', async () => {
    const since = net.sent.length;
    await ask('coopAdmin', ORDER, { id: 'bcoop:O1' });
    await ask('member', ORDER, { id: 'bcoop:O2' });
    expect(sentTo(since)).toEqual([]);
  });

  it('malformed and unknown ids keep their own errors', async () => {
    expect(codes(await ask('member', ORDER, { id: 'nocolon' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await ask('fed', ORDER, { id: 'ghost:O1' }))).toEqual(['COOPERATIVE_NOT_FOUND']);
  });
});

describe('Order entities (fulfillment from the erp subgraph)', () => {
  const Q = '{ orders(first: 10) { nodes { id fulfillment { trackingNumber } } } }';

  it('member and coop_admin get fulfilment of the orders they see', async () => {
    const member = await ask('member', Q);
    expect(member.errors).toBeUndefined();
    expect(member.data.orders.nodes).toEqual([
      { id: 'acoop:O3', fulfillment: { trackingNumber: 'T-O3' } },
      { id: 'acoop:O1', fulfillment: { trackingNumber: 'T-O1' } },
    ]);
    const admin = await ask('coopAdmin', '{ order(id: "acoop:O2") { id fulfillment { trackingNumber } } }');
    expect(admin.data.order).toEqual({ id: 'acoop:O2', fulfillment: { trackingNumber: 'T-O2' } });
  });
});

describe('orderStats', () => {
  it.each<[Who, string | null, number[]]>([
    ['anonymous', 'UNAUTHENTICATED', []],
    ['member', null, [2]], // its own orders in its cooperative
    ['coopAdmin', null, [3]],
    ['analyst', null, [3, 2]], // every cooperative
    ['fed', null, [3, 2]],
  ])('%s → %s %j', async (who, code, counts) => {
    const res = await ask(who, STATS);
    if (code) return void expect(codes(res)).toEqual([code]);
    expect(res.errors).toBeUndefined();
    expect(res.data.orderStats.map((b: { count: number }) => b.count)).toEqual(counts);
  });

  it('coop_admin naming another cooperative in cooperatives: is FORBIDDEN', async () => {
    const res = await ask('coopAdmin', '{ orderStats(cooperatives: ["bcoop"]) { count } }');
    expect(codes(res)).toEqual(['FORBIDDEN']);
  });
});

describe('placeOrder', () => {
  it.each<[Who, string, string, string | null]>([
    ['anonymous', 'acoop', MEMBER_A, 'UNAUTHENTICATED'],
    ['analyst', 'acoop', MEMBER_A, 'FORBIDDEN'],
    ['member', 'acoop', OTHER_A, 'FORBIDDEN'], // not as itself
    ['member', 'bcoop', MEMBER_A, 'FORBIDDEN'], // not in its cooperative
    ['coopAdmin', 'bcoop', BUYER_B, 'FORBIDDEN'],
    ['member', 'acoop', MEMBER_A, null],
    ['coopAdmin', 'acoop', OTHER_A, null], // on behalf of any buyer of its cooperative
    ['fed', 'bcoop', BUYER_B, null],
  ])('%s ordering at %s for %s → %s', async (who, coop, buyer, code) => {
    const before = net.mutationsSent().length;
    const res = await ask(who, PLACE, placeInput(coop, buyer, `access-${who}-${coop}-${buyer}`));
    if (code) {
      expect(codes(res)).toEqual([code]);
      expect(net.mutationsSent().length).toBe(before);
    } else {
      expect(res.errors).toBeUndefined();
      expect(res.data.placeOrder).toMatchObject({ status: 'RECEIVED', buyer: { businessNumber: buyer } });
      expect(net.mutationsSent().length).toBe(before + 1);
    }
  });
});

describe('cancelOrder', () => {
  it('anonymous: UNAUTHENTICATED; analyst: FORBIDDEN; nothing sent', async () => {
    const before = net.mutationsSent().length;
    expect(codes(await ask('anonymous', CANCEL, { id: 'acoop:O1' }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await ask('analyst', CANCEL, { id: 'acoop:O1' }))).toEqual(['FORBIDDEN']);
    expect(net.mutationsSent().length).toBe(before);
  });

  it("member: another company's order is FORBIDDEN before the mutation is sent; its own is cancelled", async () => {
    const before = net.mutationsSent().length;
    expect(codes(await ask('member', CANCEL, { id: 'acoop:O2' }))).toEqual(['FORBIDDEN']);
    expect(net.mutationsSent().length).toBe(before);
    const mine = await ask('member', CANCEL, { id: 'acoop:O3' });
    expect(mine.data.cancelOrder).toEqual({ id: 'acoop:O3', status: 'CANCELLED' });
  });

  it('coop_admin: another cooperative is FORBIDDEN and not called; its own cooperative works', async () => {
    const since = net.sent.length;
    expect(codes(await ask('coopAdmin', CANCEL, { id: 'bcoop:O1' }))).toEqual(['FORBIDDEN']);
    expect(sentTo(since)).toEqual([]);
    const placed = await ask('coopAdmin', PLACE, placeInput('acoop', OTHER_A, 'cancel-me'));
    const res = await ask('coopAdmin', CANCEL, { id: placed.data.placeOrder.id });
    expect(res.data.cancelOrder.status).toBe('CANCELLED');
  });
});

describe('bad tokens on every path', () => {
  const PATHS: Array<[string, string, Record<string, unknown>]> = [
    ['catalogue', '{ products(first: 1) { totalCount } }', {}],
    ['orders', ORDERS, {}],
    ['order(id)', ORDER, { id: 'acoop:O1' }],
    ['orderStats', STATS, {}],
    ['placeOrder', PLACE, placeInput('acoop', MEMBER_A, 'bad-token')],
    ['cancelOrder', CANCEL, { id: 'acoop:O1' }],
  ];
  const BAD: Array<[string, () => Promise<string>]> = [
    ['forged (another secret)', () => tokenFor('federation_admin', {}, { secret: 'an-attackers-secret-0123456789abcdefgh' })],
    ['expired', () => tokenFor('federation_admin', {}, { expiresIn: -60 })],
    ['wrong audience', () => tokenFor('federation_admin', {}, { audience: 'another-service' })],
    ['wrong issuer', () => tokenFor('federation_admin', {}, { issuer: 'someone-else' })],
    ['unsigned (alg none)', async () => unsignedToken({ role: 'federation_admin', iss: AUTH.issuer, aud: AUTH.audience })],
    ['tampered claims', async () => tamper(await tokenFor('member', { coop: 'acoop', business_number: MEMBER_A }), { role: 'federation_admin' })],
    ['member without a valid 사업자등록번호', () => tokenFor('member', { coop: 'acoop', business_number: '123-45-67890' })],
    ['unknown role', () => tokenFor('root' as never)],
    ['garbage', async () => 'not-a-jwt'],
  ];

  describe.each(BAD)('%s', (_name, make) => {
    it.each(PATHS)('%s → 401 UNAUTHENTICATED, nothing sent', async (_path, query, variables) => {
      const since = net.sent.length;
      const res = await gql(net.url, query, variables, bearer(await make()));
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data).toBeUndefined();
      expect(net.sent.length).toBe(since);
    });
  });

  it('a non-Bearer Authorization header is refused too', async () => {
    const res = await gql(net.url, '{ products { totalCount } }', {}, { authorization: 'Basic YWRtaW46YWRtaW4=' });
    expect(res.status).toBe(401);
    expect(codes(res)).toEqual(['UNAUTHENTICATED']);
  });
});

function unsignedToken(payload: Record<string, unknown>): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ ...payload, exp: Math.floor(Date.now() / 1000) + 600 })}.`;
}

/** The token with its payload changed and the original signature kept. */
function tamper(token: string, changes: Record<string, unknown>): string {
  const [header, payload, signature] = token.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
  return `${header}.${Buffer.from(JSON.stringify({ ...claims, ...changes })).toString('base64url')}.${signature}`;
}
