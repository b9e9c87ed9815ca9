/**
 * The legacy system failing: every port call rejects, never with a code that
 * blames the caller, and what the client sees — through the role server's
 * one adapter-call boundary (subgraphs/shared/adapterCall.ts) and through
 * the role schema itself — is COOPERATIVE_UNAVAILABLE naming the cooperative.
 *
 * Kinds that answer from a copy they loaded (`capabilities.keepsLastGoodData`,
 * e.g. nightly CSV exports) are judged by their own rule instead: after the
 * break every call answers exactly as before it, and the breakage is reported.
 */
import { graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { silentLogger } from '../../../core/log';
import { buildErpSchema, createErpContext } from '../../../subgraphs/erp/schema';
import { buildMarketplaceSchema, createMarketplaceContext } from '../../../subgraphs/marketplace/schema';
import { toClientError } from '../../../subgraphs/shared/adapterCall';
import type { ErpAdapter } from '../../../subgraphs/erp/port';
import type { MarketplaceAdapter } from '../../../subgraphs/marketplace/port';
import type { GroupInput } from '../harness';
import { rejection, useLegacy, type LegacyHandle } from './support';

interface PortCall {
  title: string;
  run(adapters: { marketplace: () => MarketplaceAdapter; erp: () => ErpAdapter }): Promise<unknown>;
}

/** Ids the calls ask for: rows that exist before the break. */
interface Known {
  product: string;
  order: string;
  supplier: string;
}

/** One call of every port method the kind has. */
function portCalls({ harness }: GroupInput, { product, order, supplier }: Known): PortCall[] {
  const NAME_ASC = { field: 'NAME', direction: 'ASC' } as const;
  const calls: PortCall[] = [];
  if (harness.roles.includes('marketplace')) {
    calls.push(
      { title: 'searchProducts', run: (a) => a.marketplace().searchProducts({ filter: { text: '책상' }, order: NAME_ASC, first: 5, after: null }) },
      { title: 'getProducts', run: (a) => a.marketplace().getProducts([product, 'NO-SUCH-PRODUCT']) },
      { title: 'searchSuppliers', run: (a) => a.marketplace().searchSuppliers({ filter: {}, order: NAME_ASC, first: 5, after: null }) },
      { title: 'getSuppliers', run: (a) => a.marketplace().getSuppliers([supplier]) },
      { title: 'searchOrders', run: (a) => a.marketplace().searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 5, after: null }) },
      { title: 'getOrders', run: (a) => a.marketplace().getOrders([order]) },
      { title: 'productStats', run: (a) => a.marketplace().productStats({}, ['SEGMENT', 'SUPPLIER_REGION']) },
      { title: 'orderStats', run: (a) => a.marketplace().orderStats({}, ['MONTH', 'SEGMENT']) },
    );
    if (harness.capabilities.placeOrder) {
      calls.push({
        title: 'placeOrder',
        run: (a) => a.marketplace().placeOrder({ idempotencyKey: 'conformance-broken', buyer: { businessNumber: '220-81-62517', name: '시험' }, lines: [{ productLocalId: product, quantity: 1 }] }),
      });
    }
    if (harness.capabilities.cancelOrder) calls.push({ title: 'cancelOrder (an existing order)', run: (a) => a.marketplace().cancelOrder(order, null) });
  }
  if (harness.roles.includes('erp')) {
    calls.push(
      { title: 'getInventory', run: (a) => a.erp().getInventory([product, 'NO-SUCH-PRODUCT']) },
      { title: 'getFulfillment', run: (a) => a.erp().getFulfillment([order]) },
    );
  }
  return calls;
}

function adaptersOf(legacy: LegacyHandle) {
  return { marketplace: () => legacy.marketplace, erp: () => legacy.erp };
}

async function firstError(schema: GraphQLSchema, source: string, contextValue: object): Promise<GraphQLError | undefined> {
  const result = await graphql({ schema, source, contextValue });
  return result.errors?.[0];
}

export function errorsGroup(input: GroupInput): void {
  if (input.harness.capabilities.keepsLastGoodData) lastGoodDataGroup(input);
  else failingLegacyGroup(input);
}

function failingLegacyGroup(input: GroupInput): void {
  const { harness, fixture } = input;
  describe('legacy failures', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const cooperativeId = fixture.dataset.cooperative;
    const known: Known = { product: fixture.expected.products[0].localId, order: fixture.expected.orders[0].localId, supplier: fixture.expected.suppliers[0].localId };
    const hasMarketplace = harness.roles.includes('marketplace');
    const hasErp = harness.roles.includes('erp');

    beforeAll(async () => {
      // The adapter works before the legacy system breaks (so failures below are the breakage's).
      if (hasMarketplace) await legacy.marketplace.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 1, after: null });
      if (hasErp) await legacy.erp.getInventory([known.product]);
      await legacy.legacy.breakLegacy();
    });

    const calls = portCalls(input, known);
    it.each(calls.map((c) => [c.title, c] as const))('%s rejects; the client sees COOPERATIVE_UNAVAILABLE with cooperativeId', async (_t, call) => {
      const error = await rejection(() => call.run(adaptersOf(legacy)));
      // An adapter may raise the error itself; then it must not blame the caller, nor name another cooperative.
      if (error instanceof GraphQLError) {
        expect(error.extensions.code).toBe('COOPERATIVE_UNAVAILABLE');
        if (error.extensions.cooperativeId !== undefined) expect(error.extensions.cooperativeId).toBe(cooperativeId);
      }
      const seen = toClientError({ cooperativeId, log: silentLogger }, call.title, error);
      expect(seen.extensions).toMatchObject({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId });
      expect(seen.message).not.toMatch(/\n\s+at /); // no stack trace for the client
    });

    const marketplaceOperations: Array<[string, string]> = [
      ['products', '{ products(first: 5) { totalCount nodes { id name } } }'],
      ['product(id) (batched through the DataLoader)', `{ product(id: "${cooperativeId}:${known.product}") { id name } }`],
      ['supplier(id)', `{ supplier(id: "${cooperativeId}:${known.supplier}") { id name } }`],
      ['orders', '{ orders(first: 5) { totalCount } }'],
      ['productStats', '{ productStats(groupBy: [SEGMENT]) { count } }'],
      ['orderStats', '{ orderStats(groupBy: [MONTH]) { count } }'],
    ];
    if (hasMarketplace) {
      let schema: GraphQLSchema | undefined;
      it.each(marketplaceOperations)('role server: %s answers COOPERATIVE_UNAVAILABLE with cooperativeId', async (_t, source) => {
        schema ??= buildMarketplaceSchema({ cooperativeId, adapter: legacy.marketplace, log: silentLogger });
        const error = await firstError(schema, source, createMarketplaceContext());
        expect(error?.extensions).toMatchObject({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId });
      });
    }
    if (hasErp) {
      it('role server: Product.inventory answers COOPERATIVE_UNAVAILABLE with cooperativeId', async () => {
        const schema = buildErpSchema({ cooperativeId, adapter: legacy.erp, log: silentLogger });
        const source = `{ _entities(representations: [{ __typename: "Product", id: "${cooperativeId}:${known.product}" }]) { ... on Product { inventory { onHand } } } }`;
        const error = await firstError(schema, source, createErpContext());
        expect(error?.extensions).toMatchObject({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId });
      });
    }
  });
}

/**
 * A kind that loads copies (an export folder) and must never swap a good copy
 * for a broken one: the break changes no answer, and is reported (`ctx.report`)
 * so someone fixes the export job. Such kinds are read-only, so every call can
 * be run before and after the break.
 */
function lastGoodDataGroup(input: GroupInput): void {
  const { harness, fixture } = input;
  describe('legacy failures (the last good data is kept)', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const cooperativeId = fixture.dataset.cooperative;
    const known: Known = { product: fixture.expected.products[0].localId, order: fixture.expected.orders[0].localId, supplier: fixture.expected.suppliers[0].localId };
    const calls = portCalls(input, known);
    const before = new Map<string, unknown>();
    let reportsBefore = 0;

    beforeAll(async () => {
      for (const call of calls) before.set(call.title, await call.run(adaptersOf(legacy)));
      reportsBefore = legacy.legacy.reports.length;
      await legacy.legacy.breakLegacy();
    });

    it.each(calls.map((c) => [c.title, c] as const))('%s answers as before the break', async (_t, call) => {
      expect(await call.run(adaptersOf(legacy))).toEqual(before.get(call.title));
    });

    it('the breakage is reported (naming what is wrong), not thrown at callers', () => {
      const added = legacy.legacy.reports.slice(reportsBefore);
      expect(added.length).toBeGreaterThan(0);
      for (const r of added) expect(r.row.trim() !== '' && r.reason.trim() !== '').toBe(true);
    });

    if (harness.roles.includes('erp')) {
      it('role server: Product.inventory still answers, without an error', async () => {
        const schema = buildErpSchema({ cooperativeId, adapter: legacy.erp, log: silentLogger });
        const source = `{ _entities(representations: [{ __typename: "Product", id: "${cooperativeId}:${known.product}" }]) { ... on Product { inventory { onHand } } } }`;
        const result = await graphql({ schema, source, contextValue: createErpContext() });
        expect(result.errors).toBeUndefined();
        expect(result.data?._entities).toEqual([{ inventory: { onHand: expect.any(Number) } }]);
      });
    }
  });
}
