/**
 * The legacy system failing: every port call rejects, never with a code that
 * blames the caller, and what the client sees — through the role server's
 * one adapter-call boundary (subgraphs/shared/adapterCall.ts) and through
 * the role schema itself — is COOPERATIVE_UNAVAILABLE naming the cooperative.
 */
import { graphql, GraphQLError, type GraphQLSchema } from 'graphql';
import { silentLogger } from '../../../core/log';
import { buildErpSchema, createErpContext } from '../../../subgraphs/erp/schema';
import { buildMarketplaceSchema, createMarketplaceContext } from '../../../subgraphs/marketplace/schema';
import { toClientError } from '../../../subgraphs/shared/adapterCall';
import type { ErpAdapter } from '../../../subgraphs/erp/port';
import type { MarketplaceAdapter } from '../../../subgraphs/marketplace/port';
import type { GroupInput } from '../harness';
import { rejection, useLegacy } from './support';

interface PortCall {
  title: string;
  run(adapters: { marketplace: () => MarketplaceAdapter; erp: () => ErpAdapter }): Promise<unknown>;
}

export function errorsGroup({ harness, fixture }: GroupInput): void {
  describe('legacy failures', () => {
    const legacy = useLegacy(harness, fixture.dataset);
    const cooperativeId = fixture.dataset.cooperative;
    const product = fixture.expected.products[0].localId;
    const order = fixture.expected.orders[0].localId;
    const supplier = fixture.expected.suppliers[0].localId;
    const hasMarketplace = harness.roles.includes('marketplace');
    const hasErp = harness.roles.includes('erp');

    beforeAll(async () => {
      // The adapter works before the legacy system breaks (so failures below are the breakage's).
      if (hasMarketplace) await legacy.marketplace.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 1, after: null });
      if (hasErp) await legacy.erp.getInventory([product]);
      await legacy.legacy.breakLegacy();
    });

    const NAME_ASC = { field: 'NAME', direction: 'ASC' } as const;
    const calls: PortCall[] = [];
    if (hasMarketplace) {
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
    if (hasErp) {
      calls.push(
        { title: 'getInventory', run: (a) => a.erp().getInventory([product, 'NO-SUCH-PRODUCT']) },
        { title: 'getFulfillment', run: (a) => a.erp().getFulfillment([order]) },
      );
    }

    it.each(calls.map((c) => [c.title, c] as const))('%s rejects; the client sees COOPERATIVE_UNAVAILABLE with cooperativeId', async (_t, call) => {
      const error = await rejection(() => call.run({ marketplace: () => legacy.marketplace, erp: () => legacy.erp }));
      // An adapter may raise the error itself; then it must not blame the caller, nor name another cooperative.
      if (error instanceof GraphQLError) {
        expect(error.extensions.code).toBe('COOPERATIVE_UNAVAILABLE');
        if (error.extensions.cooperativeId !== undefined) expect(error.extensions.cooperativeId).toBe(cooperativeId);
      }
      const seen = toClientError({ cooperativeId, log: silentLogger }, call.title, error);
      expect(seen.extensions).toMatchObject({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId });
      expect(seen.message).not.toMatch(/\n\s+at /); // no stack trace for the client
    });

    async function firstError(schema: GraphQLSchema, source: string, contextValue: object): Promise<GraphQLError | undefined> {
      const result = await graphql({ schema, source, contextValue });
      return result.errors?.[0];
    }

    const marketplaceOperations: Array<[string, string]> = [
      ['products', '{ products(first: 5) { totalCount nodes { id name } } }'],
      ['product(id) (batched through the DataLoader)', `{ product(id: "${cooperativeId}:${product}") { id name } }`],
      ['supplier(id)', `{ supplier(id: "${cooperativeId}:${supplier}") { id name } }`],
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
        const source = `{ _entities(representations: [{ __typename: "Product", id: "${cooperativeId}:${product}" }]) { ... on Product { inventory { onHand } } } }`;
        const error = await firstError(schema, source, createErpContext());
        expect(error?.extensions).toMatchObject({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId });
      });
    }
  });
}
