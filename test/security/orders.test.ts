/**
 * placeOrder through the gateway: validation before anything is sent, and
 * gateway-level idempotency — same key and input give the same order (also
 * while the first call is in flight, after a lost answer and after a gateway
 * restart), another input under the key is IDEMPOTENCY_CONFLICT before
 * anything is sent. The legacy side (the reference adapter's store) is read
 * directly to count orders.
 */
import { MemoryStore } from '../../gateway/state/memoryStore';
import { RedisStore } from '../../gateway/state/redisStore';
import type { StateStore } from '../../gateway/state/store';
import type { CallObserver, CooperativeCall, SendResult, Sender } from '../../gateway/router/send';
import { InMemoryMarketplace } from '../../subgraphs/marketplace/inMemoryAdapter';
import { slowed } from '../helpers/adapters';
import { gql } from '../helpers/gql';
import { describeWithRedis, REDIS_URL, uniquePrefix } from '../resilience/support/redis';
import { MEMBER_A, OTHER_A, acoopData, bcoopData } from './support/fixtures';
import { bearer, startSecureNetwork, tokenFor, type NetworkOptions, type SecureNetwork } from './support/network';

const PLACE = 'mutation($input: PlaceOrderInput!) { placeOrder(input: $input) { id status total { amount } buyer { businessNumber } } }';
const codes = (res: { errors?: Array<{ extensions?: Record<string, unknown> }> }) => (res.errors ?? []).map((e) => e.extensions?.code);

const input = (key: string, lines: Array<[string, number]>, buyer = MEMBER_A) => ({
  input: { idempotencyKey: key, buyer: { businessNumber: buyer, name: '가구나라' }, lines: lines.map(([productId, quantity]) => ({ productId, quantity })) },
});

interface Legacy {
  acoop: InMemoryMarketplace;
  bcoop: InMemoryMarketplace;
}

/** Orders the legacy system holds under `key`, read from its store directly. */
async function ordersWithKey(store: InMemoryMarketplace, key: string) {
  const page = await store.searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after: null });
  return page.rows.filter((o) => o.idempotencyKey === key);
}

async function network(legacy: Legacy, options: NetworkOptions & { delay?: { ms: number } } = {}) {
  const acoop = options.delay ? slowed(legacy.acoop, options.delay) : legacy.acoop;
  return startSecureNetwork([{ id: 'acoop', marketplace: acoop }, { id: 'bcoop', marketplace: legacy.bcoop }], options);
}

const freshLegacy = (): Legacy => ({ acoop: new InMemoryMarketplace(acoopData()), bcoop: new InMemoryMarketplace(bcoopData()) });

let token: string;
beforeAll(async () => {
  token = await tokenFor('federation_admin');
});

describe('validation before anything is sent', () => {
  let net: SecureNetwork;
  const legacy = freshLegacy();
  beforeAll(async () => {
    net = await network(legacy);
  });
  afterAll(async () => net?.close());
  const place = (vars: unknown) => gql(net.url, PLACE, vars as Record<string, unknown>, bearer(token));

  it.each<[string, string, ReturnType<typeof input>]>([
    ['lines of two cooperatives', 'CROSS_COOPERATIVE_ORDER', input('v-cross', [['acoop:P01', 1], ['bcoop:P01', 1]])],
    ['an invalid 사업자등록번호', 'BAD_USER_INPUT', input('v-bno', [['acoop:P01', 1]], '123-45-67890')],
    ['no lines', 'BAD_USER_INPUT', input('v-empty', [])],
    ['quantity 0', 'BAD_USER_INPUT', input('v-zero', [['acoop:P01', 0]])],
    ['a malformed product id', 'BAD_USER_INPUT', input('v-id', [['P01', 1]])],
    ['an empty idempotency key', 'BAD_USER_INPUT', input('  ', [['acoop:P01', 1]])],
    ['an unknown cooperative', 'COOPERATIVE_NOT_FOUND', input('v-ghost', [['ghost:P01', 1]])],
  ])('%s → %s, no cooperative called', async (_name, code, vars) => {
    const before = net.sent.length;
    const res = await place(vars);
    expect(codes(res)).toEqual([code]);
    expect(net.sent.length).toBe(before);
  });

  it.each<[string, ReturnType<typeof input>, Record<string, unknown>]>([
    ['a quantity below minOrderQuantity', input('v-min', [['acoop:P02', 2]]), { minOrderQuantity: 5, productId: 'acoop:P02' }],
    ['an unknown product', input('v-unknown', [['acoop:P01', 1], ['acoop:NOPE', 1]]), { productId: 'acoop:NOPE', line: 1 }],
  ])('%s → BAD_USER_INPUT from the catalogue check; the order itself is never sent', async (_name, vars, details) => {
    const before = net.mutationsSent().length;
    const res = await place(vars);
    expect(codes(res)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors![0].extensions).toMatchObject(details);
    expect(net.mutationsSent().length).toBe(before);
  });

  it('a refused input does not use up its key: corrected, it is placed', async () => {
    expect(codes(await place(input('v-fix', [['acoop:P02', 2]])))).toEqual(['BAD_USER_INPUT']);
    const res = await place(input('v-fix', [['acoop:P02', 5]]));
    expect(res.errors).toBeUndefined();
    expect(res.data.placeOrder.total.amount).toBe(250_000);
    expect(await ordersWithKey(legacy.acoop, 'v-fix')).toHaveLength(1);
  });
});

describe('idempotency (in-process store)', () => {
  const legacy = freshLegacy();
  const delay = { ms: 0 };
  const store = new MemoryStore();
  let net: SecureNetwork;
  beforeAll(async () => {
    net = await network(legacy, { store, delay });
  });
  afterAll(async () => net?.close());
  const place = (vars: unknown) => gql(net.url, PLACE, vars as Record<string, unknown>, bearer(token));

  it('the same key and input give the same order; the legacy system holds one', async () => {
    const first = await place(input('k-same', [['acoop:P01', 2]]));
    const again = await place(input('k-same', [['acoop:P01', 2]]));
    expect(again.data.placeOrder).toEqual(first.data.placeOrder);
    expect(await ordersWithKey(legacy.acoop, 'k-same')).toHaveLength(1);
  });

  it('line order and split lines are the same input', async () => {
    const first = await place(input('k-lines', [['acoop:P01', 2], ['acoop:P02', 5]]));
    const again = await place(input('k-lines', [['acoop:P02', 5], ['acoop:P01', 1], ['acoop:P01', 1]]));
    expect(again.errors).toBeUndefined();
    expect(again.data.placeOrder.id).toBe(first.data.placeOrder.id);
  });

  it('the same key with another input is IDEMPOTENCY_CONFLICT, and nothing is sent', async () => {
    await place(input('k-conflict', [['acoop:P01', 2]]));
    const before = net.sent.length;
    for (const other of [input('k-conflict', [['acoop:P01', 3]]), input('k-conflict', [['acoop:P01', 2]], OTHER_A)]) {
      const res = await place(other);
      expect(codes(res)).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(res.errors![0].extensions).toMatchObject({ key: 'k-conflict', cooperativeId: 'acoop' });
    }
    // Refused from the gateway's record alone: the cooperative hears nothing.
    expect(net.sent.length).toBe(before);
    expect(await ordersWithKey(legacy.acoop, 'k-conflict')).toHaveLength(1);
  });

  it('while the first call is in flight: a retry waits and gets the same order; another input is refused at once', async () => {
    delay.ms = 400; // each adapter call: catalogue check 0–400 ms, then the order (its own product load + placeOrder) 400–1200 ms
    try {
      const started = Date.now();
      const first = place(input('k-flight', [['acoop:P01', 1]])).then((res) => ({ res, ms: Date.now() - started }));
      await new Promise((r) => setTimeout(r, 550)); // the key is recorded, the order is on its way
      const conflict = await place(input('k-flight', [['acoop:P01', 9]])).then((res) => ({ res, ms: Date.now() - started }));
      const retries = await Promise.all([place(input('k-flight', [['acoop:P01', 1]])), place(input('k-flight', [['acoop:P01', 1]]))]);
      const done = await first;
      expect(codes(conflict.res)).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(conflict.ms).toBeLessThan(done.ms - 300); // answered from the record, not after the first call
      expect(retries.map((r) => r.data.placeOrder.id)).toEqual([done.res.data.placeOrder.id, done.res.data.placeOrder.id]);
      expect(await ordersWithKey(legacy.acoop, 'k-flight')).toHaveLength(1);
    } finally {
      delay.ms = 0;
    }
  });

  it('after a gateway restart (same store): same input → same order, another input → conflict before sending', async () => {
    const first = await place(input('k-restart', [['acoop:P01', 4]]));
    await net.close();
    net = await network(legacy, { store, delay });
    const before = net.mutationsSent().length;
    expect(codes(await place(input('k-restart', [['acoop:P01', 5]])))).toEqual(['IDEMPOTENCY_CONFLICT']);
    expect(net.mutationsSent().length).toBe(before);
    const again = await place(input('k-restart', [['acoop:P01', 4]]));
    expect(again.data.placeOrder.id).toBe(first.data.placeOrder.id);
    expect(await ordersWithKey(legacy.acoop, 'k-restart')).toHaveLength(1);
  });
});

/** Sends every call, but loses the answer of the first placeOrder of each key given (the order is made; the gateway never hears). */
class LosingSender implements Sender {
  readonly lost = new Set<string>();
  constructor(
    private readonly inner: Sender,
    private readonly keysToLose: (key: string) => boolean,
  ) {}
  async send(call: CooperativeCall): Promise<SendResult> {
    const result = await this.inner.send(call);
    const key = (call.variables.input as { idempotencyKey?: string } | undefined)?.idempotencyKey;
    if (call.mutation && key && call.query.includes('placeOrder') && this.keysToLose(key) && !this.lost.has(key)) {
      this.lost.add(key);
      return { ok: false, outcome: 'timeout', reason: 'no answer within the deadline (answer lost)' };
    }
    return result;
  }
  onCall(observer: CallObserver) {
    return this.inner.onCall(observer);
  }
  close() {
    return this.inner.close();
  }
}

describe('a lost answer', () => {
  it('the client sees COOPERATIVE_UNAVAILABLE, retries with its key, and gets the order that was made — once', async () => {
    const legacy = freshLegacy();
    let losing: LosingSender | undefined;
    const net = await network(legacy, { wrapSender: (s) => (losing = new LosingSender(s, (k) => k === 'k-lost')) });
    try {
      const place = () => gql(net.url, PLACE, input('k-lost', [['acoop:P01', 3]]), bearer(token));
      const lost = await place();
      expect(codes(lost)).toEqual(['COOPERATIVE_UNAVAILABLE']);
      expect(losing!.lost.has('k-lost')).toBe(true);
      expect(await ordersWithKey(legacy.acoop, 'k-lost')).toHaveLength(1); // it was made
      const retry = await place();
      expect(retry.errors).toBeUndefined();
      const [made] = await ordersWithKey(legacy.acoop, 'k-lost');
      expect(retry.data.placeOrder.id).toBe(`acoop:${made.localId}`);
      expect(await ordersWithKey(legacy.acoop, 'k-lost')).toHaveLength(1);
      // The key stays bound to its input after the lost answer.
      expect(codes(await gql(net.url, PLACE, input('k-lost', [['acoop:P01', 4]]), bearer(token)))).toEqual(['IDEMPOTENCY_CONFLICT']);
    } finally {
      await net.close();
    }
  });
});

describeWithRedis('idempotency in Redis (gateway restarts, several gateways)', () => {
  const prefix = uniquePrefix('orders');
  const stores: StateStore[] = [];
  /** A new connection (as a restarted gateway makes), once it is up. */
  const redis = async () => {
    const store = new RedisStore({ url: REDIS_URL, prefix, commandTimeoutMs: 2000 });
    stores.push(store);
    if (!(await store.ready(5000))) throw new Error(`Redis at ${REDIS_URL} did not accept a connection`);
    return store;
  };
  afterAll(async () => {
    try {
      const cleanup = await redis();
      await cleanup.del(await cleanup.keys('*'));
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('survives a gateway restart: same input → same order, another input → conflict before sending', async () => {
    const legacy = freshLegacy();
    let net = await network(legacy, { store: await redis() });
    try {
      const first = await gql(net.url, PLACE, input('r-restart', [['acoop:P01', 2]]), bearer(token));
      expect(first.errors).toBeUndefined();
      await net.close();
      net = await network(legacy, { store: await redis() }); // a new process: a new connection, nothing in memory
      const before = net.mutationsSent().length;
      expect(codes(await gql(net.url, PLACE, input('r-restart', [['acoop:P01', 3]]), bearer(token)))).toEqual(['IDEMPOTENCY_CONFLICT']);
      expect(net.mutationsSent().length).toBe(before);
      const again = await gql(net.url, PLACE, input('r-restart', [['acoop:P01', 2]]), bearer(token));
      expect(again.data.placeOrder.id).toBe(first.data.placeOrder.id);
      expect(await ordersWithKey(legacy.acoop, 'r-restart')).toHaveLength(1);
    } finally {
      await net.close();
    }
  });

  it('two gateways on one Redis: racing retries through both make one order; a conflict is seen by the other gateway', async () => {
    const legacy = freshLegacy();
    const delay = { ms: 150 };
    const [a, b] = await Promise.all([network(legacy, { store: await redis(), delay }), network(legacy, { store: await redis(), delay })]);
    try {
      const runs = Array.from({ length: 10 }, (_, i) => gql((i % 2 ? a : b).url, PLACE, input('r-race', [['acoop:P01', 1]]), bearer(token)));
      const answers = await Promise.all(runs);
      const ids = new Set(answers.map((r) => r.data?.placeOrder?.id));
      expect(answers.flatMap((r) => codes(r))).toEqual([]);
      expect(ids.size).toBe(1);
      expect(await ordersWithKey(legacy.acoop, 'r-race')).toHaveLength(1);
      expect(codes(await gql(b.url, PLACE, input('r-race', [['acoop:P01', 2]]), bearer(token)))).toEqual(['IDEMPOTENCY_CONFLICT']);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
