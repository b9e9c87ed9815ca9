/**
 * Kinds whose legacy calls cannot be counted at the wire (an in-memory store,
 * an index loaded from files) count port calls instead: each call reads the
 * store once. `state.broken` makes every call fail as a dead system would.
 */
export interface CallSwitch {
  calls: number;
  broken: boolean;
}

/** Counts every port call and fails them all once broken (`kind` and `close` pass untouched). */
export function instrumented<T extends object>(adapter: T, state: CallSwitch): T {
  return new Proxy(adapter, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function' || prop === 'close' || prop === 'constructor') return value;
      return async (...args: unknown[]) => {
        state.calls++;
        if (state.broken) throw new Error('in-memory legacy store is down');
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}
