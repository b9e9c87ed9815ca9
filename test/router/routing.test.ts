/** Entity, id and input routing through the real gateway: who is called, how often, and what comes back. */
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { CountingErp } from '../helpers/adapters';
import { gql } from '../helpers/gql';
import { startTestNetwork, type TestNetwork } from '../helpers/network';
import { randomCoopData, rng } from '../helpers/randomData';
import type { InMemoryData } from '../../subgraphs/marketplace/inMemoryAdapter';
import { TenantGroupDataSource } from '../../gateway/router/dataSource';
import { CursorCodec } from '../../gateway/router/cursor';
import { Registry } from '../../core/registry';
import { erpRouting } from '../../subgraphs/erp/routing';

const r = rng(99);
const coops = Array.from({ length: 8 }, (_, i) => {
  const data: InMemoryData = randomCoopData(r, 12);
  return { id: `co${i}`, data, erp: i % 2 === 0 ? new CountingErp(new Set(data.products.map((p) => p.localId))) : undefined };
});
let net: TestNetwork;

beforeAll(async () => {
  net = await startTestNetwork(coops);
});
afterAll(async () => net?.close());

const erpCalls = () => net.calls.filter((c) => c.role === 'erp');

describe('entity routing', () => {
  it('splits one _entities fetch by cooperative: exactly one call per cooperative with an ERP', async () => {
    net.calls.length = 0;
    const res = await gql(net.url, '{ products(first: 96) { nodes { id inventory { onHand } } } }');
    expect(res.errors).toBeUndefined();
    const nodes = res.data.products.nodes as Array<{ id: string; inventory: { onHand: number } | null }>;
    expect(nodes).toHaveLength(96);
    const withErp = new Set(coops.filter((c) => c.erp).map((c) => c.id));
    const calls = erpCalls().map((c) => c.cooperativeId).sort();
    expect(calls).toEqual([...withErp].sort());
    for (const n of nodes) {
      const [coop, local] = [n.id.split(':')[0], n.id.slice(n.id.indexOf(':') + 1)];
      // Answers land at their original index: each product gets its own inventory, or null without an ERP.
      expect(n.inventory).toEqual(withErp.has(coop) ? { onHand: local.length * 10 } : null);
    }
  });

  it('puts answers and errors back at the original indexes; unknown cooperative → COOPERATIVE_NOT_FOUND at that path only', async () => {
    const ds = new TenantGroupDataSource(
      { role: 'erp', registry: net.gateway.registry, sender: net.gateway.sender, codec: new CursorCodec('x'), defaultDeadlineMs: 2000 },
      erpRouting,
    );
    const p0 = coops[0].data.products[0].localId;
    const p2 = coops[2].data.products[1].localId;
    const reps = [
      { __typename: 'Product', id: `co2:${p2}` },
      { __typename: 'Product', id: 'ghost:P-1' },
      { __typename: 'Product', id: `co1:${coops[1].data.products[0].localId}` },
      { __typename: 'Product', id: 'not-an-id' },
      { __typename: 'Product', id: `co0:${p0}` },
      { __typename: 'Product', id: `co2:nope` },
    ];
    const res = await ds.process({
      kind: GraphQLDataSourceRequestKind.HEALTH_CHECK,
      context: {},
      request: { query: 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{inventory{onHand}}}}', variables: { representations: reps } },
    });
    expect(res.data?._entities).toEqual([{ inventory: { onHand: p2.length * 10 } }, null, null, null, { inventory: { onHand: p0.length * 10 } }, { inventory: null }]);
    expect(res.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1], 'COOPERATIVE_NOT_FOUND'],
      [['_entities', 3], 'BAD_USER_INPUT'],
    ]);
  });
});

describe('id and input routing', () => {
  it('sends product(id:) to the owning cooperative only', async () => {
    net.calls.length = 0;
    const id = `co3:${coops[3].data.products[2].localId}`;
    const res = await gql(net.url, 'query($id: ID!) { product(id: $id) { id name } }', { id });
    expect(res.data.product).toEqual({ id, name: coops[3].data.products[2].name });
    expect(net.calls.map((c) => c.cooperativeId)).toEqual(['co3']);
  });

  it('a cooperative in the registry without that role answers null, not an error', async () => {
    const res = await gql(net.url, '{ product(id: "co1:P-x") { id } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.product).toBeNull();
  });

  it('routes placeOrder by its products and refuses lines from two cooperatives before sending anything', async () => {
    const mutation = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id total { amount } cooperative { id } } }`;
    const buyer = { businessNumber: '220-81-00127', name: '구매사' };
    const a = coops[4].data.products[0];
    const b = coops[5].data.products[0];
    net.calls.length = 0;
    const cross = await gql(net.url, mutation, {
      input: { idempotencyKey: 'k-cross', buyer, lines: [{ productId: `co4:${a.localId}`, quantity: a.minOrderQuantity }, { productId: `co5:${b.localId}`, quantity: b.minOrderQuantity }] },
    });
    expect(cross.errors?.[0].extensions).toMatchObject({ code: 'CROSS_COOPERATIVE_ORDER', cooperatives: ['co4', 'co5'] });
    expect(net.calls).toHaveLength(0);

    const input = { idempotencyKey: 'k-1', buyer, lines: [{ productId: `co4:${a.localId}`, quantity: 3 }] };
    const first = await gql(net.url, mutation, { input });
    const again = await gql(net.url, mutation, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data.placeOrder.cooperative.id).toBe('co4');
    expect(first.data.placeOrder.total.amount).toBe(a.price.amount * 3);
    expect(again.data.placeOrder.id).toBe(first.data.placeOrder.id);
    expect(new Set(net.calls.map((c) => c.cooperativeId))).toEqual(new Set(['co4']));
  });
});

describe('operation shapes', () => {
  it('merges aliased connections, fragments, @include and typename exactly as the client asked', async () => {
    const res = await gql(
      net.url,
      `query($inc: Boolean!) {
        a: products(first: 3, orderBy: { field: PRICE, direction: DESC }) { ...C __typename }
        b: products(first: 2) { t: totalCount e: edges { c: cursor n: node { i: id } } p: pageInfo { more: hasNextPage } }
      }
      fragment C on ProductConnection { nodes { id price { amount } } totalCount @include(if: $inc) }`,
      { inc: false },
    );
    expect(res.errors).toBeUndefined();
    expect(Object.keys(res.data.a).sort()).toEqual(['__typename', 'nodes']);
    expect(res.data.a.__typename).toBe('ProductConnection');
    const all = coops.flatMap((c) => c.data.products.map((p) => ({ id: `${c.id}:${p.localId}`, amount: p.price.amount })));
    const top = [...all].sort((x, y) => y.amount - x.amount || (x.id < y.id ? -1 : 1)).slice(0, 3);
    expect(res.data.a.nodes).toEqual(top.map((t) => ({ id: t.id, price: { amount: t.amount } })));
    expect(res.data.b.t).toBe(all.length);
    expect(res.data.b.p).toEqual({ more: true });
    expect(Object.keys(res.data.b.e[0]).sort()).toEqual(['c', 'n']);
    expect(res.data.b.e[0].c).toMatch(/^v3\./);
  });

  it('refuses a cursor of another query and out-of-range page sizes with BAD_USER_INPUT, calling nobody', async () => {
    const page = await gql(net.url, '{ products(first: 1) { pageInfo { endCursor } } }');
    const cursor = page.data.products.pageInfo.endCursor;
    net.calls.length = 0;
    const foreign = await gql(net.url, 'query($c: String) { products(first: 1, orderBy: { field: PRICE }, after: $c) { totalCount } }', { c: cursor });
    expect(foreign.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    for (const first of [-1, 101]) {
      const res = await gql(net.url, `{ products(first: ${first}) { totalCount } }`);
      expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    }
    const malformed = await gql(net.url, '{ products(cooperatives: ["Bad_Id"]) { totalCount } }');
    expect(malformed.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(net.calls).toHaveLength(0);
  });
});
