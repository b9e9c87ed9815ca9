/**
 * Reading a whole list through the mall's page/size paging in the fewest
 * calls: page 1 tells the total, the remaining pages go out a few at a time.
 * The mall's own row order is never relied on (the adapter sorts itself);
 * rows seen twice because the list shifted between calls are dropped.
 */
import { LegacyCallError, type Envelope, type QueryParams, type RestClient } from './client';

/** Pages in flight at once: enough to hide latency, few enough not to hammer a small legacy server. */
const CONCURRENT_PAGES = 4;

export async function fetchAllRows(
  client: RestClient,
  path: string,
  params: QueryParams,
  pageSize: number,
  keyOf: (row: unknown) => string | null,
): Promise<unknown[]> {
  const first = await client.get(path, { ...params, page: 1, size: pageSize });
  const total = totalOf(first, path);
  // The mall caps `size` silently and echoes the size it used: page with that.
  const size = typeof first.size === 'number' && first.size > 0 ? first.size : pageSize;
  const pageCount = Math.ceil(total / size);
  const rest = await mapLimit(range(2, pageCount), CONCURRENT_PAGES, (page) => client.get(path, { ...params, page, size }));
  return dedupe([first, ...rest].flatMap((envelope) => listOf(envelope, path)), keyOf);
}

/** The `list` of an envelope, or an error naming the endpoint. */
export function listOf(envelope: Envelope, path: string): unknown[] {
  if (!Array.isArray(envelope.list)) throw new LegacyCallError(`unexpected answer from GET ${path}: no list`);
  return envelope.list;
}

function totalOf(envelope: Envelope, path: string): number {
  const total = Number(envelope.totalCnt);
  if (!Number.isInteger(total) || total < 0) throw new LegacyCallError(`unexpected answer from GET ${path}: totalCnt ${JSON.stringify(envelope.totalCnt)}`);
  return total;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function dedupe(rows: unknown[], keyOf: (row: unknown) => string | null): unknown[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (key === null) return true; // unreadable rows go on to mapping, which reports them
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Runs `fn` over `items` with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
