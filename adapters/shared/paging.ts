/**
 * Reading a whole list through a legacy system's page-number paging in the
 * fewest calls: page 1 tells the total, the remaining pages go out a few at
 * a time. The system's own row order is never relied on (adapters sort
 * themselves); rows seen twice because the list shifted between calls are
 * dropped. Each kind says how to ask for a page and read its answer.
 */

/** Pages in flight at once: enough to hide latency, few enough not to hammer a small legacy server. */
const CONCURRENT_PAGES = 4;

export interface PagedList<Answer, Row> {
  /** Asks for page `pageNo` (1-based) of `size` rows. */
  page(pageNo: number, size: number): Promise<Answer>;
  /** The total number of rows page 1 tells (throws, naming the call, when it cannot be read). */
  totalOf(first: Answer): number;
  /** The page size to go on with, from what page 1 says it used for the `asked` size. */
  sizeOf(first: Answer, asked: number): number;
  rowsOf(answer: Answer): Row[];
  /** A row's code for dropping repeats; null for an unreadable row (kept, so mapping reports it). */
  keyOf(row: Row): string | null;
}

export async function fetchAllPages<Answer, Row>(list: PagedList<Answer, Row>, pageSize: number): Promise<Row[]> {
  const first = await list.page(1, pageSize);
  const total = list.totalOf(first);
  const size = list.sizeOf(first, pageSize);
  const rest = await mapLimit(range(2, Math.ceil(total / size)), CONCURRENT_PAGES, (pageNo) => list.page(pageNo, size));
  return dedupe([first, ...rest].flatMap((answer) => list.rowsOf(answer)), (row) => list.keyOf(row));
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

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function dedupe<Row>(rows: Row[], keyOf: (row: Row) => string | null): Row[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (key === null) return true; // unreadable rows go on to mapping, which reports them
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
