/**
 * The response cache, per cooperative and type, in the StateStore (Redis,
 * shared by every gateway instance). It caches each cooperative's part of an
 * answer: a root field's result from one cooperative, and each member of an
 * `_entities` batch on its own — so a network-wide query whose cooperatives
 * are all warm makes no cooperative call, one stale cooperative costs one
 * call, and a batch with one new member asks for that member only.
 *
 * Only what the router marked cacheable (`call.cache`), never a mutation,
 * never a private type (orders), never an answer with errors or a failure.
 * The store being down or slow is a miss, never an error: lookups are skipped
 * while it is unavailable and writes are not waited for.
 */
import { formatMessage } from '../../core/errors';
import { isCooperativeCall, SenderDecorator } from '../resilience/decorator';
import { targetOf, type ProtectionEvents } from '../resilience/events';
import type { CacheHint, CooperativeCall, SendResult, Sender } from '../router/send';
import { getMany, storeAvailable, type StateStore } from '../state/store';
import { cachePrefix, entryKey, keyVariables, scopeOf, stableJson } from './keys';
import type { CachePolicy } from './ttl';

type Data = Record<string, unknown>;
type GraphQLError = NonNullable<Extract<SendResult, { ok: true }>['errors']>[number];

export interface CachingSenderOptions {
  store: StateStore;
  policy: CachePolicy;
  events?: ProtectionEvents;
}

interface Member {
  index: number;
  type: string;
  key: string | null;
  ttlMs: number;
}

export class CachingSender extends SenderDecorator {
  private readonly store: StateStore;
  private readonly policy: CachePolicy;
  private readonly events: ProtectionEvents;

  constructor(inner: Sender, options: CachingSenderOptions) {
    super(inner);
    this.store = options.store;
    this.policy = options.policy;
    this.events = options.events ?? {};
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    const hint = call.cache;
    if (!hint || call.mutation || !isCooperativeCall(call)) return this.inner.send(call);
    if (hint.batchVariable) return this.sendBatch(call, hint, hint.batchVariable);
    const type = this.policy.typeOfField(call.role, hint.field);
    const ttlMs = this.policy.ttlMs(call.role, type);
    if (!type || !ttlMs) return this.inner.send(call);
    const key = entryKey(call, type, [call.query, call.operationName ?? '', stableJson(keyVariables(call.query, call.variables)), scopeOf(call)]);
    const [cached] = await this.read([key]);
    this.events.cacheLookup?.(targetOf(call), type, cached !== undefined);
    if (cached !== undefined) return { ok: true, data: cached as Data };
    const result = await this.inner.send(call);
    if (result.ok && result.data && !result.errors?.length) this.write([[key, result.data, ttlMs]]);
    return result;
  }

  /** Purges every entry of one cooperative; returns how many were removed. */
  purge(cooperativeId: string): Promise<number> {
    return purgeCooperative(this.store, cooperativeId);
  }

  private async sendBatch(call: CooperativeCall, hint: CacheHint, variable: string): Promise<SendResult> {
    const reps = call.variables[variable];
    if (!Array.isArray(reps)) return this.inner.send(call);
    const base = [call.query, call.operationName ?? '', stableJson(keyVariables(call.query, call.variables, variable)), scopeOf(call)];
    const members: Member[] = reps.map((rep, index) => {
      const type = typenameOf(rep);
      const ttlMs = this.policy.ttlMs(call.role, type);
      return { index, type: type ?? '?', ttlMs, key: type && ttlMs ? entryKey(call, type, [...base, stableJson(rep)]) : null };
    });
    const keyed = members.filter((m) => m.key);
    if (!keyed.length) return this.inner.send(call);

    const found = await this.read(keyed.map((m) => m.key!));
    const hits = new Map<number, unknown>();
    keyed.forEach((m, i) => {
      this.events.cacheLookup?.(targetOf(call), m.type, found[i] !== undefined);
      if (found[i] !== undefined) hits.set(m.index, found[i]);
    });
    const key = hint.responseKey;
    const missing = members.filter((m) => !hits.has(m.index));
    const list: unknown[] = reps.map((_, i) => (hits.has(i) ? hits.get(i) : null));
    if (!missing.length) return { ok: true, data: { [key]: list } };

    const asked = missing.length === reps.length ? call : { ...call, variables: { ...call.variables, [variable]: missing.map((m) => reps[m.index]) } };
    const result = await this.inner.send(asked);
    if (!result.ok) {
      if (!hits.size) return result;
      // Serve what is cached; the cooperative is named once for the rest.
      const reason = result.reason;
      const error: GraphQLError = {
        message: formatMessage('COOPERATIVE_UNAVAILABLE', { cooperativeId: call.cooperativeId, reason }),
        path: [key, missing[0].index],
        extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason },
      };
      return { ok: true, data: { [key]: list }, errors: [error] };
    }

    const answered = (result.data?.[key] as unknown[] | undefined) ?? [];
    missing.forEach((m, j) => (list[m.index] = answered[j] ?? null));
    const { errors, failed, unplaced } = remapErrors(result.errors ?? [], key, missing);
    if (!unplaced) {
      const writes: Array<[string, unknown, number]> = [];
      missing.forEach((m, j) => {
        if (m.key && answered[j] != null && !failed.has(j)) writes.push([m.key, answered[j], m.ttlMs]);
      });
      this.write(writes);
    }
    return { ok: true, data: { ...(result.data ?? {}), [key]: list }, ...(errors.length ? { errors } : {}) };
  }

  /** Cached values (undefined = miss); a store that is down or fails is all misses. */
  private async read(keys: readonly string[]): Promise<unknown[]> {
    if (!storeAvailable(this.store)) return keys.map(() => undefined);
    try {
      const texts = await getMany(this.store, keys);
      return texts.map((text) => (text === null || text === undefined ? undefined : parse(text)));
    } catch {
      return keys.map(() => undefined);
    }
  }

  private write(entries: ReadonlyArray<[string, unknown, number]>): void {
    if (!entries.length || !storeAvailable(this.store)) return;
    void Promise.all(entries.map(([key, value, ttlMs]) => this.store.set(key, JSON.stringify(value), ttlMs))).catch(() => undefined);
  }
}

/** Removes every cache entry of one cooperative (all roles and types). */
export async function purgeCooperative(store: StateStore, cooperativeId: string): Promise<number> {
  const keys = await store.keys(`${cachePrefix(cooperativeId)}*`);
  return store.del(keys);
}

function typenameOf(rep: unknown): string | undefined {
  const name = (rep as { __typename?: unknown } | null)?.__typename;
  return typeof name === 'string' ? name : undefined;
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Error paths `[key, j, …]` of the sub-batch → `[key, original index, …]`;
 * which members failed; whether some error could not be placed on a member
 * (then nothing of this answer is cached).
 */
function remapErrors(errors: readonly GraphQLError[], key: string, missing: readonly Member[]) {
  const failed = new Set<number>();
  let unplaced = false;
  const out = errors.map((error) => {
    const path = error.path;
    const j = path && path[0] === key ? Number(path[1]) : NaN;
    if (!Number.isInteger(j) || !missing[j]) {
      unplaced = true;
      return error;
    }
    failed.add(j);
    return { ...error, path: [key, missing[j].index, ...path!.slice(2)] };
  });
  return { errors: out, failed, unplaced };
}
