/** The mutations: `placeOrder` and `cancelOrder`. */
import type { ResolverMap } from '../shared/roleSchema';
import type { MarketplaceDeps } from './deps';
import { cancelOrder, placeOrder, type PlaceOrderInput } from './placeOrder';

export function orderMutationResolvers(deps: MarketplaceDeps): ResolverMap {
  return {
    Mutation: {
      placeOrder: (_: unknown, args: { input: PlaceOrderInput }, context: unknown) => placeOrder(deps, context, args.input),
      cancelOrder: (_: unknown, args: { id: string; reason?: string | null }, context: unknown) =>
        cancelOrder(deps, context, args.id, args.reason),
    },
  };
}
