/**
 * `gateway.limits` in supergraph.yaml: what one client request may ask for.
 *
 *   gateway:
 *     limits:
 *       maxDepth: 12              # nesting of fields in the client's operation
 *       maxCost: 50000            # see cost.ts; fan-out multiplies by the cooperatives reached
 *       defaultListSize: 10       # assumed size of a list without `first`
 *       maxBatch: 10              # operations in one batched HTTP request (1 = batching off)
 *       maxBodyBytes: 1048576     # request body
 *       maxStringLength: 10000    # any string in the query or its variables
 *       maxTokens: 20000          # lexical tokens of the query text
 *       rateLimit: { requests: 1200, windowSeconds: 60 }   # per client; false = off
 */
import type { ConfigPath, ConfigReader } from '../../core/yamlConfig';

export interface RateLimitSettings {
  requests: number;
  windowMs: number;
}

export interface LimitSettings {
  maxDepth: number;
  maxCost: number;
  defaultListSize: number;
  maxBatch: number;
  maxBodyBytes: number;
  maxStringLength: number;
  maxTokens: number;
  /** null: no rate limit. */
  rateLimit: RateLimitSettings | null;
}

export const LIMIT_DEFAULTS: Readonly<LimitSettings> = Object.freeze({
  maxDepth: 12,
  maxCost: 50_000,
  defaultListSize: 10,
  maxBatch: 10,
  maxBodyBytes: 1 << 20,
  maxStringLength: 10_000,
  maxTokens: 20_000,
  rateLimit: Object.freeze({ requests: 1200, windowMs: 60_000 }),
});

const KEYS = ['maxDepth', 'maxCost', 'defaultListSize', 'maxBatch', 'maxBodyBytes', 'maxStringLength', 'maxTokens', 'rateLimit'] as const;
const RATE_KEYS = ['requests', 'windowSeconds'];

/** Only what the file sets (defaults are applied by `effectiveLimits`). */
export type LimitOverrides = Partial<LimitSettings>;

export function readLimitSettings(r: ConfigReader, value: unknown, path: ConfigPath): LimitOverrides | undefined {
  if (value === undefined || value === null) return undefined;
  const l = r.object(value, path, KEYS);
  const out: LimitOverrides = {};
  for (const key of KEYS) {
    if (key === 'rateLimit') continue;
    const n = r.number(l[key], [...path, key], { optional: true, integer: true, min: 1 });
    if (n !== undefined) out[key] = n;
  }
  if (l.rateLimit === false) out.rateLimit = null;
  else if (l.rateLimit !== undefined && l.rateLimit !== null) {
    const at = [...path, 'rateLimit'];
    const rate = r.object(l.rateLimit, at, RATE_KEYS);
    out.rateLimit = {
      requests: r.number(rate.requests, [...at, 'requests'], { integer: true, min: 1 })!,
      windowMs: r.number(rate.windowSeconds, [...at, 'windowSeconds'], { integer: true, min: 1, max: 86_400 })! * 1000,
    };
  }
  return out;
}

export function effectiveLimits(overrides: LimitOverrides | undefined): LimitSettings {
  return { ...LIMIT_DEFAULTS, ...overrides };
}
