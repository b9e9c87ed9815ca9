import { sbnetError } from '../../../core/errors';
import { COOP, OTHER, bizNo, codes, harness, ok, sampleData } from './harness';

const PLACE = `mutation($input: PlaceOrderInput!) { placeOrder(input: $input) {
  id cooperative { id } buyer { businessNumber name } supplier { id } status idempotencyKey
  lines { product { id } quantity unitPrice { amount } amount { amount } } total { amount vat currency }
} }`;

const BUYER = { businessNumber: bizNo('220811111').replace(/-/g, ''), name: '(주)구매' };

function input(overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: 'key-1',
    buyer: BUYER,
    lines: [
      { productId: `${COOP}:P02`, quantity: 2 },
      { productId: `${COOP}:P06`, quantity: 10 },
    ],
    ...overrides,
  };
}

describe('placeOrder', () => {
  it('places the order through the adapter with local ids and a normalized business number', async () => {
    const h = harness();
    const { placeOrder } = ok(await h.run(PLACE, { input: input() }));
    expect(placeOrder).toEqual({
      id: expect.stringMatching(new RegExp(`^${COOP}:O-`)),
      cooperative: { id: COOP },
      buyer: { businessNumber: bizNo('220811111'), name: '(주)구매' },
      supplier: { id: `${COOP}:S1` },
      status: 'RECEIVED',
      idempotencyKey: 'key-1',
      lines: [
        { product: { id: `${COOP}:P02` }, quantity: 2, unitPrice: { amount: 120000 }, amount: { amount: 240000 } },
        { product: { id: `${COOP}:P06` }, quantity: 10, unitPrice: { amount: 450000 }, amount: { amount: 4500000 } },
      ],
      total: { amount: 4740000, vat: 474000, currency: 'KRW' },
    });
    expect(h.args.placeOrder[0][0]).toEqual({
      idempotencyKey: 'key-1',
      buyer: { businessNumber: bizNo('220811111'), name: '(주)구매' },
      lines: [
        { productLocalId: 'P02', quantity: 2 },
        { productLocalId: 'P06', quantity: 10 },
      ],
    });
    // The products were checked with one batched get.
    expect(h.calls.getProducts).toBe(1);
  });

  it('the same idempotency key retried returns the same order and creates no second one', async () => {
    const h = harness();
    const first = ok(await h.run(PLACE, { input: input() })).placeOrder;
    const again = ok(await h.run(PLACE, { input: input() })).placeOrder;
    expect(again).toEqual(first);
    expect(ok(await h.run(`{ orders { totalCount } }`)).orders.totalCount).toBe(sampleData().orders.length + 1);
    const other = ok(await h.run(PLACE, { input: input({ idempotencyKey: 'key-2' }) })).placeOrder;
    expect(other.id).not.toBe(first.id);
  });

  it('the same key with another input is IDEMPOTENCY_CONFLICT', async () => {
    const h = harness();
    ok(await h.run(PLACE, { input: input() }));
    const result = await h.run(PLACE, { input: input({ lines: [{ productId: `${COOP}:P02`, quantity: 3 }] }) });
    expect(codes(result)).toEqual(['IDEMPOTENCY_CONFLICT']);
    expect(result.errors?.[0].extensions).toMatchObject({ key: 'key-1' });
    // Line order and split lines are the same input.
    const reordered = input({
      lines: [
        { productId: `${COOP}:P06`, quantity: 10 },
        { productId: `${COOP}:P02`, quantity: 1 },
        { productId: `${COOP}:P02`, quantity: 1 },
      ],
    });
    expect(codes(await h.run(PLACE, { input: reordered }))).toEqual([]);
  });

  const rejected: Array<[string, Record<string, unknown>, string]> = [
    ['an empty idempotency key', { idempotencyKey: '' }, 'BAD_USER_INPUT'],
    ['a blank idempotency key', { idempotencyKey: '   ' }, 'BAD_USER_INPUT'],
    ['an idempotency key over 200 characters', { idempotencyKey: 'k'.repeat(201) }, 'BAD_USER_INPUT'],
    ['a business number failing its check digit', { buyer: { ...BUYER, businessNumber: '220-81-11112' } }, 'BAD_USER_INPUT'],
    ['a malformed business number', { buyer: { ...BUYER, businessNumber: '220-81-111' } }, 'BAD_USER_INPUT'],
    ['an empty buyer name', { buyer: { ...BUYER, name: ' ' } }, 'BAD_USER_INPUT'],
    ['no lines', { lines: [] }, 'BAD_USER_INPUT'],
    ['a malformed product id', { lines: [{ productId: 'P02', quantity: 1 }] }, 'BAD_USER_INPUT'],
    ['a quantity of 0', { lines: [{ productId: `${COOP}:P02`, quantity: 0 }] }, 'BAD_USER_INPUT'],
    ['a negative quantity', { lines: [{ productId: `${COOP}:P02`, quantity: -3 }] }, 'BAD_USER_INPUT'],
    ['a quantity under the minimum order quantity', { lines: [{ productId: `${COOP}:P06`, quantity: 9 }] }, 'BAD_USER_INPUT'],
    ['an unknown product', { lines: [{ productId: `${COOP}:NOPE`, quantity: 1 }] }, 'BAD_USER_INPUT'],
    [
      'products of another cooperative',
      { lines: [{ productId: `${COOP}:P02`, quantity: 1 }, { productId: `${OTHER}:P02`, quantity: 1 }] },
      'CROSS_COOPERATIVE_ORDER',
    ],
    ['only products of another cooperative', { lines: [{ productId: `${OTHER}:P02`, quantity: 1 }] }, 'CROSS_COOPERATIVE_ORDER'],
  ];

  it.each(rejected)('refuses %s before calling the adapter', async (_name, overrides, code) => {
    const h = harness();
    const result = await h.run(PLACE, { input: input(overrides) });
    expect(codes(result)).toEqual([code]);
    expect(result.data).toBeNull();
    expect(h.calls.placeOrder).toBeUndefined();
  });

  it('names what is wrong', async () => {
    const h = harness();
    const malformed = await h.run(PLACE, { input: input({ lines: [{ productId: 'P02', quantity: 1 }] }) });
    expect(malformed.errors?.[0].message).toContain('"P02"');
    const unknown = await h.run(PLACE, { input: input({ lines: [{ productId: `${COOP}:NOPE`, quantity: 1 }] }) });
    expect(unknown.errors?.[0].message).toContain(`${COOP}:NOPE`);
    const small = await h.run(PLACE, { input: input({ lines: [{ productId: `${COOP}:P06`, quantity: 9 }] }) });
    expect(small.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', productId: `${COOP}:P06`, minOrderQuantity: 10 });
    const cross = await h.run(PLACE, { input: input({ lines: [{ productId: `${OTHER}:P02`, quantity: 1 }, { productId: `${COOP}:P02`, quantity: 1 }] }) });
    expect(cross.errors?.[0].extensions).toMatchObject({ code: 'CROSS_COOPERATIVE_ORDER', cooperatives: [COOP, OTHER] });
    expect(cross.errors?.[0].message).toContain(OTHER);
  });

  it('accepts a 200-character idempotency key', async () => {
    const h = harness();
    expect(ok(await h.run(PLACE, { input: input({ idempotencyKey: 'k'.repeat(200) }) })).placeOrder.idempotencyKey).toHaveLength(200);
  });

  it('an adapter failure is COOPERATIVE_UNAVAILABLE; an adapter’s GraphQLError keeps its extensions', async () => {
    const failing = harness(sampleData(), (memory) => {
      memory.placeOrder = async () => {
        throw new TypeError('Cannot read properties of undefined (reading "x")');
      };
      return memory;
    });
    const result = await failing.run(PLACE, { input: input() });
    expect(result.errors?.[0].extensions).toEqual({
      code: 'COOPERATIVE_UNAVAILABLE',
      cooperativeId: COOP,
      reason: 'Cannot read properties of undefined (reading "x")',
    });
    const coded = harness(sampleData(), (memory) => {
      memory.placeOrder = async () => {
        throw sbnetError('IDEMPOTENCY_CONFLICT', { details: { key: 'key-1', legacyCode: 'E42' } });
      };
      return memory;
    });
    const kept = await coded.run(PLACE, { input: input() });
    expect(kept.errors?.[0].extensions).toEqual({ code: 'IDEMPOTENCY_CONFLICT', key: 'key-1', legacyCode: 'E42' });
  });
});

describe('cancelOrder', () => {
  const CANCEL = `mutation($id: ID!, $reason: String) { cancelOrder(id: $id, reason: $reason) { id status } }`;

  it('cancels through the adapter with the local id and reason', async () => {
    const h = harness();
    expect(ok(await h.run(CANCEL, { id: `${COOP}:O1`, reason: '중복 주문' })).cancelOrder).toEqual({ id: `${COOP}:O1`, status: 'CANCELLED' });
    expect(h.args.cancelOrder[0]).toEqual(['O1', '중복 주문']);
    expect(ok(await h.run(`{ order(id: "${COOP}:O1") { status } }`)).order.status).toBe('CANCELLED');
  });

  it('malformed id or another cooperative’s → BAD_USER_INPUT; the adapter’s own error is kept', async () => {
    const h = harness();
    expect(codes(await h.run(CANCEL, { id: 'O1' }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await h.run(CANCEL, { id: `${OTHER}:O1` }))).toEqual(['BAD_USER_INPUT']);
    expect(h.calls.cancelOrder).toBeUndefined();
    const unknown = await h.run(CANCEL, { id: `${COOP}:O99` });
    expect(codes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors?.[0].message).toContain('O99');
  });
});
