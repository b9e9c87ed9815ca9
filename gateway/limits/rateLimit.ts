/**
 * Per-client rate limiting in the shared StateStore (Redis across gateway
 * instances): a fixed window per client, `requests` per `windowMs`. A client
 * is its token's subject, or its address without a token. When the store
 * does not answer, requests pass (the limit protects capacity; it must not
 * become an outage of its own).
 */
import type { Logger } from '../../core/log';
import { silentLogger } from '../../core/log';
import type { StateStore } from '../state/store';
import type { RateLimitSettings } from './settings';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number; limit: number };

export class RateLimiter {
  constructor(
    private readonly store: StateStore,
    private readonly settings: RateLimitSettings,
    private readonly log: Logger = silentLogger,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts `operations` requests of `client` (a batch counts each operation). */
  async hit(client: string, operations = 1): Promise<RateDecision> {
    const { requests, windowMs } = this.settings;
    const now = this.now();
    const window = Math.floor(now / windowMs);
    const key = `ratelimit:${client}:${window}`;
    let count = 0;
    try {
      for (let i = 0; i < operations; i++) count = await this.store.incr(key, windowMs);
    } catch (err) {
      this.log.warn({ err }, 'rate limit store unavailable: request let through');
      return { allowed: true };
    }
    if (count <= requests) return { allowed: true };
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((window + 1) * windowMs - now) / 1000)), limit: requests };
  }
}
