import { COOP, OTHER, bizNo, codes, harness, ok, product, sampleData } from './harness';

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Product { id name supplier { id name } }
  ... on Supplier { id name }
  ... on Order { id status lines { product { id } } }
} }`;

describe('entities and lookups by id', () => {
  const many = () => {
    const data = sampleData();
    for (let i = 100; i < 150; i++) data.products.push(product(`P${i}`, { supplierLocalId: i % 2 ? 'S1' : 'S4' }));
    return data;
  };

  it('_entities with 50 Product representations makes one getProducts call (and one getSuppliers)', async () => {
    const h = harness(many());
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Product', id: `${COOP}:P${100 + i}` }));
    const data = ok(await h.run(ENTITIES, { reps }));
    expect(data._entities).toHaveLength(50);
    expect(data._entities.map((e: { id: string }) => e.id)).toEqual(reps.map((r) => r.id));
    expect(data._entities[1].supplier).toEqual({ id: `${COOP}:S1`, name: '한빛가구' });
    expect(h.calls.getProducts).toBe(1);
    expect(h.calls.getSuppliers).toBe(1);
    expect(h.args.getProducts[0][0]).toHaveLength(50);
  });

  it('mixed types, another cooperative’s ids and unknown ids: one call per type, null where not ours', async () => {
    const h = harness(many());
    const reps = [
      { __typename: 'Product', id: `${COOP}:P01` },
      { __typename: 'Supplier', id: `${COOP}:S2` },
      { __typename: 'Product', id: `${OTHER}:P01` },
      { __typename: 'Order', id: `${COOP}:O4` },
      { __typename: 'Product', id: `${COOP}:NOPE` },
      { __typename: 'Supplier', id: `${COOP}:S4` },
      { __typename: 'Order', id: `${OTHER}:O4` },
    ];
    const data = ok(await h.run(ENTITIES, { reps }));
    expect(data._entities).toEqual([
      { id: `${COOP}:P01`, name: '의자', supplier: { id: `${COOP}:S2`, name: '대성목재' } },
      { id: `${COOP}:S2`, name: '대성목재' },
      null,
      { id: `${COOP}:O4`, status: 'CANCELLED', lines: [{ product: { id: `${COOP}:P07` } }] },
      null,
      { id: `${COOP}:S4`, name: 'Alpha Wood' },
      null,
    ]);
    // Product P07 of the order's line is loaded in a later tick than the first batch.
    expect(h.calls.getProducts).toBe(2);
    expect(h.calls.getSuppliers).toBe(1);
    expect(h.calls.getOrders).toBe(1);
  });

  it('a malformed id in a representation is BAD_USER_INPUT at that entity', async () => {
    const h = harness();
    const result = await h.run(ENTITIES, { reps: [{ __typename: 'Product', id: 'P01' }, { __typename: 'Product', id: `${COOP}:P01` }] });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(result.errors?.[0].path).toEqual(['_entities', 0]);
    expect(result.data?._entities).toEqual([null, expect.objectContaining({ id: `${COOP}:P01` })]);
  });

  it('product/supplier/order(id): own → record, other cooperative → null without a call, malformed → BAD_USER_INPUT', async () => {
    const h = harness();
    const q = `query($id: ID!) { product(id: $id) { id } supplier(id: $id) { id } order(id: $id) { id } }`;
    expect(ok(await h.run(q, { id: `${COOP}:S1` }))).toEqual({ product: null, supplier: { id: `${COOP}:S1` }, order: null });
    const calls = { ...h.calls };
    expect(ok(await h.run(q, { id: `${OTHER}:S1` }))).toEqual({ product: null, supplier: null, order: null });
    expect(h.calls).toEqual(calls);
    const bad = await h.run(`{ product(id: "no-colon") { id } }`);
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].message).toContain('"no-colon"');
    expect(codes(await h.run(`{ product(id: "Bad:P01") { id } }`))).toEqual(['BAD_USER_INPUT']);
  });

  it('maps a product: global ids, stubs, money as-is, DateTime', async () => {
    const h = harness();
    const data = ok(
      await h.run(`{ product(id: "${COOP}:P05") { id cooperative { id } sku name classification { code } gtin unit
        price { amount vat currency } minOrderQuantity supplier { id cooperative { id } region } updatedAt } }`),
    );
    expect(data.product).toEqual({
      id: `${COOP}:P05`,
      cooperative: { id: COOP },
      sku: 'SKU-P05',
      name: 'apple',
      classification: null,
      gtin: null,
      unit: 'EA',
      price: { amount: 3000, vat: 300, currency: 'KRW' },
      minOrderQuantity: 1,
      supplier: { id: `${COOP}:S1`, cooperative: { id: COOP }, region: '서울' },
      updatedAt: '2026-01-02T12:00:00+09:00',
    });
    const p1 = ok(await h.run(`{ product(id: "${COOP}:P01") { classification { code } } }`));
    expect(p1.product.classification).toEqual({ code: '56101500' });
    const p12 = ok(await h.run(`{ product(id: "${COOP}:P12") { supplier { id } } }`));
    expect(p12.product.supplier).toBeNull();
  });

  it('a page of products with their suppliers makes one search and one supplier batch', async () => {
    const h = harness(many());
    const data = ok(await h.run(`{ products(first: 60) { nodes { id supplier { name } } } }`));
    expect(data.products.nodes).toHaveLength(60);
    expect(h.calls.searchProducts).toBe(1);
    expect(h.calls.getSuppliers).toBe(1);
  });

  it('orders with lines: supplier and products batched; products of the page are not fetched again', async () => {
    const h = harness();
    const data = ok(
      await h.run(`{ orders(first: 10) { nodes { id cooperative { id } buyer { businessNumber name } supplier { id }
        lines { quantity unitPrice { amount } amount { amount vat } product { id name } } total { amount } status orderedAt idempotencyKey } } }`),
    );
    expect(data.orders.nodes).toHaveLength(6);
    expect(data.orders.nodes[0]).toEqual({
      id: `${COOP}:O5`,
      cooperative: { id: COOP },
      buyer: { businessNumber: bizNo('220811111'), name: '구매자' },
      supplier: { id: `${COOP}:S2` },
      lines: [
        { quantity: 1, unitPrice: { amount: 120000 }, amount: { amount: 120000, vat: 12000 }, product: { id: `${COOP}:P02`, name: '책상' } },
        { quantity: 4, unitPrice: { amount: 3000 }, amount: { amount: 12000, vat: 1200 }, product: { id: `${COOP}:P05`, name: 'apple' } },
      ],
      total: { amount: 132000 },
      status: 'RECEIVED',
      orderedAt: '2026-03-01T00:00:00+09:00',
      idempotencyKey: null,
    });
    expect(h.calls.getProducts).toBe(1);
    expect(h.calls.getSuppliers).toBe(1);
  });

  it('an adapter that fails a batch gives COOPERATIVE_UNAVAILABLE with the cooperative and no stack', async () => {
    const h = harness(sampleData(), (memory) => {
      memory.getProducts = async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.5:5432\n    at TCPConnectWrap.afterConnect');
      };
      return memory;
    });
    const reps = [1, 2, 3].map((i) => ({ __typename: 'Product', id: `${COOP}:P0${i}` }));
    const result = await h.run(ENTITIES, { reps });
    expect(codes(result)).toEqual(['COOPERATIVE_UNAVAILABLE', 'COOPERATIVE_UNAVAILABLE', 'COOPERATIVE_UNAVAILABLE']);
    expect(h.calls.getProducts).toBe(1);
    const error = result.errors![0];
    expect(error.extensions).toEqual({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: COOP, reason: 'connect ECONNREFUSED 10.0.0.5:5432' });
    expect(error.message).not.toContain('TCPConnectWrap');
    expect(JSON.stringify(result.errors)).not.toContain('afterConnect');
  });

  it('an adapter answering the wrong number of rows is COOPERATIVE_UNAVAILABLE', async () => {
    const h = harness(sampleData(), (memory) => {
      memory.getSuppliers = async () => [];
      return memory;
    });
    const result = await h.run(`{ product(id: "${COOP}:P01") { id supplier { id } } }`);
    expect(codes(result)).toEqual(['COOPERATIVE_UNAVAILABLE']);
    expect(result.data).toEqual({ product: { id: `${COOP}:P01`, supplier: null } });
  });
});

describe('references over frozen adapter records', () => {
  it('resolves without touching the records', async () => {
    const data = sampleData();
    data.products = data.products.map((p) => Object.freeze(p));
    data.suppliers = data.suppliers.map((s) => Object.freeze(s));
    const h = harness(data);
    const result = await h.run(ENTITIES, {
      reps: [
        { __typename: 'Product', id: `${COOP}:P01` },
        { __typename: 'Supplier', id: `${COOP}:S1` },
      ],
    });
    expect(ok(result)._entities.map((e: { id: string }) => e.id)).toEqual([`${COOP}:P01`, `${COOP}:S1`]);
  });
});
