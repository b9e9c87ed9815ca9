import { parse, print, validate } from 'graphql';
import { buildRoleSchema } from '../../../subgraphs/shared/roleSchema';
import { argumentValues, collectFields } from '../../router/collect';
import type { FieldRequest } from '../../router/context';
import { parseOperation, singleFieldDocument } from '../../router/operation';
import { BUYER_FILTER_VARIABLE, pinBuyer, takeBuyerProbe, withBuyerProbe } from '../rewrite';

const schema = buildRoleSchema('marketplace', {});

function request(query: string, variables: Record<string, unknown> = {}): FieldRequest {
  const parsed = parseOperation(parse(query));
  const [field] = collectFields(parsed.operation.selectionSet, parsed.fragments, variables);
  const node = field.nodes[0];
  return { parsed, field, node, variables, args: argumentValues(node, variables), mutation: false, headers: {}, deps: {} as never, call: () => Promise.reject(new Error('unused')) };
}

const sent = (req: FieldRequest) => print(singleFieldDocument(req.parsed, req.node));

describe('access rewrites keep the operation valid against the role schema', () => {
  it.each([
    ['no filter', 'query { orders(first: 5) { totalCount nodes { id } } }', {}],
    ['a literal filter', 'query { orders(filter: { status: RECEIVED }) { totalCount } }', {}],
    ['a variable filter', 'query Q($f: OrderFilter, $n: Int) { orders(filter: $f, first: $n) { totalCount } }', { f: { status: 'SHIPPED', buyerBusinessNumber: '1058612348' }, n: 3 }],
    ['orderStats', 'query($g: [OrderDimension!]) { orderStats(groupBy: $g, filter: { from: "2026-01-01T00:00:00+09:00" }) { count } }', { g: ['MONTH'] }],
  ])("pins a member's buyer number (%s)", (_name, query, variables) => {
    const pinned = pinBuyer(request(query, variables), '105-86-12348');
    const text = sent(pinned);
    expect(validate(schema, parse(text))).toEqual([]);
    expect(text).toContain(`filter: $${BUYER_FILTER_VARIABLE}`);
    const filter = pinned.variables[BUYER_FILTER_VARIABLE] as Record<string, unknown>;
    expect(filter.buyerBusinessNumber).toBe('105-86-12348');
    expect(Object.keys(filter).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the rest of the client’s filter', () => {
    const pinned = pinBuyer(request('{ orders(filter: { status: RECEIVED, supplierId: "k:S1" }) { totalCount } }'), '105-86-12348');
    expect(pinned.variables[BUYER_FILTER_VARIABLE]).toEqual({ status: 'RECEIVED', supplierId: 'k:S1', buyerBusinessNumber: '105-86-12348' });
  });

  it('is built once per field node (the prepared text cache keeps working)', () => {
    const req = request('{ orders { totalCount } }');
    expect(pinBuyer(req, 'a').node).toBe(pinBuyer(req, 'b').node);
    expect(withBuyerProbe(req).node).toBe(withBuyerProbe(req).node);
  });

  it('probes the buyer of order(id:) and strips the probe from the answer', () => {
    const probed = withBuyerProbe(request('query($id: ID!) { order(id: $id) { id ...F } } fragment F on Order { status }'));
    expect(validate(schema, parse(sent(probed)))).toEqual([]);
    expect(takeBuyerProbe({ id: 'k:1', __sb_buyer: { businessNumber: '1' } })).toEqual({ businessNumber: '1', value: { id: 'k:1' } });
    expect(takeBuyerProbe(null)).toEqual({ businessNumber: undefined, value: null });
  });
});
