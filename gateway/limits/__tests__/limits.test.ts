import { buildSchema, parse, Kind, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { Registry, type CooperativeEntry } from '../../../core/registry';
import { marketplaceRouting } from '../../../subgraphs/marketplace/routing';
import { MemoryStore } from '../../state/memoryStore';
import { operationComplexity } from '../cost';
import { fanOutCounter } from '../fanOut';
import { maxNesting } from '../nesting';
import { RateLimiter } from '../rateLimit';

const schema = buildSchema(`
  type Query { products(first: Int = 20, cooperatives: [ID!]): ProductConnection! product(id: ID!): Product stats: [Bucket!]! }
  type ProductConnection { totalCount: Int! nodes: [Product!]! edges: [Edge!]! pageInfo: PageInfo! }
  type Edge { cursor: String! node: Product! }
  type PageInfo { hasNextPage: Boolean! }
  type Product { id: ID! name: String! price: Money! supplier: Supplier }
  type Supplier { name: String! products(first: Int = 20): ProductConnection! }
  type Money { amount: Int! }
  type Bucket { count: Int! }
`);

function complexity(query: string, fanOut: (field: string, args: Record<string, unknown>) => number = () => 1, variables = {}) {
  const doc = parse(query);
  const operation = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(doc.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((f) => [f.name.value, f]));
  return operationComplexity({ schema, operation, fragments, variables, defaultListSize: 10, fanOut });
}

describe('cost', () => {
  it('counts fields, multiplies list children by first, fan-out by cooperatives', () => {
    expect(complexity('{ products(first: 20) { nodes { id name } } }', () => 200)).toEqual({ depth: 3, cost: 8400 });
    expect(complexity('{ products(first: 5) { totalCount edges { cursor node { id } } pageInfo { hasNextPage } } }')).toEqual({ depth: 4, cost: 1 + 1 + 1 + 5 * 3 + 1 + 1 });
  });

  it('uses schema defaults, variables, defaultListSize, and skips what @skip removes', () => {
    expect(complexity('{ products { nodes { id } } }').cost).toBe(1 + 1 + 20);
    expect(complexity('query($n: Int) { products(first: $n) { nodes { id } } }', undefined, { n: 3 }).cost).toBe(1 + 1 + 3);
    expect(complexity('{ stats { count } }').cost).toBe(1 + 10);
    expect(complexity('query($s: Boolean!) { products(first: 3) { nodes { id name @skip(if: $s) } } }', undefined, { s: true }).cost).toBe(1 + 1 + 3);
    expect(complexity('{ __typename products(first: 1) { __typename nodes { id } } }').cost).toBe(3);
  });

  it('nested connections multiply; fragments count like their fields', () => {
    const q = '{ products(first: 10) { nodes { ...F } } } fragment F on Product { id supplier { products(first: 4) { nodes { id } } } }';
    expect(complexity(q)).toEqual({ depth: 6, cost: 1 + 1 + 10 * (1 + 1 + 1 + 1 + 4) });
  });

  it('fan-out applies to root fields only', () => {
    const seen: string[] = [];
    complexity('{ products(first: 1, cooperatives: ["a"]) { nodes { supplier { products { totalCount } } } } product(id: "a:1") { id } }', (f, args) => {
      seen.push(`${f}:${JSON.stringify(args.cooperatives ?? null)}`);
      return 1;
    });
    expect(seen).toEqual(['products:["a"]', 'product:null']);
  });
});

describe('fan-out counter', () => {
  const registry = new Registry(['a', 'b', 'c'].map((id) => ({ id, name: id, subgraphs: { marketplace: `http://${id}` } })));
  const fanOut = fanOutCounter([marketplaceRouting], registry);
  it('counts the cooperatives a scattered field reaches', () => {
    expect(fanOut('products', {})).toBe(3);
    expect(fanOut('products', { cooperatives: ['a', 'c', 'zz'] })).toBe(2);
    expect(fanOut('orderStats', {}, (_, id) => id === 'b')).toBe(1);
    expect(fanOut('product', {})).toBe(1);
    expect(fanOut('cooperatives', {})).toBe(1);
  });

  it('matches counting by hand for every mix of named cooperatives and visibility, as the registry changes', () => {
    const live = new Registry();
    const count = fanOutCounter([marketplaceRouting], live);
    const ids = ['a', 'b', 'c', 'd', 'e'];
    for (let mask = 0; mask < 32; mask++) {
      // Cooperatives present in this snapshot (some draining, one without the role).
      live.replace(
        ids
          .filter((_, i) => mask & (1 << i))
          .map((id, i): CooperativeEntry => ({ id, name: id, subgraphs: id === 'e' ? { erp: 'http://e' } : { marketplace: `http://${id}` }, draining: i === 2 })),
      );
      const routed = live.list().filter((c) => c.subgraphs.marketplace && !c.draining).map((c) => c.id);
      for (const named of [undefined, [], ['a'], ['b', 'd', 'zz'], ids]) {
        for (const visible of [undefined, (_: string, id: string) => id !== 'b']) {
          const expected = routed.filter((id) => (!named || named.includes(id)) && (!visible || visible('products', id))).length;
          expect(count('products', named ? { cooperatives: named } : {}, visible)).toBe(expected);
        }
      }
    }
  });
});

describe('nesting of the query text', () => {
  it('counts brackets, not those in strings, block strings or comments', () => {
    expect(maxNesting('{ a { b(x: [1, [2]]) { c } } }')).toBe(5);
    expect(maxNesting('{ a(t: "{{{{[[[[") { b } }')).toBe(2);
    expect(maxNesting('{ a(t: """ {{{{ \\""" {{{ """) { b } }')).toBe(2);
    expect(maxNesting('# {{{{{{\n{ a }')).toBe(1);
    expect(maxNesting('{'.repeat(100_000), 50)).toBe(51);
  });
});

describe('rate limiter', () => {
  it('allows `requests` per window per client, then says when to retry; fails open without a store', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(new MemoryStore(() => now), { requests: 2, windowMs: 10_000 }, undefined, () => now);
    expect(await limiter.hit('a')).toEqual({ allowed: true });
    expect(await limiter.hit('a')).toEqual({ allowed: true });
    expect(await limiter.hit('b')).toEqual({ allowed: true });
    expect(await limiter.hit('a')).toEqual({ allowed: false, retryAfterSeconds: 10, limit: 2 });
    now += 10_000;
    expect(await limiter.hit('a')).toEqual({ allowed: true });
    const broken = new RateLimiter({ incr: () => Promise.reject(new Error('down')) } as never, { requests: 1, windowMs: 1000 });
    expect(await broken.hit('a', 5)).toEqual({ allowed: true });
  });
});
