/**
 * How far V8 lets the gateway's heap grow between major collections.
 *
 * After each major GC, V8 sets the next old-space limit to what survived
 * times a growing factor. The factor's ceiling depends on the heap limit: 4×
 * when the limit is 2 GB or more (Node's default limit is taken from the
 * machine's memory: ~4 GB on a 24 GB machine), down to 1.6× at 1 GB. The
 * gateway's live heap is small (~60–110 MB with 200 cooperatives) and churns
 * fast (every fan-out's answers die with its response), so under load it sat
 * at 250–310 MB of RSS with V8's default.
 *
 * `sbnet gateway` therefore fixes the factor (`--heap-growing-percent`). The
 * heap limit (`--max-old-space-size`) only takes effect when given at Node's
 * start, but V8 reads the growing percent at every major collection, so it
 * can be set from the running process. The bench measures both settings
 * (README, "Benchmarks").
 */
import { setFlagsFromString } from 'node:v8';

/** The environment variable that sets the percent: an integer, or `0`/`off` for V8's own heuristics. */
export const HEAP_GROWTH_ENV = 'SBNET_HEAP_GROWING_PERCENT';

/** Growth to 1.5× of what survived: peak RSS 177–187 MB under the fan-out bench's loads instead of 282–299. */
export const DEFAULT_HEAP_GROWING_PERCENT = 50;

/** Beyond 4× V8's own ceiling for large heaps there is nothing to cap. */
const MAX_PERCENT = 300;

const NODE_FLAG = /(^|\s)--heap[-_]growing[-_]percent(=|\s|$)/;

/** A value of `SBNET_HEAP_GROWING_PERCENT` that is not a percent (the CLI prints its message alone). */
export class HeapGrowthError extends Error {
  override readonly name = 'HeapGrowthError';
}

/** What the gateway applies: a percent, or nothing (and why, for the log). */
export type HeapGrowth = { percent: number; source: 'default' | typeof HEAP_GROWTH_ENV } | { percent: null; reason: string };

/**
 * The setting for this process. Pure: `env` is the environment and
 * `nodeFlags` Node's own flags (`NODE_OPTIONS` and `process.execArgv`); a
 * `--heap-growing-percent` given there is the operator's and wins. Throws on
 * a value that is not a percent, so a typo does not silently run V8's default.
 */
export function heapGrowthSetting(env: Readonly<Record<string, string | undefined>>, nodeFlags: readonly string[]): HeapGrowth {
  if (nodeFlags.some((flag) => NODE_FLAG.test(flag))) return { percent: null, reason: 'Node was started with --heap-growing-percent' };
  const raw = env[HEAP_GROWTH_ENV]?.trim();
  if (raw === undefined || raw === '') return { percent: DEFAULT_HEAP_GROWING_PERCENT, source: 'default' };
  if (raw === '0' || raw.toLowerCase() === 'off') return { percent: null, reason: `${HEAP_GROWTH_ENV}=${raw}: V8's own heap growth` };
  const percent = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(percent >= 1 && percent <= MAX_PERCENT)) {
    throw new HeapGrowthError(`${HEAP_GROWTH_ENV}="${raw}" is not a heap growing percent: expected an integer from 1 to ${MAX_PERCENT} (50 = grow to 1.5× of the live heap), or 0/off for V8's default`);
  }
  return { percent, source: HEAP_GROWTH_ENV };
}

/** Sets V8's growing percent for this process (0 returns to V8's own heuristics). */
export function applyHeapGrowingPercent(percent: number, setFlags: (flags: string) => void = setFlagsFromString): void {
  setFlags(`--heap-growing-percent=${percent}`);
}

/** Applies the setting for this process (see `heapGrowthSetting`) and returns it, for the log. */
export function applyHeapGrowth(env: Readonly<Record<string, string | undefined>> = process.env, execArgv: readonly string[] = process.execArgv): HeapGrowth {
  const setting = heapGrowthSetting(env, [env.NODE_OPTIONS ?? '', ...execArgv]);
  if (setting.percent !== null) applyHeapGrowingPercent(setting.percent);
  return setting;
}
