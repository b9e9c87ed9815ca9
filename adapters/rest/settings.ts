/**
 * The `legacy:` block of a cooperative's config for the `rest` adapter:
 *
 *   legacy:
 *     url: http://mall.example.or.kr:8080   # base URL of the mall API (required)
 *     pageSize: 100                          # rows per list call, 1…100 (default 100: fewest calls)
 *     timeoutMs: 10000                       # per legacy call (default 10 s)
 */
import type { CoopConfig } from '../../core/coopConfig';
import { checkLegacyKeys, httpUrlSetting, intSetting } from '../shared/settings';

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
  checkLegacyKeys('rest', config, KEYS);
  const { url, pageSize, timeoutMs } = config.legacy;
  return {
    baseUrl: httpUrlSetting('rest', url, 'the mall API base URL').href.replace(/\/+$/, ''),
    pageSize: intSetting('rest', 'pageSize', pageSize, MAX_PAGE_SIZE, 1, MAX_PAGE_SIZE),
    timeoutMs: intSetting('rest', 'timeoutMs', timeoutMs, DEFAULT_TIMEOUT_MS, 1, 600_000),
  };
}
