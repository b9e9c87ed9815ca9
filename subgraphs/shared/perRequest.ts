/**
 * Per-request state (DataLoaders) kept in a WeakMap keyed by the GraphQL
 * context object: nothing lives in module globals, and the state goes away
 * with the request. Any fresh object per request works as the context
 * (Apollo Server's default `{}` too); `createSubgraphContext` makes one.
 */

/** What a role server needs from its context: a fresh object per request. */
export type SubgraphContext = Record<string, unknown>;

/** The context function to pass to Apollo Server (`context: async () => createSubgraphContext()`). */
export function createSubgraphContext(): SubgraphContext {
  return {};
}

/**
 * Returns `stateOf(context)`: the state made by `create` for that context
 * object, made on first use. Without an object context (e.g. `execute`
 * without `contextValue`) every call gets new state, so nothing is shared
 * across requests, at the cost of batching.
 */
export function perRequest<T>(create: () => T): (context: unknown) => T {
  const states = new WeakMap<object, T>();
  return (context) => {
    if (typeof context !== 'object' || context === null) return create();
    let state = states.get(context);
    if (state === undefined) {
      state = create();
      states.set(context, state);
    }
    return state;
  };
}
