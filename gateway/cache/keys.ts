/**
 * Cache keys: `cache:<cooperative>:<role>:<type>:<digest>`, the digest over
 * everything the cooperative's answer depends on — the operation text sent,
 * the variables sent to that cooperative (its own cursor position, its own
 * slice of representations) and the caller's authorization scope. The
 * cooperative id leads, so one cooperative's entries are purged by prefix.
 */
import { createHash } from 'node:crypto';
import type { CooperativeCall } from '../router/send';

/**
 * Headers that differ on every request or call: the request id, tracing, and
 * the gateway's signed identity (`x-sbnet-identity`: re-signed per call with
 * its own time and audience; the identity it carries comes from the caller's
 * token, which is in the scope already).
 */
const PER_REQUEST_HEADERS = new Set(['x-request-id', 'traceparent', 'tracestate', 'x-sbnet-identity']);

export function cachePrefix(cooperativeId: string): string {
  return `cache:${cooperativeId}:`;
}

export function entryKey(call: Pick<CooperativeCall, 'cooperativeId' | 'role'>, type: string, parts: readonly string[]): string {
  const digest = createHash('sha256');
  for (const part of parts) digest.update(part).update('\0');
  return `${cachePrefix(call.cooperativeId)}${call.role}:${type}:${digest.digest('base64url')}`;
}

/**
 * Who may share an answer: the scope the router set (the caller's
 * authorization) plus every header forwarded to the cooperative (signed
 * identity…) except per-request ones — whatever the cooperative can see of
 * the caller is part of the key.
 */
export function scopeOf(call: CooperativeCall): string {
  const headers = Object.entries(call.headers ?? {})
    .filter(([name]) => !PER_REQUEST_HEADERS.has(name.toLowerCase()))
    .map(([name, value]) => `${name.toLowerCase()}=${value}`)
    .sort();
  return [call.cache?.scope ?? '', ...headers].join('\n');
}

const usedCache = new Map<string, ReadonlySet<string>>();
const USED_CACHE_SIZE = 1000;

/**
 * The variables an operation text refers to (`$name`). The router sends each
 * cooperative the whole request's variables (e.g. the planner's full
 * `representations`), but only those the text uses can change the answer.
 */
export function usedVariables(query: string): ReadonlySet<string> {
  let used = usedCache.get(query);
  if (!used) {
    used = new Set([...query.matchAll(/\$([_A-Za-z][_0-9A-Za-z]*)/g)].map((m) => m[1]));
    if (usedCache.size >= USED_CACHE_SIZE) usedCache.delete(usedCache.keys().next().value!);
    usedCache.set(query, used);
  }
  return used;
}

/** The variables of a call that its operation uses, minus `omit`. */
export function keyVariables(query: string, variables: Record<string, unknown>, omit?: string): Record<string, unknown> {
  const used = usedVariables(query);
  return Object.fromEntries(Object.entries(variables).filter(([name]) => used.has(name) && name !== omit));
}

/** JSON with object keys sorted, so equal variables give equal keys. */
export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

/** The caller's authorization as a scope: a digest of the `Authorization` header (anonymous: ''). */
export function authorizationScope(authorization: string | null | undefined): string {
  if (!authorization) return '';
  return `auth:${createHash('sha256').update(authorization).digest('base64url')}`;
}
