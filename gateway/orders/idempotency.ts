/**
 * Gateway-level idempotency of `placeOrder`, in the shared StateStore (Redis
 * across gateway instances and restarts; in-process without Redis).
 *
 * Before anything is sent, the key is recorded with the request's
 * fingerprint (`SET NX`). Then:
 * - the same key with another fingerprint → `IDEMPOTENCY_CONFLICT`, nothing sent;
 * - one attempt per key at a time: an in-process queue, and across instances a
 *   lock with a lease (`SET NX PX`); a retry arriving while the first call is
 *   in flight waits for it;
 * - once an attempt placed the order, the record says so and every later
 *   retry is sent again: the adapter finds the order by its key and answers
 *   with it, so the client gets the same order, never a second one;
 * - an attempt the cooperative refused (bad input…) created nothing: the
 *   record is removed and the key may be used again;
 * - an attempt whose outcome is unknown (deadline passed, answer lost) keeps
 *   the record: the retry is sent and the adapter finds the order if the lost
 *   call did make it.
 *
 * Keys are per cooperative, as the legacy systems keep them, and remembered
 * for `ttlMs` (default 24 h). A store that does not answer refuses the order
 * (`COOPERATIVE_UNAVAILABLE`, retryable), never lets it through unchecked.
 */
import { createHash, randomUUID } from 'node:crypto';
import { sbnetError } from '../../core/errors';
import { silentLogger, type Logger } from '../../core/log';
import type { StateStore } from '../state/store';

export type AttemptOutcome = 'placed' | 'refused' | 'unknown';

export interface IdempotencyOptions {
  /** How long a key is remembered (default 24 h). */
  ttlMs?: number;
  /** First wait between looks at a lock held by another gateway instance (doubles up to 200 ms). */
  pollMs?: number;
  log?: Logger;
}

export interface KeyedAttempt {
  cooperativeId: string;
  idempotencyKey: string;
  fingerprint: string;
  /** Lease of the cross-instance lock: longer than one call can take. */
  leaseMs: number;
}

interface KeyRecord {
  /** The request fingerprint. */
  h: string;
  /** Set once an attempt placed the order. */
  done?: true;
  at: number;
}

export const DEFAULT_IDEMPOTENCY_TTL_MS = 24 * 3600_000;

export class IdempotencyKeys {
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly owner = randomUUID();
  private tokens = 0;
  private readonly ttlMs: number;
  private readonly pollMs: number;
  private readonly log: Logger;

  constructor(
    private readonly store: StateStore,
    options: IdempotencyOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_IDEMPOTENCY_TTL_MS;
    this.pollMs = options.pollMs ?? 10;
    this.log = options.log ?? silentLogger;
  }

  /**
   * Whether the key is already recorded with this input (a retry); refuses at
   * once a key recorded with another input (nothing is recorded or sent).
   */
  async isRetry(attempt: KeyedAttempt): Promise<boolean> {
    const raw = await this.safely(attempt, () => this.store.get(recordId(attempt)));
    if (raw === null) return false;
    if (parseRecord(raw).h !== attempt.fingerprint) throw conflict(attempt);
    return true;
  }

  /** Runs `send` under the attempt's key as described above. */
  async run<T>(attempt: KeyedAttempt, send: () => Promise<T>, outcomeOf: (result: T) => AttemptOutcome): Promise<T> {
    const id = recordId(attempt);
    for (;;) {
      // Claiming first: another input under the key is refused even while an attempt is in flight.
      const record = await this.claim(id, attempt);
      if (record.done) return send();
      const running = this.inFlight.get(id);
      if (running) {
        await running;
        continue;
      }
      const placing = this.exclusively(id, attempt, send, outcomeOf);
      const settled = placing.then(
        () => undefined,
        () => undefined,
      );
      this.inFlight.set(id, settled);
      try {
        return await placing;
      } finally {
        if (this.inFlight.get(id) === settled) this.inFlight.delete(id);
      }
    }
  }

  /** The key's record, made now if there is none; another fingerprint is a conflict. */
  private async claim(id: string, attempt: KeyedAttempt): Promise<KeyRecord> {
    const fresh: KeyRecord = { h: attempt.fingerprint, at: Date.now() };
    for (let tries = 0; tries < 3; tries++) {
      if (await this.safely(attempt, () => this.store.setIfAbsent(id, JSON.stringify(fresh), this.ttlMs))) return fresh;
      const raw = await this.safely(attempt, () => this.store.get(id));
      if (raw === null) continue; // expired or released between the two commands
      const record = parseRecord(raw);
      if (record.h !== attempt.fingerprint) throw conflict(attempt);
      return record;
    }
    throw unavailable(attempt, 'the idempotency key could not be recorded');
  }

  /** Holds the cross-instance lock around one attempt. */
  private async exclusively<T>(id: string, attempt: KeyedAttempt, send: () => Promise<T>, outcomeOf: (result: T) => AttemptOutcome): Promise<T> {
    const lockKey = `${id}:lock`;
    const token = await this.acquire(lockKey, id, attempt);
    if (token === null) return send(); // placed by another instance while we waited
    try {
      // The record may have changed while we waited (placed, or removed after a refusal).
      const record = await this.claim(id, attempt);
      if (record.done) return await send();
      const result = await send();
      await this.settle(id, attempt, outcomeOf(result));
      return result;
    } finally {
      await this.release(lockKey, token);
    }
  }

  /** The lock's token, or null when the order was placed meanwhile. */
  private async acquire(lockKey: string, id: string, attempt: KeyedAttempt): Promise<string | null> {
    const token = `${this.owner}:${++this.tokens}`;
    const giveUpAt = Date.now() + attempt.leaseMs + 1000;
    for (let wait = this.pollMs; ; wait = Math.min(wait * 2, 200)) {
      if (await this.safely(attempt, () => this.store.setIfAbsent(lockKey, token, attempt.leaseMs))) return token;
      const raw = await this.safely(attempt, () => this.store.get(id));
      if (raw !== null) {
        const record = parseRecord(raw);
        if (record.h !== attempt.fingerprint) throw conflict(attempt);
        if (record.done) return null;
      }
      if (Date.now() > giveUpAt) throw unavailable(attempt, 'an order with this idempotency key is still being placed; retry');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  private async settle(id: string, attempt: KeyedAttempt, outcome: AttemptOutcome): Promise<void> {
    try {
      if (outcome === 'placed') await this.store.set(id, JSON.stringify({ h: attempt.fingerprint, done: true, at: Date.now() } satisfies KeyRecord), this.ttlMs);
      else if (outcome === 'refused') await this.store.del([id]);
    } catch (err) {
      // The order stays safe: the record stays pending and a retry asks the cooperative, which knows the key.
      this.log.warn({ err, cooperativeId: attempt.cooperativeId, outcome }, 'could not update an idempotency record');
    }
  }

  private async release(lockKey: string, token: string): Promise<void> {
    try {
      if ((await this.store.get(lockKey)) === token) await this.store.del([lockKey]);
    } catch {
      // The lease expires on its own.
    }
  }

  private async safely<T>(attempt: KeyedAttempt, op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      this.log.warn({ err, cooperativeId: attempt.cooperativeId }, 'idempotency store unavailable');
      throw unavailable(attempt, 'the idempotency store is unavailable; nothing was sent, retry');
    }
  }
}

function recordId(attempt: KeyedAttempt): string {
  return `idempotency:${attempt.cooperativeId}:${createHash('sha256').update(attempt.idempotencyKey).digest('hex')}`;
}

function conflict(attempt: KeyedAttempt) {
  return sbnetError('IDEMPOTENCY_CONFLICT', { details: { key: attempt.idempotencyKey, cooperativeId: attempt.cooperativeId } });
}

function parseRecord(raw: string): KeyRecord {
  try {
    const parsed = JSON.parse(raw) as KeyRecord;
    if (parsed && typeof parsed.h === 'string') return parsed;
  } catch {
    // fall through
  }
  return { h: '', at: 0 };
}

function unavailable(attempt: KeyedAttempt, reason: string) {
  return sbnetError('COOPERATIVE_UNAVAILABLE', { details: { cooperativeId: attempt.cooperativeId, reason } });
}
