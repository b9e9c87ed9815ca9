/** All resolvers of the marketplace role, one module per concern. */
import { DateTimeScalar } from '../shared/dateTime';
import { mergeResolvers, type ResolverMap } from '../shared/roleSchema';
import type { MarketplaceDeps } from './deps';
import { connectionResolvers } from './resolversConnections';
import { entityResolvers } from './resolversEntities';
import { orderMutationResolvers } from './resolversOrders';
import { statsResolvers } from './resolversStats';

export function marketplaceResolvers(deps: MarketplaceDeps): ResolverMap {
  return mergeResolvers(
    { DateTime: DateTimeScalar },
    entityResolvers(deps),
    connectionResolvers(deps),
    statsResolvers(deps),
    orderMutationResolvers(deps),
  );
}
