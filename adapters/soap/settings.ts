/**
 * The `legacy:` block of a cooperative's config for the `soap` adapter:
 *
 *   legacy:
 *     url: http://mall.example.or.kr:8080/ws/MallService   # the SOAP endpoint (required; a ?wsdl URL is accepted)
 *     pageSize: 100                                         # rows per list call, 1…100 (default 100: fewest calls)
 *     timeoutMs: 10000                                      # per legacy call (default 10 s)
 */
import type { CoopConfig } from '../../core/coopConfig';
import { checkLegacyKeys, httpUrlSetting, intSetting } from '../shared/settings';

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
  checkLegacyKeys('soap', config, KEYS);
  const { url, pageSize, timeoutMs } = config.legacy;
  return {
    endpoint: endpointOf(url),
    pageSize: intSetting('soap', 'pageSize', pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    timeoutMs: intSetting('soap', 'timeoutMs', timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000),
  };
}

function endpointOf(value: unknown): string {
  const parsed = httpUrlSetting('soap', value, 'the SOAP endpoint of the mall');
  // People paste the WSDL address they were given; the service answers at the same address without it.
  for (const key of [...parsed.searchParams.keys()]) if (key.toLowerCase() === 'wsdl') parsed.searchParams.delete(key);
  parsed.hash = '';
  return parsed.href;
}
