import { COOP, OTHER, codes, harness, ok, sampleData } from './harness';
import type { ProductRecord } from '../port';

/** Code-point comparison written independently of core/order. */
function cmpStrings(a: string, b: string): number {
  const x = [...a.normalize('NFC')].map((c) => c.codePointAt(0)!);
  const y = [...b.normalize('NFC')].map((c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}

type Field = 'NAME' | 'PRICE' | 'UPDATED_AT';
type Direction = 'ASC' | 'DESC';

function expectedProductIds(products: ProductRecord[], field: Field, direction: Direction): string[] {
  const key = (p: ProductRecord) => (field === 'NAME' ? p.name : field === 'PRICE' ? p.price.amount : Date.parse(p.updatedAt));
  return [...products]
    .sort((a, b) => {
      const ka = key(a);
      const kb = key(b);
      let c = typeof ka === 'string' ? cmpStrings(ka, kb as string) : (ka as number) - (kb as number);
      if (direction === 'DESC') c = -c;
      return c !== 0 ? c : cmpStrings(a.localId, b.localId);
    })
    .map((p) => `${COOP}:${p.localId}`);
}

const PRODUCTS = `query($first: Int, $after: String, $orderBy: ProductOrder, $filter: ProductFilter, $cooperatives: [ID!]) {
  products(first: $first, after: $after, orderBy: $orderBy, filter: $filter, cooperatives: $cooperatives) {
    edges { cursor node { id } }
    nodes { id }
    pageInfo { hasNextPage endCursor }
    totalCount
  }
}`;

interface ConnectionData {
  edges: Array<{ cursor: string; node: { id: string } }>;
  nodes: Array<{ id: string }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** Walks a connection page by page; checks the page invariants on the way. */
async function walk(fetch: (after: string | null) => Promise<ConnectionData>, pageSize: number, total: number): Promise<string[]> {
  const seen: string[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 100; guard++) {
    const page = await fetch(after);
    expect(page.totalCount).toBe(total);
    expect(page.edges.length).toBeLessThanOrEqual(pageSize);
    expect(page.nodes.map((n) => n.id)).toEqual(page.edges.map((e) => e.node.id));
    expect(page.pageInfo.endCursor).toBe(page.edges.length ? page.edges[page.edges.length - 1].cursor : null);
    seen.push(...page.edges.map((e) => e.node.id));
    expect(page.pageInfo.hasNextPage).toBe(seen.length < total);
    if (!page.pageInfo.hasNextPage) return seen;
    after = page.pageInfo.endCursor;
  }
  throw new Error('walk did not end');
}

describe('products paging', () => {
  const data = sampleData();
  const h = harness(data);
  const fields: Field[] = ['NAME', 'PRICE', 'UPDATED_AT'];
  const directions: Direction[] = ['ASC', 'DESC'];

  for (const field of fields) {
    for (const direction of directions) {
      it.each([1, 2, 5, 12, 20])(`${field} ${direction} in pages of %i visits every row once in order`, async (first) => {
        const expected = expectedProductIds(data.products, field, direction);
        const seen = await walk(
          async (after) => ok(await h.run(PRODUCTS, { first, after, orderBy: { field, direction } })).products,
          first,
          data.products.length,
        );
        expect(seen).toEqual(expected);
      });

      it(`${field} ${direction}: every edge's cursor resumes right after that edge`, async () => {
        const expected = expectedProductIds(data.products, field, direction);
        const all = ok(await h.run(PRODUCTS, { first: 100, orderBy: { field, direction } })).products as ConnectionData;
        for (const [i, edge] of all.edges.entries()) {
          const next = ok(await h.run(PRODUCTS, { first: 1, after: edge.cursor, orderBy: { field, direction } })).products as ConnectionData;
          expect(next.nodes.map((n) => n.id)).toEqual(expected.slice(i + 1, i + 2));
          expect(next.pageInfo.hasNextPage).toBe(i + 2 < expected.length);
        }
      });
    }
  }

  it('defaults to NAME ASC and 20 rows', async () => {
    const page = ok(await h.run('{ products { nodes { id } totalCount } }')).products;
    expect(page.nodes.map((n: { id: string }) => n.id)).toEqual(expectedProductIds(data.products, 'NAME', 'ASC'));
  });

  it('walks a filtered list and binds the cursor to that filter', async () => {
    const filter = { classificationPrefix: '5610', maxPrice: 200000 };
    const expected = expectedProductIds(
      data.products.filter((p) => (p.classificationCode ?? '').startsWith('5610') && p.price.amount <= 200000),
      'PRICE',
      'DESC',
    );
    const seen = await walk(
      async (after) => ok(await h.run(PRODUCTS, { first: 2, after, filter, orderBy: { field: 'PRICE', direction: 'DESC' } })).products,
      2,
      expected.length,
    );
    expect(seen).toEqual(expected);
  });

  it('first: 0 gives an empty page with totalCount and hasNextPage, endCursor null', async () => {
    const page = ok(await h.run(PRODUCTS, { first: 0 })).products;
    expect(page).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: true, endCursor: null }, totalCount: data.products.length });
  });

  it.each([-1, 101, 1000])('first: %i is BAD_USER_INPUT and reaches no adapter', async (first) => {
    const before = h.calls.searchProducts ?? 0;
    const result = await h.run(PRODUCTS, { first });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
    expect(h.calls.searchProducts ?? 0).toBe(before);
  });

  it('first: 100 is allowed', async () => {
    expect(ok(await h.run(PRODUCTS, { first: 100 })).products.nodes).toHaveLength(data.products.length);
  });

  it.each(['5', '561', '56101', '5610150', '561015001', 'ab', '56-1'])('classificationPrefix %j is BAD_USER_INPUT', async (prefix) => {
    const result = await h.run(PRODUCTS, { filter: { classificationPrefix: prefix } });
    expect(codes(result)).toEqual(['BAD_USER_INPUT']);
  });

  it.each(['56', '5610', '561015', '56101500'])('classificationPrefix %j filters by prefix', async (prefix) => {
    const page = ok(await h.run(PRODUCTS, { filter: { classificationPrefix: prefix }, first: 100 })).products;
    const expected = data.products.filter((p) => (p.classificationCode ?? '').startsWith(prefix)).length;
    expect(page.totalCount).toBe(expected);
    expect(page.nodes).toHaveLength(expected);
  });

  it('filters by supplierId; another cooperative’s supplier gives an empty result, a malformed one BAD_USER_INPUT', async () => {
    const own = ok(await h.run(PRODUCTS, { filter: { supplierId: `${COOP}:S2` }, first: 100 })).products;
    expect(own.totalCount).toBe(data.products.filter((p) => p.supplierLocalId === 'S2').length);
    const before = h.calls.searchProducts;
    const other = ok(await h.run(PRODUCTS, { filter: { supplierId: `${OTHER}:S2` } })).products;
    expect(other).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    expect(h.calls.searchProducts).toBe(before);
    const bad = await h.run(PRODUCTS, { filter: { supplierId: 'S2' } });
    expect(codes(bad)).toEqual(['BAD_USER_INPUT']);
    expect(bad.errors?.[0].message).toContain('"S2"');
  });

  it('cooperatives: without this cooperative → empty connection; with it → everything; malformed → BAD_USER_INPUT', async () => {
    const before = h.calls.searchProducts;
    const none = ok(await h.run(PRODUCTS, { cooperatives: [OTHER] })).products;
    expect(none).toEqual({ edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 });
    expect(h.calls.searchProducts).toBe(before);
    const mine = ok(await h.run(PRODUCTS, { cooperatives: [OTHER, COOP] })).products;
    expect(mine.totalCount).toBe(data.products.length);
    expect(codes(await h.run(PRODUCTS, { cooperatives: [COOP, 'Not_Valid'] }))).toEqual(['BAD_USER_INPUT']);
  });

  it('text filter is a case-insensitive NFC substring of name, spec or sku', async () => {
    const page = ok(await h.run(PRODUCTS, { filter: { text: 'ZEBRA' } })).products;
    expect(page.nodes.map((n: { id: string }) => n.id)).toEqual([`${COOP}:P04`]);
  });
});

describe('suppliers, orders and Supplier.products paging', () => {
  const data = sampleData();
  const h = harness(data);

  it.each([1, 3, 10])('suppliers NAME ASC (ties by id) in pages of %i', async (first) => {
    const q = `query($first: Int, $after: String) { suppliers(first: $first, after: $after) {
      edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } totalCount } }`;
    const seen = await walk(async (after) => ok(await h.run(q, { first, after })).suppliers, first, 4);
    expect(seen).toEqual([`${COOP}:S4`, `${COOP}:S2`, `${COOP}:S1`, `${COOP}:S3`]);
  });

  it.each([1, 2, 4, 10])('orders orderedAt DESC (equal instants by id) in pages of %i', async (first) => {
    const q = `query($first: Int, $after: String) { orders(first: $first, after: $after) {
      edges { cursor node { id } } nodes { id } pageInfo { hasNextPage endCursor } totalCount } }`;
    const seen = await walk(async (after) => ok(await h.run(q, { first, after })).orders, first, 6);
    // O1, O2 and O6 are the same instant (10:00+09:00 = 01:00Z); O3 is 01:30+09:00 that morning.
    expect(seen).toEqual(['O5', 'O1', 'O2', 'O6', 'O3', 'O4'].map((id) => `${COOP}:${id}`));
  });

  it('orders filtered by status, a time window and supplier', async () => {
    const q = `query($filter: OrderFilter) { orders(filter: $filter) { nodes { id } totalCount } }`;
    const window = ok(await h.run(q, { filter: { from: '2026-02-01T01:00:00Z', to: '2026-03-01T00:00:00+09:00' } })).orders;
    expect(window.nodes.map((n: { id: string }) => n.id)).toEqual(['O1', 'O2', 'O6'].map((id) => `${COOP}:${id}`));
    const s2 = ok(await h.run(q, { filter: { supplierId: `${COOP}:S2`, status: 'RECEIVED' } })).orders;
    expect(s2.nodes.map((n: { id: string }) => n.id)).toEqual([`${COOP}:O5`]);
    expect(ok(await h.run(q, { filter: { supplierId: `${OTHER}:S2` } })).orders.totalCount).toBe(0);
  });

  it('Supplier.products pages through that supplier’s products by name', async () => {
    const q = `query($after: String) { supplier(id: "${COOP}:S2") { products(first: 2, after: $after) {
      edges { cursor node { id supplier { id } } } nodes { id } pageInfo { hasNextPage endCursor } totalCount } } }`;
    const own = data.products.filter((p) => p.supplierLocalId === 'S2');
    const seen = await walk(async (after) => ok(await h.run(q, { after })).supplier.products, 2, own.length);
    expect(seen).toEqual(expectedProductIds(own, 'NAME', 'ASC'));
  });

  it('a cursor of one connection is refused by another', async () => {
    const q = `{ suppliers(first: 1) { pageInfo { endCursor } } }`;
    const cursor = ok(await h.run(q)).suppliers.pageInfo.endCursor;
    expect(codes(await h.run(PRODUCTS, { after: cursor }))).toEqual(['BAD_USER_INPUT']);
    const s = `query($after: String) { supplier(id: "${COOP}:S1") { products(after: $after) { totalCount } } }`;
    expect(codes(await h.run(s, { after: cursor }))).toEqual(['BAD_USER_INPUT']);
  });
});
