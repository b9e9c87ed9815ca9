import fc from 'fast-check';
import { MemoryStore } from '../../state/memoryStore';
import { IdempotencyKeys, type AttemptOutcome, type KeyedAttempt } from '../idempotency';
import { checkPlaceOrderInput, orderFingerprint } from '../input';
import { outcomeOf } from '../orderGuard';

const BUYER = { businessNumber: '105-86-12348', name: '가구나라' };
const order = (lines: Array<[string, number]>, buyer = BUYER) => checkPlaceOrderInput({ idempotencyKey: 'k', buyer, lines: lines.map(([productId, quantity]) => ({ productId, quantity })) });
const codeOf = (p: Promise<unknown>) => p.then(() => 'ok', (e: { extensions?: { code?: string } }) => e.extensions?.code);

describe('placeOrder input', () => {
  it('canonicalises the buyer number and names the one cooperative', () => {
    expect(order([['kfurn:P1', 2]], { businessNumber: '1058612348', name: 'x' })).toMatchObject({ cooperativeId: 'kfurn', buyer: { businessNumber: '105-86-12348' } });
  });

  it.each([
    ['BAD_USER_INPUT', { idempotencyKey: '', buyer: BUYER, lines: [{ productId: 'ka:1', quantity: 1 }] }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k'.repeat(201), buyer: BUYER, lines: [{ productId: 'ka:1', quantity: 1 }] }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k', buyer: { businessNumber: '105-86-12340', name: 'x' }, lines: [{ productId: 'ka:1', quantity: 1 }] }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k', buyer: { ...BUYER, name: ' ' }, lines: [{ productId: 'ka:1', quantity: 1 }] }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k', buyer: BUYER, lines: [] }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k', buyer: BUYER, lines: Array.from({ length: 201 }, () => ({ productId: 'ka:1', quantity: 1 })) }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k', buyer: BUYER, lines: [{ productId: 'ka:1', quantity: 1.5 }] }],
    ['BAD_USER_INPUT', { idempotencyKey: 'k', buyer: BUYER, lines: [{ productId: 'nocolon', quantity: 1 }] }],
    ['CROSS_COOPERATIVE_ORDER', { idempotencyKey: 'k', buyer: BUYER, lines: [{ productId: 'ka:1', quantity: 1 }, { productId: 'kb:1', quantity: 1 }] }],
  ])('refuses case %# with %s', (code, input) => {
    expect(() => checkPlaceOrderInput(input)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code }) }));
  });

  it('fingerprints: line order and split lines do not matter; quantity, product and buyer do', () => {
    const lines = fc.array(fc.tuple(fc.constantFrom('ka:P1', 'ka:P2', 'ka:P3'), fc.integer({ min: 1, max: 5 })), { minLength: 1, maxLength: 6 });
    fc.assert(
      fc.property(lines, fc.infiniteStream(fc.boolean()), (ls, coin) => {
        const split = ls.flatMap(([p, q]) => (q > 1 && coin.next().value ? [[p, 1], [p, q - 1]] : [[p, q]])) as Array<[string, number]>;
        const shuffled = [...split].reverse();
        return orderFingerprint(order(ls)) === orderFingerprint(order(shuffled));
      }),
    );
    const base = orderFingerprint(order([['ka:P1', 2]]));
    expect(orderFingerprint(order([['ka:P1', 3]]))).not.toBe(base);
    expect(orderFingerprint(order([['ka:P2', 2]]))).not.toBe(base);
    expect(orderFingerprint(order([['ka:P1', 2]], { businessNumber: '113-81-55552', name: BUYER.name }))).not.toBe(base);
  });
});

describe('idempotency keys', () => {
  const attempt = (fingerprint: string, key = 'k1'): KeyedAttempt => ({ cooperativeId: 'kfurn', idempotencyKey: key, fingerprint, leaseMs: 2000 });
  const placed = (): AttemptOutcome => 'placed';

  it('one attempt at a time per key; later calls with the same input are sent once it is placed', async () => {
    const keys = new IdempotencyKeys(new MemoryStore());
    let running = 0;
    let most = 0;
    const send = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 20));
      running--;
      return 'order';
    };
    const results = await Promise.all(Array.from({ length: 5 }, () => keys.run(attempt('h'), send, placed)));
    expect(results).toEqual(['order', 'order', 'order', 'order', 'order']);
    // The first attempt alone, then the retries together (the order exists: the adapter answers with it).
    expect(most).toBeLessThanOrEqual(4);
  });

  it('another input under the key: IDEMPOTENCY_CONFLICT without sending, also while the first is in flight', async () => {
    const keys = new IdempotencyKeys(new MemoryStore());
    let sent = 0;
    const slow = () => new Promise<string>((r) => setTimeout(() => r(`order-${++sent}`), 50));
    const first = keys.run(attempt('h'), slow, placed);
    await new Promise((r) => setTimeout(r, 5));
    expect(await codeOf(keys.run(attempt('other'), slow, placed))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await codeOf(keys.isRetry(attempt('other')))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await keys.isRetry(attempt('h'))).toBe(true);
    expect(await keys.isRetry(attempt('h', 'fresh'))).toBe(false);
    await first;
    expect(sent).toBe(1);
  });

  it('a refused attempt frees the key; an unknown outcome keeps it bound to its input', async () => {
    const keys = new IdempotencyKeys(new MemoryStore());
    await keys.run(attempt('bad'), async () => 'refused', () => 'refused');
    expect(await keys.run(attempt('good'), async () => 'ok', placed)).toBe('ok');
    await keys.run(attempt('h', 'k2'), async () => 'lost', () => 'unknown');
    expect(await codeOf(keys.run(attempt('other', 'k2'), async () => 'x', placed))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await keys.run(attempt('h', 'k2'), async () => 'retried', placed)).toBe('retried');
  });

  it('a store that does not answer refuses the order (COOPERATIVE_UNAVAILABLE) and sends nothing', async () => {
    const broken = Object.assign(new MemoryStore(), { setIfAbsent: () => Promise.reject(new Error('down')), get: () => Promise.reject(new Error('down')) });
    const keys = new IdempotencyKeys(broken);
    let sent = 0;
    expect(await codeOf(keys.run(attempt('h'), async () => ++sent, placed))).toBe('COOPERATIVE_UNAVAILABLE');
    expect(sent).toBe(0);
  });

  it('outcomes: an order is placed; refusals free the key; anything else is unknown', () => {
    expect(outcomeOf({ value: { id: 'ka:1' }, errors: [] })).toBe('placed');
    expect(outcomeOf({ value: null, errors: [{ message: 'x', extensions: { code: 'BAD_USER_INPUT' } }] })).toBe('refused');
    expect(outcomeOf({ value: null, errors: [{ message: 'x', extensions: { code: 'COOPERATIVE_UNAVAILABLE' } }] })).toBe('unknown');
    expect(outcomeOf({ value: null, errors: [{ message: 'x', extensions: { code: 'IDEMPOTENCY_CONFLICT' } }] })).toBe('unknown');
    expect(outcomeOf({ value: null, errors: [] })).toBe('unknown');
  });
});
