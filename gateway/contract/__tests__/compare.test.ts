/**
 * The schema comparison, one finding code at a time, with the message a
 * cooperative's IT person reads; plus the real standard schemas compared
 * with themselves and with what real subgraph servers print.
 */
import { readFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { projectPath } from '../../../core/paths';
import { buildMarketplaceSchema } from '../../../subgraphs/marketplace/schema';
import { InMemoryMarketplace } from '../../../subgraphs/marketplace/inMemoryAdapter';
import { FINDING_CODES } from '../findings';
import { codes, diff, errorsOnly } from './harness';

const STANDARD = `
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.9", import: ["@key"])
  scalar DateTime
  type Cooperative @key(fields: "id", resolvable: false) { id: ID! }
  type Product @key(fields: "id") {
    id: ID!
    name: String!
    gtin: String
    tags: [String!]!
    status: Status!
    updatedAt: DateTime!
  }
  enum Status { ACTIVE RETIRED }
  enum Field { NAME PRICE }
  enum Mood { CALM }
  input Filter { text: String, minPrice: Int, field: Field = NAME }
  type Query {
    products(filter: Filter, first: Int = 20, after: String, cooperatives: [ID!], mood: Mood): [Product!]!
    product(id: ID!): Product
  }
  type Mutation { touch(id: ID!): Product! }
`;

/** The standard with `from` replaced by `to` (the test fails if nothing matched). */
function variant(from: string | RegExp, to: string): string {
  const out = STANDARD.replace(from, to);
  if (out === STANDARD) throw new Error(`nothing replaced: ${String(from)}`);
  return out;
}

const only = (actual: string) => errorsOnly(diff(STANDARD, actual));

describe('compareSchemas', () => {
  it('finds nothing between the standard and itself', () => {
    expect(diff(STANDARD, STANDARD)).toEqual([]);
  });

  it('MISSING_TYPE', () => {
    expect(only(variant('enum Mood { CALM }', ''))).toEqual([
      { level: 'error', code: 'MISSING_TYPE', where: 'Mood', message: 'type Mood is missing (an enum in the standard schema)' },
    ]);
  });

  it('MISSING_ROOT, naming what the network sends there', () => {
    expect(only(variant('type Mutation { touch(id: ID!): Product! }', ''))).toEqual([
      { level: 'error', code: 'MISSING_ROOT', where: 'Mutation', message: 'has no Mutation type (the network sends touch there)' },
    ]);
  });

  it('compares root types by their role, whatever they are called', () => {
    const renamed = variant('type Query {', 'schema { query: Root, mutation: Mutation } type Root {');
    expect(diff(STANDARD, renamed)).toEqual([]);
  });

  it('WRONG_KIND', () => {
    expect(only(variant('enum Mood { CALM }', 'type Mood { calm: Int }'))).toMatchObject([
      { code: 'WRONG_KIND', where: 'Mood', message: 'Mood is an object type here; the standard schema has an enum' },
    ]);
  });

  it('MISSING_FIELD', () => {
    expect(only(variant('    gtin: String\n', ''))).toEqual([
      { level: 'error', code: 'MISSING_FIELD', where: 'Product.gtin', message: 'missing field Product.gtin (String)' },
    ]);
  });

  it('WRONG_FIELD_TYPE: another type, or null where the network promises a value', () => {
    expect(only(variant('name: String!', 'name: Int!'))[0].message).toBe('field Product.name has type Int! instead of String!');
    expect(only(variant('tags: [String!]!', 'tags: [String]!'))[0].message).toBe(
      'field Product.tags has type [String]! instead of [String!]!: it may answer null where the network promises a value',
    );
    expect(only(variant('gtin: String', 'gtin: String!'))).toEqual([]);
  });

  it('MISSING_ARGUMENT', () => {
    expect(only(variant(', cooperatives: [ID!]', ''))).toEqual([
      { level: 'error', code: 'MISSING_ARGUMENT', where: 'Query.products(cooperatives:)', message: 'Query.products has no argument cooperatives ([ID!])' },
    ]);
  });

  it('WRONG_ARGUMENT_TYPE: another type, or required where the network may leave it out', () => {
    expect(only(variant('first: Int = 20', 'first: String = "20"'))[0]).toEqual({
      level: 'error',
      code: 'WRONG_ARGUMENT_TYPE',
      where: 'Query.products(first:)',
      message: 'argument first of Query.products has type String instead of Int',
    });
    expect(only(variant('after: String', 'after: String!'))[0].message).toBe(
      'argument after of Query.products has type String! instead of String: it is required here, but the network may leave it out',
    );
    expect(only(variant('product(id: ID!)', 'product(id: ID)'))).toEqual([]);
  });

  it('WRONG_DEFAULT: changed, dropped or added', () => {
    expect(only(variant('first: Int = 20', 'first: Int = 10'))[0]).toMatchObject({
      code: 'WRONG_DEFAULT',
      message: 'argument first of Query.products has default 10 instead of 20',
    });
    expect(only(variant('first: Int = 20', 'first: Int'))[0].message).toBe("argument first of Query.products has no default (the standard's is 20)");
    expect(only(variant('after: String', 'after: String = ""'))[0].message).toBe('argument after of Query.products has default "" (the standard has none)');
    expect(only(variant('field: Field = NAME', 'field: Field = PRICE'))[0]).toMatchObject({ code: 'WRONG_DEFAULT', where: 'Filter.field' });
  });

  it('EXTRA_REQUIRED_ARGUMENT is an error; an optional extra argument is a note', () => {
    expect(only(variant('product(id: ID!)', 'product(id: ID!, lang: String!)'))[0]).toMatchObject({
      code: 'EXTRA_REQUIRED_ARGUMENT',
      message: 'argument lang of Query.product is required (String!), but the network never sends it: make it optional',
    });
    expect(codes(diff(STANDARD, variant('product(id: ID!)', 'product(id: ID!, lang: String! = "ko", x: Int)')))).toEqual([
      'note EXTRA Query.product(lang:)',
      'note EXTRA Query.product(x:)',
    ]);
  });

  it('MISSING_INPUT_FIELD, WRONG_INPUT_FIELD_TYPE, EXTRA_REQUIRED_INPUT_FIELD', () => {
    expect(only(variant('minPrice: Int, ', ''))[0]).toEqual({
      level: 'error',
      code: 'MISSING_INPUT_FIELD',
      where: 'Filter.minPrice',
      message: 'input Filter has no field minPrice (Int)',
    });
    expect(only(variant('minPrice: Int', 'minPrice: Float'))[0].message).toBe('input field Filter.minPrice has type Float instead of Int');
    expect(only(variant('minPrice: Int', 'minPrice: Int!'))[0].code).toBe('WRONG_INPUT_FIELD_TYPE');
    expect(only(variant('text: String,', 'text: String, lang: String!,'))[0]).toMatchObject({
      code: 'EXTRA_REQUIRED_INPUT_FIELD',
      message: 'input field Filter.lang is required (String!), but the network never sends it: make it optional',
    });
    expect(codes(diff(STANDARD, variant('text: String,', 'text: String, lang: String,')))).toEqual(['note EXTRA Filter.lang']);
  });

  it('enums: missing values matter where the network sends them, extra values where it reads them', () => {
    expect(only(variant('enum Field { NAME PRICE }', 'enum Field { NAME }'))[0]).toEqual({
      level: 'error',
      code: 'MISSING_ENUM_VALUE',
      where: 'Field.PRICE',
      message: 'enum Field lacks value PRICE, which the network may send',
    });
    expect(only(variant('enum Status { ACTIVE RETIRED }', 'enum Status { ACTIVE RETIRED LOST }'))[0]).toEqual({
      level: 'error',
      code: 'EXTRA_ENUM_VALUE',
      where: 'Status.LOST',
      message: 'enum Status has value LOST, which the network does not know: an answer with it fails',
    });
    // Output-only: a value never answered is fine. Input-only: an extra value is never sent.
    expect(codes(diff(STANDARD, variant('enum Status { ACTIVE RETIRED }', 'enum Status { ACTIVE }')))).toEqual(['note EXTRA Status.RETIRED']);
    expect(codes(diff(STANDARD, variant('enum Field { NAME PRICE }', 'enum Field { NAME PRICE STOCK }')))).toEqual(['note EXTRA Field.STOCK']);
  });

  it('EXTRA_UNION_MEMBER', () => {
    const standard = `${STANDARD} union Hit = Product`;
    expect(errorsOnly(diff(standard, `${STANDARD} type Other { a: Int } union Hit = Product | Other`))).toMatchObject([
      { code: 'EXTRA_UNION_MEMBER', message: 'union Hit has member Other, which the network does not know' },
    ]);
  });

  it('MISSING_KEY, WRONG_KEY, KEY_NOT_RESOLVABLE', () => {
    expect(only(variant('type Product @key(fields: "id")', 'type Product'))).toEqual([
      { level: 'error', code: 'MISSING_KEY', where: 'Product', message: 'Product has no @key(fields: "id"): the gateway fetches Product entities from you by id' },
    ]);
    expect(only(variant('type Product @key(fields: "id")', 'type Product @key(fields: "name")'))[0].message).toBe(
      'Product has @key(fields: "name") instead of @key(fields: "id"): the gateway fetches Product entities from you by id',
    );
    expect(only(variant('type Product @key(fields: "id")', 'type Product @key(fields: "id", resolvable: false)'))[0].code).toBe('KEY_NOT_RESOLVABLE');
    expect(only(variant('type Cooperative @key(fields: "id", resolvable: false)', 'type Cooperative'))[0].message).toBe(
      'Cooperative has no @key(fields: "id"): other subgraphs refer to Cooperative by id',
    );
  });

  it('accepts extra keys, a resolvable stub and Federation 1 style entities', () => {
    expect(only(variant('type Product @key(fields: "id")', 'type Product @key(fields: "id") @key(fields: "name")'))).toEqual([]);
    expect(only(variant('type Cooperative @key(fields: "id", resolvable: false)', 'type Cooperative @key(fields: "id")'))).toEqual([]);
    const fed1 = variant(/extend schema[^\n]*\n/, '').replace('type Cooperative @key(fields: "id", resolvable: false) { id: ID! }', 'extend type Cooperative @key(fields: "id") { id: ID! @external }');
    expect(only(fed1)).toEqual([]);
  });

  it('ignores the federation machinery and notes extra types', () => {
    const actual = `${STANDARD}
      scalar _Any
      type _Service { sdl: String }
      enum link__Purpose { SECURITY EXECUTION }
      scalar federation__FieldSet
      type Warehouse { code: String }`;
    expect(codes(diff(STANDARD, actual))).toEqual(['note EXTRA Warehouse']);
  });

  it('has a description for every code it can report', () => {
    for (const code of ['MISSING_TYPE', 'WRONG_KEY', 'PROBE_ORDER'] as const) expect(FINDING_CODES[code]).toBeTruthy();
  });
});

describe('the real role schemas', () => {
  const read = (role: string) => readFileSync(projectPath('subgraphs', role, 'schema.graphql'), 'utf8');

  it.each(['marketplace', 'erp', 'network'])('%s equals itself', (role) => {
    expect(diff(read(role), read(role))).toEqual([]);
  });

  it('the marketplace role server prints an SDL that fits its standard (only federation additions)', () => {
    const schema = buildMarketplaceSchema({ cooperativeId: 'abc', adapter: new InMemoryMarketplace({ products: [], suppliers: [], orders: [] }) });
    expect(errorsOnly(diff(read('marketplace'), printSubgraphSchema(schema)))).toEqual([]);
  });

  it('the erp schema is not a marketplace', () => {
    const findings = errorsOnly(diff(read('marketplace'), read('erp')));
    expect(findings.map((f) => f.where)).toEqual(expect.arrayContaining(['Product.name', 'Query', 'ProductFilter']));
  });
});
