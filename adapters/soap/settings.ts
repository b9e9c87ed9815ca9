/**
 * The `legacy:` block of a cooperative's config for the `soap` adapter:
 *
 *   legacy:
 *     url: http://mall.example.or.kr:8080/ws/MallService   # the SOAP endpoint (required; a ?wsdl URL is accepted)
 *     pageSize: 100                                         # rows per list call, 1…100 (default 100: fewest calls)
 *     timeoutMs: 10000                                      # per legacy call (default 10 s)
 */
import type { CoopConfig } from '../../core/coopConfig';

export interface SoapSettings {
  /** The endpoint the envelopes are POSTed to (without `?wsdl`). */
  endpoint: string;
  pageSize: number;
  timeoutMs: number;
}

/** The mall refuses PageSize above 100 with a Fault. */
export const MAX_PAGE_SIZE = 100;
const DEFAULT_TIMEOUT_MS = 10_000;
const KEYS: readonly string[] = ['url', 'pageSize', 'timeoutMs'];

/** Reads and checks the settings; a bad value stops the adapter at start-up with a clear message. */
export function readSoapSettings(config: CoopConfig): SoapSettings {
  // A misspelt key (pagesize) would otherwise be ignored without a word.
  const unknown = Object.keys(config.legacy).filter((k) => !KEYS.includes(k));
  if (unknown.length) throw new Error(`soap adapter: unknown legacy key ${unknown.join(', ')} (allowed: ${KEYS.join(', ')})`);
  const { url, pageSize, timeoutMs } = config.legacy;
  return {
    endpoint: endpointOf(url),
    pageSize: intSetting('pageSize', pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    timeoutMs: intSetting('timeoutMs', timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000),
  };
}

function endpointOf(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error('soap adapter: legacy.url (the SOAP endpoint of the mall) is required');
  let parsed: URL;
  try {
    parsed = new URL(value.trim());
  } catch {
    throw new Error(`soap adapter: legacy.url ${JSON.stringify(value)} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error(`soap adapter: legacy.url must be http(s), got ${parsed.protocol}`);
  // People paste the WSDL address they were given; the service answers at the same address without it.
  for (const key of [...parsed.searchParams.keys()]) if (key.toLowerCase() === 'wsdl') parsed.searchParams.delete(key);
  parsed.hash = '';
  return parsed.href;
}

function intSetting(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(`soap adapter: legacy.${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return value;
}
