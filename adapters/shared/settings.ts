/**
 * Reading the `legacy:` block of a cooperative's config for adapters that
 * reach their legacy system over HTTP: every bad value stops the adapter at
 * start-up with a message naming the kind and the key.
 */
import type { CoopConfig } from '../../core/coopConfig';

/** Refuses keys the kind does not know: a misspelt one (pagesize) would otherwise be ignored without a word. */
export function checkLegacyKeys(kind: string, config: CoopConfig, known: readonly string[]): void {
  const unknown = Object.keys(config.legacy).filter((k) => !known.includes(k));
  if (unknown.length) throw new Error(`${kind} adapter: unknown legacy key ${unknown.join(', ')} (allowed: ${known.join(', ')})`);
}

/** `legacy.url` as an http(s) URL; `what` says what it is the address of. */
export function httpUrlSetting(kind: string, value: unknown, what: string): URL {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`${kind} adapter: legacy.url (${what}) is required`);
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new Error(`${kind} adapter: legacy.url ${JSON.stringify(value)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`${kind} adapter: legacy.url must be http(s), got ${parsed.protocol}`);
  return parsed;
}

/** An integer setting from `min` to `max`; `fallback` when absent. */
export function intSetting(kind: string, name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${kind} adapter: legacy.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}
