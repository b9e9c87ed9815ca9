/**
 * Identical queries in flight at the same moment are executed once. When many
 * clients send the same operation together (the portal's front page, a
 * dashboard refreshed by every office at nine), the first one's execution —
 * query plan, subgraph fetches, result shaping — serves all of them; each
 * request is still parsed, validated, authenticated, rate-limited and
 * cost-checked on its own before it gets here, and answered on its own.
 *
 * The same rule as the tenant router's shared fetches, one level up: same
 * text, operation, variables and caller (authorization and identity) → the same
 * answer. Mutations are never shared, and a read begun after a write started
 * never joins one from before it (WriteEpoch). The shared result is handed to every
 * caller as is: after the executor, Apollo Server only formats errors into new
 * objects and serializes, so nothing writes into it.
 */
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface, GatewayLoadResult } from '@apollo/server-gateway-interface';
import { authorizationScope } from './cache/keys';
import { SharedInFlight, WriteEpoch } from './router/sharedInFlight';
import { callerOf } from '../subgraphs/shared/identity';

/**
 * What makes two executions interchangeable; null when the operation must run
 * on its own: not a query, or variables too deep to serialize (the executor
 * refuses those with its own 4xx, which this must not turn into a crash).
 */
export function executionKey(requestContext: GatewayGraphQLRequestContext, writes = 0): string | null {
  if (requestContext.operation.operation !== 'query') return null;
  const { request, context } = requestContext;
  try {
    return JSON.stringify([
      writes,
      requestContext.source,
      requestContext.operationName,
      request.variables ?? {},
      authorizationScope(request.http?.headers.get('authorization')),
      callerOf(context)?.identity ?? null,
    ]);
  } catch {
    return null;
  }
}

/**
 * Wraps an executor so that identical queries in flight share one execution;
 * mutations run on their own, each counted in `writes` so that no read begun
 * after a write joins one from before it.
 */
export function sharingExecutor(executor: GatewayExecutor, writes: WriteEpoch = new WriteEpoch()): GatewayExecutor {
  // No copy per caller: the result is only read from here on (see above).
  const inFlight = new SharedInFlight<Awaited<ReturnType<GatewayExecutor>>>((result) => result);
  return (requestContext) => {
    if (requestContext.operation.operation === 'mutation') return writes.around(() => executor(requestContext));
    const key = executionKey(requestContext, writes.value);
    return key === null ? executor(requestContext) : inFlight.run(key, () => executor(requestContext));
  };
}

/** The gateway as Apollo Server sees it, with `sharingExecutor` around its executor. */
export function withSharedExecutions(gateway: GatewayInterface, writes: WriteEpoch): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    load: async (options): Promise<GatewayLoadResult> => {
      const loaded = await gateway.load(options);
      return { ...loaded, executor: loaded.executor && sharingExecutor(loaded.executor, writes) };
    },
    stop: () => gateway.stop(),
  };
}
