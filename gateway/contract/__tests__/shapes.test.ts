import { product } from './harness';
import { continuationProblems, entityListProblems, erpEntityProblems, idProblems, isInstant, moneyProblems, orderProblems, pageProblems, productProblems } from '../shapes';


const messages = (issues: Array<{ message: string }>) => issues.map((i) => i.message);

describe('idProblems', () => {
  it('accepts a global id of the cooperative', () => expect(idProblems('abc:P-1', 'abc', 'x')).toEqual([]));
  it('names a malformed id', () => expect(messages(idProblems('P-1', 'abc', 'a product'))).toEqual(['a product has id "P-1": ids must be "<cooperativeId>:<localId>"']));
  it('names another cooperative, with its own code', () => {
    expect(idProblems('xyz:P-1', 'abc', 'a product')).toEqual([
      { code: 'PROBE_FOREIGN_ID', message: 'a product has id "xyz:P-1", which names cooperative "xyz" instead of "abc": the gateway routes ids by that prefix' },
    ]);
  });
  it('accepts any owner when none is expected', () => expect(idProblems('xyz:P-1', undefined, 'x')).toEqual([]));
});

describe('productProblems', () => {
  it('accepts a well-formed product', () => expect(productProblems(product('abc:1', '책상'), 'abc')).toEqual([]));
  it.each([
    [{ unit: 'BX' }, 'product abc:1 has unit "BX", not a UN/CEFACT Rec 20 code (EA, SET, KGM, XBX…)'],
    [{ gtin: '8801234567890' }, 'product abc:1 has gtin "8801234567890": answer a valid GTIN-8/12/13/14 or null'],
    [{ updatedAt: '20260301' }, 'product abc:1 has updatedAt "20260301", not an ISO 8601 date-time with offset'],
    [{ updatedAt: '2026-03-01T09:00:00' }, 'product abc:1 has updatedAt "2026-03-01T09:00:00", not an ISO 8601 date-time with offset'],
    [{ sku: '' }, 'product abc:1 has no sku'],
    [{ name: ' ' }, 'product abc:1 has no name'],
    [{ price: { amount: 1000.5, vat: 100, currency: 'KRW' } }, 'product abc:1 price.amount is 1000.5, not whole won ≥ 0'],
    [{ price: { amount: 1000, vat: 100, currency: 'USD' } }, 'product abc:1 price.currency is "USD" instead of "KRW"'],
    [{ price: null }, 'product abc:1 price is null, not Money { amount vat currency }'],
  ])('%j', (extra, message) => {
    expect(messages(productProblems(product('abc:1', '책상', extra), 'abc'))).toEqual([message]);
  });
  it('says when a node is not an object', () => expect(messages(productProblems(null, 'abc'))).toEqual(['a product is null, not an object']));
});

describe('moneyProblems', () => {
  it('checks vat too', () => expect(messages(moneyProblems({ amount: 1, vat: -1, currency: 'KRW' }, 'm'))).toEqual(['m.vat is -1, not whole won ≥ 0']));
});

describe('orderProblems', () => {
  it('accepts code-point order with ties by id', () => {
    expect(orderProblems([product('a:2', 'A'), product('a:1', 'B'), product('a:3', 'B'), product('a:0', '가')])).toEqual([]);
  });
  it('refuses a collation order (lower case before upper case)', () => {
    expect(orderProblems([product('a:1', 'b'), product('a:2', 'C')])).toMatchObject([{ code: 'PROBE_ORDER' }]);
  });
  it('refuses ties broken against the id', () => {
    expect(messages(orderProblems([product('a:2', 'A'), product('a:1', 'A')]))[0]).toContain('"A" (a:2) comes before "A" (a:1)');
  });
});

describe('pageProblems', () => {
  const page = (over: Record<string, unknown> = {}) => ({
    totalCount: 2,
    pageInfo: { hasNextPage: false, endCursor: 'c2' },
    edges: [{ cursor: 'c1', node: product('a:1', 'A') }, { cursor: 'c2', node: product('a:2', 'B') }],
    ...over,
  });
  it('accepts a well-formed page and returns its nodes', () => {
    const { problems, nodes } = pageProblems(page(), 5);
    expect(problems).toEqual([]);
    expect(nodes.map((n) => n.id)).toEqual(['a:1', 'a:2']);
  });
  it.each([
    [{ edges: null }, 'products.edges is not a list'],
    [{ totalCount: 1 }, 'totalCount is 1 for a page of 2'],
    [{ pageInfo: { endCursor: null } }, 'pageInfo.hasNextPage is missing'],
    [{ pageInfo: { hasNextPage: true, endCursor: null } }, 'pageInfo says there is a next page but endCursor is empty'],
    [{ edges: [{ cursor: '', node: product('a:1', 'A') }] , totalCount: 1 }, 'an edge has no cursor: every edge needs one so paging can resume right after it'],
    [{ edges: [{ cursor: 'c', node: null }], totalCount: 0 }, 'an edge has no node'],
  ])('%j', (over, message) => {
    expect(messages(pageProblems(page(over), 5).problems)).toEqual([message]);
  });
  it('refuses a page longer than first', () => {
    expect(messages(pageProblems(page(), 1).problems)).toEqual(['asked for 1 products, got 2: first must limit the page']);
  });
  it('refuses something that is not a connection', () => {
    expect(messages(pageProblems([1], 5).problems)).toEqual(['products answered [1], not a ProductConnection']);
  });
});

describe('continuationProblems', () => {
  it('accepts a page that continues', () => expect(continuationProblems([product('a:1', 'A')], [product('a:2', 'B')])).toEqual([]));
  it('refuses a repeated row', () => {
    expect(messages(continuationProblems([product('a:1', 'A')], [product('a:1', 'A')]))).toEqual(['the next page repeats a:1: the cursor must resume right after the last edge']);
  });
  it('refuses a page that starts before the previous one ended', () => {
    expect(messages(continuationProblems([product('a:2', 'B')], [product('a:1', 'A')]))[0]).toMatch(/^across pages: products are not in the network order/);
  });
});

describe('entityListProblems', () => {
  const reps = [{ id: 'a:1', known: true }, { id: 'a:x', known: false }];
  it('accepts answers in order with null for the unknown', () => expect(entityListProblems([{ id: 'a:1' }, null], reps, 'Product')).toEqual([]));
  it.each([
    [null, '_entities answered null, not a list'],
    [[{ id: 'a:1' }], '_entities answered 1 entities for 2 representations: answer one per representation, in order'],
    [[null, null], '_entities answered null for a:1, which your search lists'],
    [[{ id: 'a:9' }, null], '_entities answered a:9 at position 0, where a:1 was asked: keep the order of the representations'],
    [[{ id: 'a:1' }, { id: 'a:1' }], '_entities answered {"id":"a:1"} for the unknown Product a:x: answer null'],
  ])('%j', (list, message) => {
    expect(messages(entityListProblems(list, reps, 'Product'))).toEqual([message]);
  });
});

describe('erpEntityProblems', () => {
  const inventory = { onHand: 3, available: 2, warehouse: null, leadTimeDays: null, asOf: '2026-03-01T09:00:00+09:00' };
  it('accepts null, an unknown product with null inventory, and a known one with inventory', () => {
    expect(erpEntityProblems(null, false, 'a:x')).toEqual([]);
    expect(erpEntityProblems({ id: 'a:x', inventory: null }, false, 'a:x')).toEqual([]);
    expect(erpEntityProblems({ id: 'a:1', inventory }, true, 'a:1')).toEqual([]);
  });
  it('refuses stock for an unknown product, fulfilment for an unknown order, and malformed inventory', () => {
    expect(messages(erpEntityProblems({ id: 'a:x', inventory }, false, 'a:x'))).toEqual(['an unknown product a:x has inventory: answer null']);
    expect(messages(erpEntityProblems({ id: 'a:x', fulfillment: { status: 'SHIPPED' } }, false, 'a:x'))).toEqual(['an unknown order a:x has fulfillment: answer null']);
    expect(messages(erpEntityProblems({ id: 'a:1', inventory: { ...inventory, asOf: 'today' } }, true, 'a:1'))[0]).toMatch(/^inventory of a:1 is/);
    expect(messages(erpEntityProblems(7, true, 'a:1'))).toEqual(['_entities answered 7 for a:1']);
  });
});

describe('isInstant', () => {
  it.each([
    ['2026-03-01T09:00:00+09:00', true],
    ['2026-03-01T00:00:00Z', true],
    ['2026-03-01T00:00:00.123Z', true],
    ['2026-03-01T09:00+09:00', true],
    ['2026-03-01', false],
    ['2026-13-01T00:00:00Z', false],
    [20260301, false],
  ])('%s → %s', (value, ok) => expect(isInstant(value)).toBe(ok));
});
