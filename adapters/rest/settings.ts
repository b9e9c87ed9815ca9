/**
 * The `legacy:` block of a cooperative's config for the `rest` adapter:
 *
 *   legacy:
 *     url: http://mall.example.or.kr:8080   # base URL of the mall API (required)
 *     pageSize: 100                          # rows per list call, 1…100 (default 100: fewest calls)
 *     timeoutMs: 10000                       # per legacy call (default 10 s)
 */
import type { CoopConfig } from '../../core/coopConfig';

export interface RestSettings {
  /** Base URL without a trailing slash. */
  baseUrl: string;
  pageSize: number;
  timeoutMs: number;
}

/** The mall caps `size` at 100; asking for more only hides how many rows a page really has. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_TIMEOUT_MS = 10_000;
const KEYS: readonly string[] = ['url', 'pageSize', 'timeoutMs'];

/** Reads and checks the settings; a bad value stops the adapter at start-up with a clear message. */
export function readRestSettings(config: CoopConfig): RestSettings {
  // A misspelt key (pagesize) would otherwise be ignored without a word.
  const unknown = Object.keys(config.legacy).filter((k) => !KEYS.includes(k));
  if (unknown.length) throw new Error(`rest adapter: unknown legacy key ${unknown.join(', ')} (allowed: ${KEYS.join(', ')})`);
  const { url, pageSize, timeoutMs } = config.legacy;
  return {
    baseUrl: baseUrlOf(url),
    pageSize: intSetting('pageSize', pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    timeoutMs: intSetting('timeoutMs', timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000),
  };
}

function baseUrlOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error('rest adapter: legacy.url (the mall API base URL) is required');
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new Error(`rest adapter: legacy.url ${JSON.stringify(value)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`rest adapter: legacy.url must be http(s), got ${parsed.protocol}`);
  return parsed.href.replace(/\/+$/, '');
}

function intSetting(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`rest adapter: legacy.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}
