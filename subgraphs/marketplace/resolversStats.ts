/** `productStats` and `orderStats`: validated filters, one adapter call, buckets. */
import { callAdapter } from '../shared/adapterCall';
import type { ResolverMap } from '../shared/roleSchema';
import { accessOf, orderStatsAccess, requireAccess, scopeBuyerFilter } from '../shared/identityRules';
import type { MarketplaceDeps } from './deps';
import { includesCooperative, orderFilterOf, productFilterOf, type OrderFilterInput, type ProductFilterInput } from './inputs';
import type { OrderDimension, ProductDimension } from './port';
import { orderBuckets, productBuckets } from './stats';

interface StatsArgs<Filter, Dimension> {
  filter?: Filter | null;
  groupBy?: Dimension[] | null;
  cooperatives?: string[] | null;
}

export function statsResolvers(deps: MarketplaceDeps): ResolverMap {
  const { adapter, cooperativeId, scope } = deps;
  return {
    Query: {
      async productStats(_: unknown, args: StatsArgs<ProductFilterInput, ProductDimension>) {
        const included = includesCooperative(cooperativeId, args.cooperatives);
        const filter = productFilterOf(deps.ids, args.filter);
        const groupBy = [...new Set(args.groupBy ?? [])];
        if (!included || filter === null) return [];
        const rows = await callAdapter(scope, 'productStats', () => adapter.productStats(filter, groupBy));
        return productBuckets(cooperativeId, rows, groupBy);
      },
      async orderStats(_: unknown, args: StatsArgs<OrderFilterInput, OrderDimension>, context: unknown) {
        const included = includesCooperative(cooperativeId, args.cooperatives);
        const access = requireAccess(accessOf(context, orderStatsAccess, cooperativeId), cooperativeId);
        const filter = scopeBuyerFilter(orderFilterOf(deps.ids, args.filter), access);
        const groupBy = [...new Set(args.groupBy ?? [])];
        if (!included || filter === null) return [];
        const rows = await callAdapter(scope, 'orderStats', () => adapter.orderStats(filter, groupBy));
        return orderBuckets(cooperativeId, rows, groupBy);
      },
    },
  };
}
