/**
 * The marketplace role server: the standard template (`schema.graphql`) over
 * one cooperative's adapter. The HTTP server passes a fresh context object per
 * request (`createMarketplaceContext`); the request's DataLoaders hang off it.
 */
import type { GraphQLSchema } from 'graphql';
import { createSubgraphContext, type SubgraphContext } from '../shared/perRequest';
import { buildRoleSchema } from '../shared/roleSchema';
import { marketplaceDeps, type MarketplaceServerOptions } from './deps';
import { marketplaceResolvers } from './resolvers';

export type { MarketplaceServerOptions };
export type MarketplaceContext = SubgraphContext;

export function buildMarketplaceSchema(opts: MarketplaceServerOptions): GraphQLSchema {
  return buildRoleSchema('marketplace', marketplaceResolvers(marketplaceDeps(opts)));
}

/** Apollo Server's context function: `new ApolloServer({ schema })` + `context: async () => createMarketplaceContext()`. */
export function createMarketplaceContext(): MarketplaceContext {
  return createSubgraphContext();
}
