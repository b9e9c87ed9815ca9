import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, print, validate, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { projectPath } from '../../../core/paths';
import { marketplaceRouting } from '../../../subgraphs/marketplace/routing';
import { argumentValues, collectFields } from '../collect';
import { parseOperation, singleFieldDocument } from '../operation';
import { AFTER_VARIABLE_DEFINITION, rewriteConnection, rewriteConnectionField, rewriteStatsField } from '../rewrite';
import type { ConnectionSpec, StatsSpec } from '../spec';

const schema = buildSubgraphSchema({ typeDefs: parse(readFileSync(projectPath('subgraphs/marketplace/schema.graphql'), 'utf8')) });
const products = marketplaceRouting.fields.products as ConnectionSpec;

const OPERATIONS = [
  '{ products { nodes { name } } }',
  'query Q($f: ProductFilter, $a: String, $n: Int) { products(filter: $f, after: $a, first: $n) { e: edges { c: cursor n: node { ...P } } total: totalCount } } fragment P on Product { id n2: name price { amount } }',
  'query Q($skip: Boolean!) { p: products(orderBy: {field: PRICE, direction: DESC}) { ... on ProductConnection { pageInfo { hasNextPage } } nodes @skip(if: $skip) { sku } } other: product(id: "a:1") { id } }',
  'query { products(after: "x") { edges { node { supplier { name products(first: 2) { totalCount } } } } } }',
];

function rootFields(text: string) {
  const parsed = parseOperation(parse(text));
  const fields = collectFields(parsed.operation.selectionSet, parsed.fragments, { skip: false });
  return { parsed, fields };
}

describe('rewriteConnectionField', () => {
  it.each(OPERATIONS)('keeps the operation valid against the role schema: %s', (text) => {
    const { parsed, fields } = rootFields(text);
    for (const field of fields.filter((f) => f.fieldName === 'products')) {
      const doc = singleFieldDocument(parsed, rewriteConnectionField(field.nodes[0], products, products.orderOf(argumentValues(field.nodes[0], {})).key), [AFTER_VARIABLE_DEFINITION]);
      expect(validate(schema, doc)).toEqual([]);
      // The client's own selections are all still there, untouched.
      expect(print(doc)).toContain(print(field.nodes[0].selectionSet!).slice(1, -1).trim().split('\n')[0].trim());
    }
  });

  it('drops variables and fragments the field no longer uses, and never mutates its input', () => {
    const { parsed, fields } = rootFields(OPERATIONS[1]);
    const before = print(parsed.document);
    const doc = singleFieldDocument(parsed, rewriteConnectionField(fields[0].nodes[0], products, 'NAME'), [AFTER_VARIABLE_DEFINITION]);
    const op = doc.definitions[0] as OperationDefinitionNode;
    expect(op.variableDefinitions!.map((v) => v.variable.name.value).sort()).toEqual(['__sb_after', 'f', 'n']);
    expect(print(parsed.document)).toBe(before);
  });

  it('adds the sort key of the order in force and the paging fields under reserved aliases', () => {
    const { fields } = rootFields(OPERATIONS[0]);
    for (const [name, path] of [['NAME', 'name'], ['PRICE', 'price {'], ['UPDATED_AT', 'updatedAt']]) {
      const out = print(rewriteConnectionField(fields[0].nodes[0], products, name) as FieldNode);
      for (const s of [`__sb_k_${name}: ${path}`, '__sb_c: cursor', '__sb_tc: totalCount', 'after: $__sb_after']) expect(out).toContain(s);
      expect(out.match(/__sb_k_/g)).toHaveLength(1);
    }
    expect(() => rewriteConnectionField(fields[0].nodes[0], products, 'COLOUR')).toThrow(/cannot be ordered by COLOUR/);
  });

  const rewrittenText = (text: string, sortKey = 'NAME') => {
    const { parsed, fields } = rootFields(text);
    const { field, plan } = rewriteConnection(fields[0].nodes[0], products, sortKey);
    const doc = singleFieldDocument(parsed, field, [AFTER_VARIABLE_DEFINITION]);
    expect(validate(schema, doc)).toEqual([]);
    return { text: print(doc).replace(/\s+/g, ' '), plan };
  };

  it('does not ask cooperatives for what the merge computes (pageInfo, totalCount, edge cursors)', () => {
    const { text } = rewrittenText('{ products { totalCount pageInfo { endCursor } e: edges { c: cursor cursor } edges { cursor node { id } } nodes { id } } }');
    expect(text).toContain('products(after: $__sb_after) { e: edges { __typename } edges { node { id __sb_k_NAME: name } __sb_c: cursor } nodes { id } __sb_pi: pageInfo { hasNextPage } __sb_tc: totalCount }');
  });

  it("carries the merge's fields in the client's plain edges { node }, reusing its id and sort key", () => {
    const reused = rewrittenText('{ products { es: edges { n: node { key: id title: name price { amount } } } } }');
    expect(reused.text).toContain('es: edges { n: node { key: id title: name price { amount } } __sb_c: cursor }');
    expect(reused.plan).toEqual({ edges: 'es', cursor: '__sb_c', node: 'n', id: 'key', sortKey: 'title' });
    // A nested sort key (price.amount) and an id under a directive are added under reserved aliases.
    const added = rewrittenText('query($x: Boolean!) { products { edges { node { id @include(if: $x) price { amount } } } } }', 'PRICE');
    expect(added.text).toContain('edges { node { id @include(if: $x) price { amount } __sb_id: id __sb_k_PRICE: price { amount } } __sb_c: cursor }');
    expect(added.plan).toEqual({ edges: 'edges', cursor: '__sb_c', node: 'node', id: '__sb_id', sortKey: '__sb_k_PRICE' });
  });

  it.each([
    ['nodes only', '{ products { nodes { id } } }'],
    ['edges under a directive', 'query($x: Boolean!) { products { edges @include(if: $x) { node { id } } } }'],
    ['node in a fragment', '{ products { edges { ...E } } } fragment E on ProductEdge { node { id } }'],
    ['nothing but totals', '{ products { totalCount } }'],
  ])('adds a list of its own when the client has no plain edges { node } (%s)', (_name, operation) => {
    const { text, plan } = rewrittenText(operation);
    expect(text).toContain('__sb_edges: edges { __sb_c: cursor __sb_n: node { __sb_id: id __sb_k_NAME: name } }');
    expect(plan).toEqual({ edges: '__sb_edges', cursor: '__sb_c', node: '__sb_n', id: '__sb_id', sortKey: '__sb_k_NAME' });
  });
});

describe('rewriteStatsField', () => {
  it.each(['productStats', 'orderStats'])('keeps %s valid', (name) => {
    const text = `query($g: [${name === 'productStats' ? 'Product' : 'Order'}Dimension!]) { s: ${name}(groupBy: $g) { count } }`;
    const { parsed, fields } = rootFields(text);
    const doc = singleFieldDocument(parsed, rewriteStatsField(fields[0].nodes[0], marketplaceRouting.fields[name] as StatsSpec));
    expect(validate(schema, doc)).toEqual([]);
  });
});
