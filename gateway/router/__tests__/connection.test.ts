import { parse } from 'graphql';
import { marketplaceRouting } from '../../../subgraphs/marketplace/routing';
import { collectFields, subfields } from '../collect';
import { mergeConnection, type ConnectionPart } from '../connection';
import { CursorCodec } from '../cursor';
import { parseOperation } from '../operation';
import { rewriteConnection } from '../rewrite';
import type { ConnectionSpec } from '../spec';

const products = marketplaceRouting.fields.products as ConnectionSpec;

/** What a cooperative answers to the rewritten field: the client's edges carrying the merge's fields. */
function answer(coop: string, rows: Array<[string, number]>): ConnectionPart {
  const edges = rows.map(([name, amount], i) => ({ n: { key: `${coop}:P-${i}`, name, __sb_k_PRICE: { amount } }, __sb_c: `${coop}-c${i}` }));
  return { cooperativeId: coop, value: { es: edges, __sb_pi: { hasNextPage: false }, __sb_tc: rows.length } };
}

describe('mergeConnection over a carrier list', () => {
  it("merges on the carried fields and gives the client's edges back without them", () => {
    const text = '{ products(orderBy: { field: PRICE, direction: DESC }) { es: edges { c: cursor n: node { key: id name } } total: totalCount } }';
    const parsed = parseOperation(parse(text));
    const [field] = collectFields(parsed.operation.selectionSet, parsed.fragments, {});
    const { plan } = rewriteConnection(field.nodes[0], products, 'PRICE');
    expect(plan).toEqual({ edges: 'es', cursor: '__sb_c', node: 'n', id: 'key', sortKey: '__sb_k_PRICE' });
    const codec = new CursorCodec('test');
    const out = mergeConnection({
      parts: [answer('a', [['x', 300], ['y', 100]]), answer('b', [['z', 200]])],
      incomplete: false,
      first: 2,
      plan,
      sortKey: products.sortKeys.PRICE,
      direction: 'DESC',
      selections: subfields(field, parsed.fragments, {}),
      fragments: parsed.fragments,
      variables: {},
      typename: products.typename,
      cursors: codec.pageCursors('b', {}),
    }) as { es: Array<{ c: string; n: Record<string, unknown> }>; total: number };
    expect(out.total).toBe(3);
    expect(out.es.map((e) => e.n)).toEqual([
      { key: 'a:P-0', name: 'x' },
      { key: 'b:P-0', name: 'z' },
    ]);
    expect(codec.decode(out.es[0].c, 'b').positions).toEqual({ a: 'a-c0' });
    expect(codec.decode(out.es[1].c, 'b').positions).toEqual({ a: 'a-c0', b: 'b-c0' });
    expect(JSON.stringify(out)).not.toContain('__sb_');
  });
});
