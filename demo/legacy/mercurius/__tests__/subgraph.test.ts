/**
 * The Mercurius cooperative on its own, through mercurius-integration-testing
 * (Fastify inject, no port): the marketplace template's semantics.
 */
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { createMercuriusTestClient } from 'mercurius-integration-testing';
import { readFileSync } from 'node:fs';
import { projectPath } from '../../../../core/paths';
import { recordsOf } from '../records';
import { createMercuriusCooperative, templateSdl, type MercuriusCooperative } from '../server';
import { byCodePoints, cooperativeDataset, oracleOrder, PROFILE } from './harness';

const COOP = PROFILE.id;
const { dataset, defects } = cooperativeDataset();
const records = recordsOf(dataset);
const oracleRows = records.products.map((p) => ({ id: `${COOP}:${p.localId}`, name: p.name, price: p.price.amount, updatedAt: p.updatedAt }));

let coop: MercuriusCooperative;
let client: ReturnType<typeof createMercuriusTestClient>;

beforeAll(async () => {
  coop = createMercuriusCooperative({ cooperativeId: COOP, dataset, now: () => new Date('2026-11-02T01:00:00Z') });
  await coop.app.ready();
  client = createMercuriusTestClient(coop.app);
});
afterAll(() => coop.app.close());

const PRODUCTS = `query ($first: Int, $after: String, $filter: ProductFilter, $orderBy: ProductOrder, $cooperatives: [ID!]) {
  products(first: $first, after: $after, filter: $filter, orderBy: $orderBy, cooperatives: $cooperatives) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id sku name spec price { amount vat currency } updatedAt } }
  }
}`;

type Vars = Record<string, unknown>;
const products = (variables: Vars) => client.query(PRODUCTS, { variables });
const codeOf = (r: { errors?: ReadonlyArray<{ extensions?: Record<string, unknown> }> }) => r.errors?.[0]?.extensions?.code;

/** Every id of a walk with page size `first`, checking each page's pageInfo on the way. */
async function walk(first: number, variables: Vars = {}): Promise<string[]> {
  const ids: string[] = [];
  for (let after: string | null = null, pages = 0; pages < 200; pages++) {
    const { data, errors } = await products({ ...variables, first, after });
    expect(errors).toBeUndefined();
    const c = data.products;
    ids.push(...c.edges.map((e: { node: { id: string } }) => e.node.id));
    expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null);
    if (!c.pageInfo.hasNextPage) return ids;
    after = c.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

describe('Mercurius cooperative: catalogue and search', () => {
  it('loads the legacy rows in the network terms and reports the deliberate defects', () => {
    const rows = coop.reports.map((r) => r.row);
    for (const code of defects.unmappedUnitProducts) expect(rows).toContain(`product ${code}`);
    for (const code of defects.invalidGtins) expect(rows).toContain(`product ${code}`);
    for (const code of defects.invalidBusinessNumbers) expect(rows).toContain(`member ${code}`);
    expect(records.products.some((p) => defects.unmappedUnitProducts.includes(p.localId))).toBe(false);
    expect(records.products.find((p) => p.localId === defects.invalidGtins[0])?.gtin).toBeNull();
  });

  it('searches text case-insensitively in name, spec and sku, with global ids and Money excluding VAT', async () => {
    const { data } = await products({ filter: { text: 'led' }, first: 100 });
    const matching = records.products.filter((p) => [p.name, p.spec ?? '', p.sku].some((s) => s.toLowerCase().includes('led')));
    expect(data.products.totalCount).toBe(matching.length);
    expect(matching.length).toBeGreaterThan(5);
    const first = data.products.edges[0].node;
    expect(first.id).toMatch(new RegExp(`^${COOP}:`));
    const legacy = dataset.products.find((p) => `${COOP}:${p.code}` === first.id)!;
    expect(first.price.amount + first.price.vat).toBe(legacy.price);
    expect(first.price.currency).toBe('KRW');
    expect(first.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T00:00:00\+09:00$/);
  });

  it('filters by classification prefix, price range and supplier; refuses a bad prefix', async () => {
    const { data } = await products({ filter: { classificationPrefix: '3911', minPrice: 100_000, maxPrice: 400_000, supplierId: `${COOP}:M001` }, first: 100 });
    const expected = records.products.filter(
      (p) => p.classificationCode?.startsWith('3911') && p.price.amount >= 100_000 && p.price.amount <= 400_000 && p.supplierLocalId === 'M001',
    );
    expect(data.products.totalCount).toBe(expected.length);
    expect((await products({ filter: { supplierId: 'other:M001' } })).data.products.totalCount).toBe(0);
    expect(codeOf(await products({ filter: { classificationPrefix: '391' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await products({ filter: { supplierId: 'no-colon' } }))).toBe('BAD_USER_INPUT');
  });

  it('honours cooperatives: (others → empty page with totalCount 0, malformed → BAD_USER_INPUT)', async () => {
    expect((await products({ cooperatives: [COOP, 'kfurn'] })).data.products.totalCount).toBe(records.products.length);
    expect((await products({ cooperatives: ['kfurn'] })).data.products).toEqual({ totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null }, edges: [] });
    expect(codeOf(await products({ cooperatives: ['Not An Id'] }))).toBe('BAD_USER_INPUT');
  });
});

describe('Mercurius cooperative: paging', () => {
  it('walks every row once, in code-point order of names (Hangul, Latin, astral, NFD), ties by id', async () => {
    const ids = await walk(7);
    expect(ids).toEqual(oracleOrder(oracleRows, 'NAME', 'ASC'));
    const names = ids.map((id) => records.products.find((p) => `${COOP}:${p.localId}` === id)!.name);
    expect(names.some((n) => /^[A-Za-z]/.test(n)) && names.some((n) => /^[가-힣]/.test(n))).toBe(true);
    expect(names.indexOf('Zebra 조명')).toBeLessThan(names.indexOf('apple LED'));
    expect(names.indexOf('힣')).toBeLessThan(names.indexOf('𝐀stral 램프'));
  });

  it.each([
    ['PRICE', 'DESC', 13],
    ['UPDATED_AT', 'ASC', 100],
    ['NAME', 'DESC', 1],
  ] as const)('walks %s %s in pages of %d', async (field, direction, first) => {
    expect(await walk(first, { orderBy: { field, direction } })).toEqual(oracleOrder(oracleRows, field, direction));
  });

  it('resumes right after any edge, and first: 0 gives an empty page with totalCount and hasNextPage', async () => {
    const page = (await products({ first: 10 })).data.products;
    const resumed = (await products({ first: 3, after: page.edges[4].cursor })).data.products;
    expect(resumed.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(page.edges.slice(5, 8).map((e: { node: { id: string } }) => e.node.id));
    const empty = (await products({ first: 0 })).data.products;
    expect(empty).toEqual({ totalCount: records.products.length, pageInfo: { hasNextPage: true, endCursor: null }, edges: [] });
  });

  it('refuses first outside 0..100 and tampered, truncated or foreign cursors with BAD_USER_INPUT', async () => {
    expect(codeOf(await products({ first: 101 }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await products({ first: -1 }))).toBe('BAD_USER_INPUT');
    const cursor: string = (await products({ first: 2 })).data.products.pageInfo.endCursor;
    const [version, payload, signature] = cursor.split('.');
    const flipped = payload.slice(0, -2) + (payload.at(-2) === 'A' ? 'B' : 'A') + payload.at(-1);
    for (const bad of [`${version}.${flipped}.${signature}`, cursor.slice(0, -3), 'garbage', `${cursor}x`]) {
      const r = await products({ first: 2, after: bad });
      expect(codeOf(r)).toBe('BAD_USER_INPUT');
      expect(r.errors![0].message).toMatch(/Invalid cursor/);
    }
    expect(codeOf(await products({ first: 2, after: cursor, filter: { text: '등' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await products({ first: 2, after: cursor, orderBy: { field: 'PRICE' } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await products({ first: 2, after: cursor, cooperatives: [COOP] }))).toBe('BAD_USER_INPUT');
    // Equal filters written differently are the same filter.
    expect((await products({ first: 2, after: cursor, filter: { text: null } })).errors).toBeUndefined();
  });

  it('pages suppliers by name and orders newest first (ties by id), each connection with its own cursors', async () => {
    const q = `query ($after: String, $from: DateTime) {
      suppliers(first: 4, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id name } }
      orders(first: 100, filter: { from: $from }) { totalCount pageInfo { endCursor } nodes { id orderedAt } }
    }`;
    const suppliers: Array<{ id: string; name: string }> = [];
    let page = await client.query(q);
    suppliers.push(...page.data.suppliers.nodes);
    while (page.data.suppliers.pageInfo.hasNextPage) {
      page = await client.query(q, { variables: { after: page.data.suppliers.pageInfo.endCursor } });
      suppliers.push(...page.data.suppliers.nodes);
    }
    const expected = [...records.suppliers].sort((a, b) => byCodePoints(a.name, b.name) || byCodePoints(a.localId, b.localId));
    expect(suppliers.map((s) => s.id)).toEqual(expected.map((s) => `${COOP}:${s.localId}`));
    const orders = (await client.query(q)).data.orders;
    const newestFirst = [...records.orders].sort((a, b) => Date.parse(b.orderedAt) - Date.parse(a.orderedAt) || byCodePoints(a.localId, b.localId));
    expect(orders.nodes.map((o: { id: string }) => o.id)).toEqual(newestFirst.map((o) => `${COOP}:${o.localId}`));
    const from = '2026-06-01T00:00:00+09:00';
    const since = (await client.query(q, { variables: { from } })).data.orders.totalCount;
    expect(since).toBe(records.orders.filter((o) => Date.parse(o.orderedAt) >= Date.parse(from)).length);
    const wrong = await client.query(`query ($c: String) { orders(after: $c) { totalCount } }`, { variables: { c: page.data.suppliers.pageInfo.endCursor ?? orders.pageInfo.endCursor } });
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.query('{ orders(filter: { from: "2026-13-01" }) { totalCount } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('Mercurius cooperative: federation', () => {
  it('serves the Federation 2 template verbatim as _service.sdl, which composes', async () => {
    const { data } = await client.query('{ _service { sdl } }');
    const sdl: string = data._service.sdl;
    expect(sdl).toBe(readFileSync(projectPath('subgraphs/marketplace/schema.graphql'), 'utf8'));
    expect(sdl).toBe(templateSdl());
    expect(sdl).toContain('type Product @key(fields: "id")');
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.9"');
    const erp = readFileSync(projectPath('subgraphs/erp/schema.graphql'), 'utf8');
    const composed = composeServices([
      { name: 'marketplace', url: 'http://mercurius/graphql', typeDefs: parse(sdl) },
      { name: 'erp', url: 'http://erp/graphql', typeDefs: parse(erp) },
    ]);
    expect(composed.errors).toBeUndefined();
  });

  it('resolves a batch of _entities with one store call per type, in order, nulls for others, an error for a malformed id', async () => {
    const productIds = records.products.slice(0, 5).map((p) => `${COOP}:${p.localId}`);
    const representations = [
      ...productIds.map((id) => ({ __typename: 'Product', id })),
      { __typename: 'Supplier', id: `${COOP}:M002` },
      { __typename: 'Product', id: 'kfurn:P-1' },
      { __typename: 'Order', id: `${COOP}:${records.orders[0].localId}` },
      { __typename: 'Product', id: 'malformed' },
      { __typename: 'Supplier', id: `${COOP}:M001` },
    ];
    const before = coop.store.calls.length;
    const { data, errors } = await client.query(
      `query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Product { id name } ... on Supplier { id name } ... on Order { id status } } }`,
      { variables: { r: representations } },
    );
    const entities = data._entities;
    expect(entities.slice(0, 5).map((e: { id: string }) => e.id)).toEqual(productIds);
    expect(entities[5]).toMatchObject({ __typename: 'Supplier', id: `${COOP}:M002` });
    expect(entities[6]).toBeNull();
    expect(entities[7]).toMatchObject({ __typename: 'Order', id: `${COOP}:${records.orders[0].localId}` });
    expect(entities[8]).toBeNull();
    expect(errors).toHaveLength(1);
    // A numeric index (Mercurius would write "8" without server.ts' serializer): the gateway remaps by it.
    expect(errors![0]).toMatchObject({ path: ['_entities', 8], extensions: { code: 'BAD_USER_INPUT' } });
    const calls = coop.store.calls.slice(before);
    expect(calls.filter((c) => c.op === 'getProducts')).toEqual([{ op: 'getProducts', ids: records.products.slice(0, 5).map((p) => p.localId) }]);
    expect(calls.filter((c) => c.op === 'getSuppliers')).toEqual([{ op: 'getSuppliers', ids: ['M002', 'M001'] }]);
    expect(calls.filter((c) => c.op === 'getOrders')).toHaveLength(1);
  });

  it('answers getFederatedEntity and batches links between rows (one supplier lookup per page)', async () => {
    const product = records.products[3];
    const entity = await client.getFederatedEntity({ typename: 'Product', keys: { id: `${COOP}:${product.localId}` }, typeQuery: 'id sku cooperative { id } classification { code }' });
    expect(entity).toMatchObject({ __typename: 'Product', id: `${COOP}:${product.localId}`, sku: product.sku, cooperative: { id: COOP } });
    const before = coop.store.calls.length;
    const { data } = await client.query('{ products(first: 60) { nodes { supplier { id region } } } }');
    expect(data.products.nodes.filter((n: { supplier: unknown }) => n.supplier).length).toBeGreaterThan(30);
    expect(coop.store.calls.slice(before).map((c) => c.op)).toEqual(['getSuppliers']);
  });

  it('looks up by id: own ids, null for another cooperative, BAD_USER_INPUT for a malformed one', async () => {
    const order = records.orders[0];
    const { data } = await client.query(`query ($id: ID!) { order(id: $id) { id buyer { businessNumber } lines { quantity product { id } amount { amount } } total { amount } } }`, {
      variables: { id: `${COOP}:${order.localId}` },
    });
    expect(data.order.total.amount).toBe(order.total.amount);
    expect(data.order.lines[0].product?.id ?? null).toBe(records.products.some((p) => p.localId === order.lines[0].productLocalId) ? `${COOP}:${order.lines[0].productLocalId}` : null);
    expect((await client.query('{ product(id: "kfurn:P-10001") { id } }')).data.product).toBeNull();
    expect(codeOf(await client.query('{ product(id: "P-10001") { id } }'))).toBe('BAD_USER_INPUT');
  });
});

describe('Mercurius cooperative: stats', () => {
  const PRODUCT_STATS = `query ($g: [ProductDimension!], $f: ProductFilter, $c: [ID!]) {
    productStats(groupBy: $g, filter: $f, cooperatives: $c) { cooperative { id } segment { code } family { code } supplierRegion count price { sum min max avg } }
  }`;

  it('gives one bucket over everything for groupBy [] and [] for no rows', async () => {
    const { data } = await client.query(PRODUCT_STATS, { variables: { g: [] } });
    const amounts = records.products.map((p) => p.price.amount);
    expect(data.productStats).toEqual([
      {
        cooperative: null, segment: null, family: null, supplierRegion: null, count: amounts.length,
        price: { sum: amounts.reduce((a, b) => a + b, 0), min: Math.min(...amounts), max: Math.max(...amounts), avg: amounts.reduce((a, b) => a + b, 0) / amounts.length },
      },
    ]);
    expect((await client.query(PRODUCT_STATS, { variables: { g: ['SEGMENT'], f: { text: 'no such thing' } } })).data.productStats).toEqual([]);
    expect((await client.query(PRODUCT_STATS, { variables: { g: ['SEGMENT'], c: ['kfurn'] } })).data.productStats).toEqual([]);
  });

  it('groups products by cooperative, family and supplier region, sorted by key with null last', async () => {
    const { data } = await client.query(PRODUCT_STATS, { variables: { g: ['COOPERATIVE', 'SUPPLIER_REGION', 'FAMILY'] } });
    const buckets = data.productStats as Array<{ cooperative: { id: string }; supplierRegion: string | null; family: { code: string } | null; segment: unknown; count: number }>;
    const region = new Map(records.suppliers.map((s) => [s.localId, s.region]));
    const expected = new Map<string, number>();
    for (const p of records.products) {
      const key = JSON.stringify([region.get(p.supplierLocalId ?? '') ?? null, p.classificationCode ? `${p.classificationCode.slice(0, 4)}0000` : null]);
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const keyOrder = (k: [string | null, string | null], l: [string | null, string | null]) =>
      k[0] !== l[0] ? (k[0] === null ? 1 : l[0] === null ? -1 : byCodePoints(k[0], l[0])) : k[1] === l[1] ? 0 : k[1] === null ? 1 : l[1] === null ? -1 : byCodePoints(k[1], l[1]);
    const keys = [...expected.keys()].map((k) => JSON.parse(k) as [string | null, string | null]).sort(keyOrder);
    expect(buckets.map((b) => [b.supplierRegion, b.family?.code ?? null])).toEqual(keys);
    expect(buckets.map((b) => b.count)).toEqual(keys.map((k) => expected.get(JSON.stringify(k))));
    expect(buckets.every((b) => b.cooperative.id === COOP && b.segment === null)).toBe(true);
  });

  it('groups orders by month (Asia/Seoul) and status with counts, quantities and amounts', async () => {
    const { data } = await client.query('{ orderStats(groupBy: [MONTH, STATUS]) { month status segment { code } count quantity amount { sum } } }');
    const expected = new Map<string, { count: number; quantity: number; sum: number }>();
    for (const o of records.orders) {
      // Legacy times are Korean local time, so the first 7 characters of the +09:00 form are the Seoul month.
      const key = `${o.orderedAt.slice(0, 7)} ${o.status}`;
      const b = expected.get(key) ?? { count: 0, quantity: 0, sum: 0 };
      expected.set(key, { count: b.count + 1, quantity: b.quantity + o.lines.reduce((q, l) => q + l.quantity, 0), sum: b.sum + o.total.amount });
    }
    const keys = [...expected.keys()].sort();
    expect(data.orderStats).toEqual(
      keys.map((k) => {
        const [month, status] = k.split(' ');
        const { count, quantity, sum } = expected.get(k)!;
        return { month, status, segment: null, count, quantity, amount: { sum } };
      }),
    );
  });
});

describe('Mercurius cooperative: orders', () => {
  const PLACE = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id status idempotencyKey total { amount vat } lines { quantity product { id } } cooperative { id } } }`;
  const product = () => records.products.find((p) => p.minOrderQuantity === 1)!;
  const input = (key: string, quantity = 3) => ({
    idempotencyKey: key,
    buyer: { businessNumber: '2208100127', name: '서울특별시교육청' },
    lines: [{ productId: `${COOP}:${product().localId}`, quantity }],
  });

  it('places an order once per idempotency key; a retry returns the same order', async () => {
    const countBefore = (await client.query('{ orders(first: 0) { totalCount } }')).data.orders.totalCount;
    const first = await client.mutate(PLACE, { variables: { input: input('mercurius-k1') } });
    expect(first.errors).toBeUndefined();
    expect(first.data.placeOrder).toMatchObject({ status: 'RECEIVED', idempotencyKey: 'mercurius-k1', cooperative: { id: COOP }, total: { amount: product().price.amount * 3 } });
    const again = await client.mutate(PLACE, { variables: { input: input('mercurius-k1') } });
    expect(again.data.placeOrder.id).toBe(first.data.placeOrder.id);
    expect((await client.query('{ orders(first: 0) { totalCount } }')).data.orders.totalCount).toBe(countBefore + 1);
    expect(codeOf(await client.mutate(PLACE, { variables: { input: input('mercurius-k1', 4) } }))).toBe('IDEMPOTENCY_CONFLICT');
  });

  it('refuses products of another cooperative, unknown products, bad buyers and quantities', async () => {
    const cross = { ...input('mercurius-k2'), lines: [...input('x').lines, { productId: 'kfurn:P-10001', quantity: 1 }] };
    const r = await client.mutate(PLACE, { variables: { input: cross } });
    expect(r.errors![0].extensions).toMatchObject({ code: 'CROSS_COOPERATIVE_ORDER', cooperatives: ['kfurn', COOP] });
    const unknown = { ...input('mercurius-k3'), lines: [{ productId: `${COOP}:NOPE`, quantity: 1 }] };
    expect(codeOf(await client.mutate(PLACE, { variables: { input: unknown } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.mutate(PLACE, { variables: { input: { ...input('mercurius-k4'), buyer: { businessNumber: '220-81-00128', name: 'x' } } } }))).toBe('BAD_USER_INPUT');
    expect(codeOf(await client.mutate(PLACE, { variables: { input: input('mercurius-k5', 0) } }))).toBe('BAD_USER_INPUT');
  });

  it('cancels an order (again is harmless); another cooperative’s order id is BAD_USER_INPUT', async () => {
    const placed = await client.mutate(PLACE, { variables: { input: input('mercurius-k6') } });
    const cancel = `mutation ($id: ID!) { cancelOrder(id: $id, reason: "중복 주문") { id status } }`;
    const id = placed.data.placeOrder.id;
    expect((await client.mutate(cancel, { variables: { id } })).data.cancelOrder).toEqual({ id, status: 'CANCELLED' });
    expect((await client.mutate(cancel, { variables: { id } })).data.cancelOrder.status).toBe('CANCELLED');
    expect(codeOf(await client.mutate(cancel, { variables: { id: 'kfurn:ORD-1' } }))).toBe('BAD_USER_INPUT');
  });

  it('refuses to cancel an order already shipped or delivered (BAD_USER_INPUT), leaving it as it was', async () => {
    const order = records.orders.find((o) => o.status === 'SHIPPED' || o.status === 'DELIVERED')!;
    const id = `${COOP}:${order.localId}`;
    const cancel = `mutation ($id: ID!) { cancelOrder(id: $id) { id status } }`;
    expect(codeOf(await client.mutate(cancel, { variables: { id } }))).toBe('BAD_USER_INPUT');
    expect((await client.query(`{ order(id: "${id}") { status } }`)).data.order).toEqual({ status: order.status });
  });
});
