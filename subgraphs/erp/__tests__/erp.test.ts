import { execute, parse } from 'graphql';
import { sbnetError } from '../../../core/errors';
import type { ErpAdapter, FulfillmentRecord, InventoryRecord } from '../port';
import { buildErpSchema, createErpContext } from '../schema';

const COOP = 'kfurn';
const OTHER = 'kmetal';

/** A hand-made ERP that counts its calls and keeps the ids it was asked for. */
class FakeErp implements ErpAdapter {
  readonly kind = 'fake';
  calls = { getInventory: 0, getFulfillment: 0 };
  asked: string[][] = [];
  fail: Error | null = null;

  constructor(
    private readonly inventory: Record<string, InventoryRecord>,
    private readonly fulfillment: Record<string, FulfillmentRecord>,
  ) {}

  async getInventory(ids: readonly string[]) {
    this.calls.getInventory++;
    this.asked.push([...ids]);
    if (this.fail) throw this.fail;
    return ids.map((id) => this.inventory[id] ?? null);
  }

  async getFulfillment(ids: readonly string[]) {
    this.calls.getFulfillment++;
    this.asked.push([...ids]);
    if (this.fail) throw this.fail;
    return ids.map((id) => this.fulfillment[id] ?? null);
  }
}

const inventory = (i: number): InventoryRecord => ({
  onHand: i * 10,
  available: i * 10 - 1.5,
  warehouse: i % 2 ? '김포 1창고' : null,
  leadTimeDays: i % 3 ? 3 : null,
  asOf: '2026-03-01T06:00:00+09:00',
});

const shipped: FulfillmentRecord = {
  status: 'SHIPPED',
  shippedAt: '2026-03-02T14:00:00+09:00',
  carrier: 'CJ대한통운',
  trackingNumber: '6543-2109-8765',
  invoice: { number: 'INV-2026-0042', issuedAt: '2026-03-02T15:00:00+09:00', total: { amount: 240000, vat: 24000, currency: 'KRW' } },
};

function setup() {
  const products: Record<string, InventoryRecord> = {};
  for (let i = 1; i <= 60; i++) products[`P${i}`] = inventory(i);
  const erp = new FakeErp(products, { O1: shipped, O2: { status: 'PENDING', shippedAt: null, carrier: null, trackingNumber: null, invoice: null } });
  const schema = buildErpSchema({ cooperativeId: COOP, adapter: erp });
  const run = (query: string, variables?: Record<string, unknown>) =>
    Promise.resolve(execute({ schema, document: parse(query), variableValues: variables, contextValue: createErpContext() }));
  return { erp, run };
}

const ENTITIES = `query($reps: [_Any!]!) { _entities(representations: $reps) {
  ... on Product { id inventory { onHand available warehouse leadTimeDays asOf } }
  ... on Order { id fulfillment { status shippedAt carrier trackingNumber invoice { number issuedAt total { amount vat currency } } } }
} }`;

describe('erp role server', () => {
  it('50 Product representations make one getInventory call', async () => {
    const { erp, run } = setup();
    const reps = Array.from({ length: 50 }, (_, i) => ({ __typename: 'Product', id: `${COOP}:P${i + 1}` }));
    const result = await run(ENTITIES, { reps });
    expect(result.errors).toBeUndefined();
    const entities = result.data!._entities as Array<{ id: string; inventory: InventoryRecord }>;
    expect(entities).toHaveLength(50);
    expect(entities[0]).toEqual({ id: `${COOP}:P1`, inventory: inventory(1) });
    expect(entities[49].inventory).toEqual(inventory(50));
    expect(erp.calls).toEqual({ getInventory: 1, getFulfillment: 0 });
    expect(erp.asked[0]).toHaveLength(50);
  });

  it('another cooperative’s or an unknown item answers null without an error; theirs are never asked for', async () => {
    const { erp, run } = setup();
    const reps = [
      { __typename: 'Product', id: `${OTHER}:P1` },
      { __typename: 'Product', id: `${COOP}:P999` },
      { __typename: 'Product', id: `${COOP}:P2` },
      { __typename: 'Order', id: `${COOP}:O1` },
      { __typename: 'Order', id: `${OTHER}:O1` },
      { __typename: 'Order', id: `${COOP}:O404` },
      { __typename: 'Order', id: `${COOP}:O2` },
    ];
    const result = await run(ENTITIES, { reps });
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities).toEqual([
      { id: `${OTHER}:P1`, inventory: null },
      { id: `${COOP}:P999`, inventory: null },
      { id: `${COOP}:P2`, inventory: inventory(2) },
      { id: `${COOP}:O1`, fulfillment: shipped },
      { id: `${OTHER}:O1`, fulfillment: null },
      { id: `${COOP}:O404`, fulfillment: null },
      { id: `${COOP}:O2`, fulfillment: { status: 'PENDING', shippedAt: null, carrier: null, trackingNumber: null, invoice: null } },
    ]);
    expect(erp.calls).toEqual({ getInventory: 1, getFulfillment: 1 });
    expect(erp.asked).toEqual([
      ['P999', 'P2'],
      ['O1', 'O404', 'O2'],
    ]);
  });

  it('only the entities whose fields are asked for reach the adapter', async () => {
    const { erp, run } = setup();
    await run(`query($reps: [_Any!]!) { _entities(representations: $reps) { ... on Product { id } } }`, {
      reps: [{ __typename: 'Product', id: `${COOP}:P1` }],
    });
    expect(erp.calls).toEqual({ getInventory: 0, getFulfillment: 0 });
  });

  it('a malformed id is BAD_USER_INPUT for that entity only', async () => {
    const { run } = setup();
    const result = await run(ENTITIES, { reps: [{ __typename: 'Product', id: 'P1' }, { __typename: 'Product', id: `${COOP}:P1` }] });
    expect(result.errors?.map((e) => [e.extensions.code, e.path])).toEqual([['BAD_USER_INPUT', ['_entities', 0]]]);
    expect((result.data!._entities as unknown[])[1]).toEqual({ id: `${COOP}:P1`, inventory: inventory(1) });
  });

  it('an ERP failure is COOPERATIVE_UNAVAILABLE with the cooperative; an ERP GraphQLError is kept', async () => {
    const { erp, run } = setup();
    erp.fail = new Error('SQLITE_BUSY: database is locked\n    at Database.prepare');
    const reps = [{ __typename: 'Product', id: `${COOP}:P1` }, { __typename: 'Product', id: `${COOP}:P2` }];
    const result = await run(ENTITIES, { reps });
    expect(result.errors?.map((e) => e.extensions)).toEqual([
      { code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: COOP, reason: 'SQLITE_BUSY: database is locked' },
      { code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: COOP, reason: 'SQLITE_BUSY: database is locked' },
    ]);
    expect(erp.calls.getInventory).toBe(1);
    erp.fail = sbnetError('COOPERATIVE_UNAVAILABLE', { details: { reason: 'ERP in maintenance' } });
    const kept = await run(ENTITIES, { reps: reps.slice(0, 1) });
    expect(kept.errors?.[0].extensions).toEqual({ code: 'COOPERATIVE_UNAVAILABLE', reason: 'ERP in maintenance', cooperativeId: COOP });
  });

  it('each request has its own loaders (no answers cached across requests)', async () => {
    const { erp, run } = setup();
    const reps = [{ __typename: 'Product', id: `${COOP}:P1` }];
    await run(ENTITIES, { reps });
    await run(ENTITIES, { reps });
    expect(erp.calls.getInventory).toBe(2);
  });
});
