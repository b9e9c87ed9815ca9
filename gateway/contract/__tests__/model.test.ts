import { keyDirectiveName, normalizeFieldSet, parseSdl } from '../model';
import { model } from './harness';

describe('schemaModel', () => {
  it('merges definitions and extend blocks of one type', () => {
    const m = model(`
      type Product @key(fields: "id") { id: ID! name: String }
      extend type Product { price: Int }
      enum Color { RED }
      extend enum Color { BLUE }
      input F { a: Int = 1 }
      extend input F { b: String }
      union U = A | B
      extend union U = C
      type A { x: Int } type B { x: Int } type C { x: Int }
      scalar DateTime
      interface Node { id: ID! }
    `);
    expect([...m.types.get('Product')!.fields.keys()]).toEqual(['id', 'name', 'price']);
    expect([...m.types.get('Color')!.values]).toEqual(['RED', 'BLUE']);
    expect(m.types.get('F')!.fields.get('a')!.defaultValue).toBe('1');
    expect([...m.types.get('U')!.members]).toEqual(['A', 'B', 'C']);
    expect(m.types.get('DateTime')!.kind).toBe('scalar');
    expect(m.types.get('Node')!.kind).toBe('interface');
  });

  it('reads arguments with their defaults printed as GraphQL', () => {
    const m = model(`type Query { products(first: Int = 20, orderBy: O = { field: NAME }, groupBy: [D!] = [], after: String): Int }`);
    const args = m.types.get('Query')!.fields.get('products')!.args;
    expect(args.get('first')!.defaultValue).toBe('20');
    expect(args.get('orderBy')!.defaultValue).toBe('{field: NAME}');
    expect(args.get('groupBy')!.defaultValue).toBe('[]');
    expect(args.get('after')!.defaultValue).toBeUndefined();
  });

  it('finds the root types from a schema block, else by the default names', () => {
    expect(model('type Query { a: Int } type Mutation { b: Int }').roots).toEqual({ query: 'Query', mutation: 'Mutation' });
    expect(model('schema { query: Root } type Root { a: Int }').roots).toEqual({ query: 'Root', mutation: undefined });
    expect(model('extend schema @link(url: "x") { query: R } type R { a: Int }').roots.query).toBe('R');
  });

  it('reads @key field sets normalized, and resolvable: false', () => {
    const m = model(`
      type A @key(fields: "id") @key(fields: "  sku   region ") { id: ID! }
      type B @key(fields: "id", resolvable: false) { id: ID! }
      type C @key(fields: "id owner { id }") { id: ID! }
    `);
    expect(m.types.get('A')!.keys).toEqual([{ fields: 'id', resolvable: true }, { fields: 'sku region', resolvable: true }]);
    expect(m.types.get('B')!.keys).toEqual([{ fields: 'id', resolvable: false }]);
    expect(m.types.get('C')!.keys[0].fields).toBe('id owner { id }');
  });

  it('reads Federation 1 entities declared with extend type', () => {
    const m = model('extend type Product @key(fields: "id") { id: ID! @external stock: Int }');
    expect(m.types.get('Product')!.keys).toEqual([{ fields: 'id', resolvable: true }]);
  });
});

describe('keyDirectiveName', () => {
  const link = (args: string) => parseSdl(`extend schema @link(url: "https://specs.apollo.dev/federation/v2.9"${args}) type Q { a: Int }`);
  it.each([
    ['Federation 1 (no @link)', parseSdl('type Q { a: Int }'), 'key'],
    ['imported @key', link(', import: ["@key", "@shareable"]'), 'key'],
    ['imported under another name', link(', import: [{ name: "@key", as: "@primaryKey" }]'), 'primaryKey'],
    ['not imported', link(', import: ["@shareable"]'), 'federation__key'],
    ['not imported, namespaced', link(', as: "fed"'), 'fed__key'],
  ])('%s', (_label, doc, expected) => {
    expect(keyDirectiveName(doc)).toBe(expected);
  });

  it('sees renamed keys on types', () => {
    const m = model('extend schema @link(url: "https://specs.apollo.dev/federation/v2.3") type P @federation__key(fields: "id") { id: ID! }');
    expect(m.types.get('P')!.keys).toEqual([{ fields: 'id', resolvable: true }]);
  });
});

describe('normalizeFieldSet', () => {
  it('ignores spacing and keeps nested selections', () => {
    expect(normalizeFieldSet('id\n  sku')).toBe('id sku');
    expect(normalizeFieldSet(' a {  b  c } ')).toBe('a { b c }');
  });
  it('keeps what does not parse, spacing collapsed', () => {
    expect(normalizeFieldSet('a {  ')).toBe('a {');
  });
});
