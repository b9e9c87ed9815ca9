/**
 * Serving one cooperative's role subgraph over HTTP: the role's generic
 * server (schema + resolvers) over an adapter that is already built.
 */
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { RowReport } from '../adapters/types';
import { serveApollo, type RunningServer } from '../core/http/serve';
import type { Logger } from '../core/log';
import { PUBLIC_ERRORS } from '../core/errors';
import { requestLogPlugin } from '../core/requestLog';
import { buildErpSchema, createErpContext } from './erp/schema';
import { buildMarketplaceSchema, createMarketplaceContext } from './marketplace/schema';
import { withCaller } from './shared/identity';
import { callerFromRequest, gatewaySignaturePlugin } from './shared/identityServer';
import type { MarketplaceAdapter } from './marketplace/port';
import type { ErpAdapter } from './erp/port';

export type TenantRole = 'marketplace' | 'erp';

export interface RunningSubgraph extends RunningServer {
  name: string;
  /** Bad legacy rows the adapter reported so far. */
  reports: RowReport[];
}

export interface ServeAdapterOptions {
  role: TenantRole;
  cooperativeId: string;
  adapter: MarketplaceAdapter | ErpAdapter;
  host?: string;
  port?: number;
  log?: Logger;
  /**
   * Shared secret of the gateway's signed identity header (`gatewaySecret` in
   * the cooperative's config): with it, calls without a valid signature are
   * refused and the access rules are enforced here too.
   */
  gatewaySecret?: string;
}

/** Serves an already-built adapter (tests and benchmarks build in-memory ones). */
export async function serveRoleAdapter(options: ServeAdapterOptions): Promise<RunningSubgraph> {
  const { role, cooperativeId, adapter } = options;
  const schema: GraphQLSchema =
    role === 'marketplace'
      ? buildMarketplaceSchema({ cooperativeId, adapter: adapter as MarketplaceAdapter, log: options.log })
      : buildErpSchema({ cooperativeId, adapter: adapter as ErpAdapter, log: options.log });
  const context = role === 'marketplace' ? createMarketplaceContext : createErpContext;
  // Signals are handled by the CLI, which stops every server it started.
  const apollo = new ApolloServer<BaseContext>({
    schema,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      gatewaySignaturePlugin(),
      // One line per request with the gateway's x-request-id (reqId).
      ...(options.log ? [requestLogPlugin({ log: options.log })] : []),
    ],
    introspection: true,
    ...PUBLIC_ERRORS,
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const server = await serveApollo(apollo, {
    host: options.host,
    port: options.port,
    context: async ({ req }) => withCaller(context(), callerFromRequest(req, options.gatewaySecret, cooperativeId)),
    routes: { '/healthz': () => ({ status: 200, body: '{"status":"ok"}' }) },
  });
  return {
    ...server,
    name: `${cooperativeId}-${role}`,
    reports: [],
    close: async () => {
      await server.close();
      await apollo.stop();
      await adapter.close?.();
    },
  };
}
