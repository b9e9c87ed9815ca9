/**
 * Defence in depth. A role subgraph with a gateway secret refuses calls that
 * do not carry the gateway's signature (called directly, forged, expired,
 * signed for another cooperative) and applies the access rules itself to
 * signed calls; and the gateway alone keeps tenants apart even in front of
 * subgraphs that have no secret.
 */
import { gql } from '../helpers/gql';
import { IDENTITY_HEADER, signIdentity, type Identity } from '../../subgraphs/shared/identity';
import { BUYER_B, MEMBER_A, OTHER_A, fixtureCoops } from './support/fixtures';
import { AUTH, bearer, startSecureNetwork, tokenFor, type SecureNetwork } from './support/network';

const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (res.errors ?? []).map((e) => e.extensions?.code);
const member: Identity = { role: 'member', cooperativeId: 'acoop', businessNumber: MEMBER_A };
const signed = (identity: Identity, audience = 'acoop', secret: string = AUTH.identitySecret, nowMs = Date.now()) => ({
  [IDENTITY_HEADER]: signIdentity(identity, secret, audience, nowMs),
});

describe('a role subgraph called directly', () => {
  let net: SecureNetwork;
  let market: string;
  let erp: string;
  beforeAll(async () => {
    net = await startSecureNetwork(fixtureCoops());
    market = net.subgraphUrls.get('acoop-marketplace')!;
    erp = net.subgraphUrls.get('acoop-erp')!;
  });
  afterAll(async () => net?.close());

  it.each([
    ['no signature', {}],
    ['a client bearer token instead of the signature', { authorization: 'Bearer x' }],
    ['a signature with another secret', signed({ role: 'federation_admin' }, 'acoop', 'not-the-gateway-secret-0123456789abcdef')],
    ['a signature for another cooperative', signed({ role: 'federation_admin' }, 'bcoop')],
    ['an expired signature', signed({ role: 'federation_admin' }, 'acoop', AUTH.identitySecret, Date.now() - 3600_000)],
    ['a malformed header', { [IDENTITY_HEADER]: 'v1.e30.AAAA' }],
  ])('with %s: 401 UNAUTHENTICATED for data, catalogue included', async (_name, headers) => {
    for (const query of ['{ orders { totalCount } }', '{ products { totalCount } }']) {
      const res = await gql(market, query, {}, headers as Record<string, string>);
      expect(res.status).toBe(401);
      expect(codes(res)).toEqual(['UNAUTHENTICATED']);
      expect(res.data).toBeUndefined();
    }
    const fulfilment = await gql(erp, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { fulfillment { status } } } }', { r: [{ __typename: 'Order', id: 'acoop:O1' }] }, headers as Record<string, string>);
    expect(fulfilment.status).toBe(401);
  });

  it('schema-only operations (_service, introspection) need no signature', async () => {
    const res = await gql(market, '{ _service { sdl } }');
    expect(res.status).toBe(200);
    expect(res.data._service.sdl).toContain('type Order');
  });

  it('enforces the rules on signed calls too: a member sees its own orders only', async () => {
    const list = await gql(market, '{ orders(first: 10) { totalCount nodes { id } } }', {}, signed(member));
    expect(list.data.orders.totalCount).toBe(2);
    const asked = await gql(market, `{ orders(filter: { buyerBusinessNumber: "${OTHER_A}" }) { totalCount } }`, {}, signed(member));
    expect(asked.data.orders.totalCount).toBe(0);
    const other = await gql(market, '{ order(id: "acoop:O2") { id } }', {}, signed(member));
    expect(codes(other)).toEqual(['FORBIDDEN']);
    const entity = await gql(market, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { id } } }', { r: [{ __typename: 'Order', id: 'acoop:O1' }, { __typename: 'Order', id: 'acoop:O2' }] }, signed(member));
    expect(entity.data._entities[0]).toEqual({ id: 'acoop:O1' });
    expect(entity.data._entities[1]).toBeNull();
    expect(codes(entity)).toEqual(['FORBIDDEN']);
    const stats = await gql(market, '{ orderStats { count } }', {}, signed(member));
    expect(stats.data.orderStats).toEqual([{ count: 2 }]);
  });

  it('refuses mutations outside the caller’s rights', async () => {
    const place = 'mutation($b: String!) { placeOrder(input: { idempotencyKey: "direct-1", buyer: { businessNumber: $b, name: "x" }, lines: [{ productId: "acoop:P01", quantity: 1 }] }) { id } }';
    expect(codes(await gql(market, place, { b: OTHER_A }, signed(member)))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(market, place, { b: MEMBER_A }, signed({ role: 'analyst' })))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(market, place, { b: MEMBER_A }, signed({ role: 'anonymous' })))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await gql(market, 'mutation { cancelOrder(id: "acoop:O2") { id } }', {}, signed(member)))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(market, 'mutation { cancelOrder(id: "acoop:O2") { id } }', {}, signed({ role: 'coop_admin', cooperativeId: 'bcoop' })))).toEqual(['FORBIDDEN']);
  });

  it('other roles: coop_admin of another cooperative, analyst, anonymous', async () => {
    expect(codes(await gql(market, '{ orders { totalCount } }', {}, signed({ role: 'coop_admin', cooperativeId: 'bcoop' })))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(market, '{ orders { totalCount } }', {}, signed({ role: 'analyst' })))).toEqual(['FORBIDDEN']);
    expect((await gql(market, '{ orderStats { count } }', {}, signed({ role: 'analyst' }))).data.orderStats).toEqual([{ count: 3 }]);
    expect(codes(await gql(market, '{ orders { totalCount } }', {}, signed({ role: 'anonymous' })))).toEqual(['UNAUTHENTICATED']);
    expect((await gql(market, '{ products { totalCount } }', {}, signed({ role: 'anonymous' }))).data.products.totalCount).toBe(2);
  });

  it('the erp subgraph keeps order fulfilment to those who see the cooperative’s orders', async () => {
    const q = 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Order { fulfillment { trackingNumber } } } }';
    const r = [{ __typename: 'Order', id: 'acoop:O1' }];
    expect(codes(await gql(erp, q, { r }, signed({ role: 'coop_admin', cooperativeId: 'bcoop' })))).toEqual(['FORBIDDEN']);
    expect(codes(await gql(erp, q, { r }, signed({ role: 'analyst' })))).toEqual(['FORBIDDEN']);
    expect((await gql(erp, q, { r }, signed({ role: 'coop_admin', cooperativeId: 'acoop' }))).data._entities).toEqual([{ fulfillment: { trackingNumber: 'T-O1' } }]);
    // Stock is catalogue: anyone the gateway vouches for.
    const stock = await gql(erp, 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Product { inventory { onHand } } } }', { r: [{ __typename: 'Product', id: 'acoop:P01' }] }, signed({ role: 'anonymous' }));
    expect(stock.data._entities).toEqual([{ inventory: { onHand: 10 } }]);
  });
});

describe('the gateway alone, in front of subgraphs without a secret', () => {
  let net: SecureNetwork;
  let token: string;
  beforeAll(async () => {
    net = await startSecureNetwork(fixtureCoops(), { unsignedSubgraphs: true });
    token = await tokenFor('member', { coop: 'acoop', business_number: MEMBER_A });
  });
  afterAll(async () => net?.close());
  const ask = (query: string, variables: Record<string, unknown> = {}) => gql(net.url, query, variables, bearer(token));

  it("pins a member's order list and stats to its own buyer number", async () => {
    const res = await ask('{ orders(first: 10) { totalCount nodes { id buyer { businessNumber } } } orderStats { count } }');
    expect(res.data.orders.totalCount).toBe(2);
    expect(res.data.orders.nodes.map((n: { id: string }) => n.id)).toEqual(['acoop:O3', 'acoop:O1']);
    expect(res.data.orderStats).toEqual([{ count: 2 }]);
  });

  it("checks whose order order(id:) returned, without showing the probe", async () => {
    const own = await ask('{ order(id: "acoop:O1") { id status } }');
    expect(own.data.order).toEqual({ id: 'acoop:O1', status: 'RECEIVED' });
    const other = await ask('{ order(id: "acoop:O2") { id status } }');
    expect(other.data.order).toBeNull();
    expect(codes(other)).toEqual(['FORBIDDEN']);
  });

  it("reads the owner before cancelling: another company's order is never cancelled", async () => {
    const before = net.mutationsSent().length;
    const res = await ask('mutation { cancelOrder(id: "acoop:O2") { id status } }');
    expect(codes(res)).toEqual(['FORBIDDEN']);
    expect(net.mutationsSent().length).toBe(before);
    const admin = await tokenFor('federation_admin');
    const check = await gql(net.url, '{ order(id: "acoop:O2") { status } }', {}, bearer(admin));
    expect(check.data.order.status).toBe('RECEIVED');
  });

  it('refuses another cooperative and another buyer before sending', async () => {
    const since = net.sent.length;
    expect(codes(await ask('{ order(id: "bcoop:O2") { id } }'))).toEqual(['FORBIDDEN']);
    const place = 'mutation { placeOrder(input: { idempotencyKey: "k", buyer: { businessNumber: "' + BUYER_B + '", name: "x" }, lines: [{ productId: "acoop:P01", quantity: 1 }] }) { id } }';
    expect(codes(await ask(place))).toEqual(['FORBIDDEN']);
    expect(net.sent.length).toBe(since);
  });
});
