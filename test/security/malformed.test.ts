/**
 * Malformed requests get a 4xx with a GraphQL error — never a 5xx, never a
 * crash — and nothing reaches a cooperative: invalid JSON, wrong variable
 * types, huge strings, deep nesting (query text, literals, variables),
 * unknown operations and fields; plus a fuzz invariant over random bodies.
 */
import fc from 'fast-check';
import { fixtureCoops } from './support/fixtures';
import { startSecureNetwork, type SecureNetwork } from './support/network';

let net: SecureNetwork;
beforeAll(async () => {
  net = await startSecureNetwork(fixtureCoops());
});
afterAll(async () => net?.close());

async function send(body: string | undefined, init: { method?: string; contentType?: string; search?: string } = {}) {
  const res = await fetch(`${net.url}${init.search ?? ''}`, {
    method: init.method ?? 'POST',
    headers: { 'content-type': init.contentType ?? 'application/json', 'apollo-require-preflight': 'true' },
    body,
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text };
}

const nested = (depth: number) => `{ products { nodes { ${'supplier { products { nodes { '.repeat(depth)}id${' } } }'.repeat(depth)} } } }`;

const CASES: Array<[string, () => Promise<{ status: number; json: any }>, RegExp?]> = [
  ['invalid JSON', () => send('{"query": "{ products { totalCount } }"')],
  ['JSON that is not an object', () => send('42')],
  ['no query', () => send('{}')],
  ['query that is not a string', () => send(JSON.stringify({ query: { products: true } }))],
  ['syntax error', () => send(JSON.stringify({ query: '{ products( { totalCount } }' }))],
  ['variables that are not an object', () => send(JSON.stringify({ query: 'query($f: Int) { products(first: $f) { totalCount } }', variables: '[1]' }))],
  ['wrong variable type (Int as string)', () => send(JSON.stringify({ query: 'query($f: Int) { products(first: $f) { totalCount } }', variables: { f: 'ten' } }))],
  ['wrong variable type (input object as list)', () => send(JSON.stringify({ query: 'query($x: ProductFilter) { products(filter: $x) { totalCount } }', variables: { x: [1, 2] } }))],
  ['wrong enum value', () => send(JSON.stringify({ query: 'query($o: ProductOrder) { products(orderBy: $o) { totalCount } }', variables: { o: { field: 'COLOR' } } }))],
  ['missing required variable', () => send(JSON.stringify({ query: 'query($id: ID!) { product(id: $id) { id } }' }))],
  ['unknown field', () => send(JSON.stringify({ query: '{ products { secretPrice } }' }))],
  ['unknown operation name', () => send(JSON.stringify({ query: 'query A { products { totalCount } }', operationName: 'B' }))],
  ['several operations without a name', () => send(JSON.stringify({ query: 'query A { products { totalCount } } query B { suppliers { totalCount } }' }))],
  ['a huge string variable', () => send(JSON.stringify({ query: 'query($t: String) { products(filter: { text: $t }) { totalCount } }', variables: { t: '가'.repeat(200_000) } }))],
  ['a huge string literal', () => send(JSON.stringify({ query: `{ products(filter: { text: "${'x'.repeat(50_000)}" }) { totalCount } }` }))],
  ['a huge idempotency key', () => send(JSON.stringify({ query: 'mutation($i: PlaceOrderInput!) { placeOrder(input: $i) { id } }', variables: { i: { idempotencyKey: 'k'.repeat(100_000), buyer: { businessNumber: '105-86-12348', name: 'x' }, lines: [] } } }))],
  ['deep selection nesting (10,000 levels)', () => send(JSON.stringify({ query: nested(3_300) }))],
  ['deep list literal nesting', () => send(JSON.stringify({ query: `{ products(cooperatives: ${'['.repeat(20_000)}"a"${']'.repeat(20_000)}) { totalCount } }` }))],
  ['deep nesting just past the depth limit', () => send(JSON.stringify({ query: nested(4) }))],
  ['deeply nested variables (100,000 levels)', () => send(`{"query":"query($x: ProductFilter) { products(filter: $x) { totalCount } }","variables":{"x":{"text":${'['.repeat(100_000)}${']'.repeat(100_000)}}}}`)],
  ['too many tokens', () => send(JSON.stringify({ query: `{ ${Array.from({ length: 8000 }, (_, i) => `a${i}: __typename`).join(' ')} }` }))],
  ['a mutation over GET', () => send(undefined, { method: 'GET', search: `?query=${encodeURIComponent('mutation { cancelOrder(id: "acoop:O1") { id } }')}` })],
  ['text/plain body (CSRF-safe content type)', () => send('{ products { totalCount } }', { contentType: 'text/plain' })],
  ['an empty batch', () => send('[]')],
];

describe('malformed requests', () => {
  it.each(CASES)('%s → 4xx with a GraphQL error, nothing sent', async (_name, run) => {
    const before = net.sent.length;
    const res = await run();
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(Array.isArray(res.json?.errors)).toBe(true);
    expect(typeof res.json.errors[0].message).toBe('string');
    expect(net.sent.length).toBe(before);
  });

  it('deep nesting is refused as QUERY_TOO_COMPLEX, huge strings as BAD_USER_INPUT', async () => {
    expect((await send(JSON.stringify({ query: nested(3_300) }))).json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    expect((await send(JSON.stringify({ query: nested(4) }))).json.errors[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const huge = await send(JSON.stringify({ query: 'query($t: String) { products(filter: { text: $t }) { totalCount } }', variables: { t: 'x'.repeat(20_000) } }));
    expect(huge.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a string literal over the limit every time the same query comes (the literal check is kept per document)', async () => {
    const literal = (n: number) => JSON.stringify({ query: `{ products(filter: { text: "${'x'.repeat(n)}" }) { totalCount } }` });
    for (let i = 0; i < 2; i++) {
      const res = await send(literal(10_001));
      expect(res.status).toBe(400);
      expect(res.json.errors[0].extensions.code).toBe('BAD_USER_INPUT');
      expect(res.json.errors[0].message).toBe('A string in the query has 10001 characters, at most 10000 allowed');
    }
    // At the limit the literal is no reason to refuse (whatever the cooperatives then make of the search).
    const atLimit = await send(literal(10_000));
    expect(JSON.stringify(atLimit.json.errors ?? [])).not.toContain('characters, at most');
  });

  it('never answers a random body with a 5xx, and keeps serving', async () => {
    const bodies = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json({ maxDepth: 6 }),
      fc.record({ query: fc.string({ maxLength: 120 }), variables: fc.option(fc.jsonValue({ maxDepth: 4 })) }).map((o) => JSON.stringify(o)),
      fc
        .array(fc.constantFrom('{', '}', '(', ')', '[', ']', 'products', 'nodes', 'id', ':', '"', '$x', '...', 'on', '@skip(if: true)', ' '), { maxLength: 80 })
        .map((parts) => JSON.stringify({ query: parts.join(' ') })),
    );
    await fc.assert(
      fc.asyncProperty(bodies, async (body) => {
        const res = await send(body);
        return res.status < 500;
      }),
      { numRuns: 150, seed: 20261126 },
    );
    const ok = await send(JSON.stringify({ query: '{ products(first: 1) { totalCount } }' }));
    expect(ok.status).toBe(200);
    expect(ok.json.data.products.totalCount).toBe(4);
  });
});
