/**
 * Test helpers of the mall adapters' integration tests (rest, soap): the
 * oracle is the conformance suite's own (test/conformance/expected.ts: the
 * records a dataset must map to, built straight from its legacy terms with
 * core/domain, not through any adapter's field names), plus page walks,
 * stats buckets compared with it, and a count of the legacy calls.
 */
import type { SortValue } from '../../../core/order';
import type { Keyset, Page, PageRequest } from '../../../subgraphs/marketplace/port';

export { expectedRecords as oracleData } from '../../../test/conformance/expected';
export { coopConfigFor as configFor } from '../../../test/conformance/harness';

/**
 * Walks every page of a search with keyset `after`, comparing each page with
 * the oracle's; returns the ids in visiting order.
 */
export async function walkPages<T extends { localId: string }, F, Field extends string>(
  search: (r: PageRequest<F, Field>) => Promise<Page<T>>,
  oracle: (r: PageRequest<F, Field>) => Promise<Page<T>>,
  base: Omit<PageRequest<F, Field>, 'after' | 'first'>,
  first: number,
  keyOf: (row: T, field: Field) => SortValue,
): Promise<string[]> {
  const visited: string[] = [];
  let after: Keyset | null = null;
  for (let guard = 0; guard < 1000; guard++) {
    const request: PageRequest<F, Field> = { ...base, first, after };
    const [page, expected] = await Promise.all([search(request), oracle(request)]);
    expect(page).toEqual(expected);
    visited.push(...page.rows.map((r) => r.localId));
    if (!page.hasNextPage) return visited;
    const last = page.rows[page.rows.length - 1];
    after = { key: keyOf(last, base.order.field), id: last.localId };
  }
  throw new Error('paging did not end');
}

/** Stats buckets in a stable order, for comparing two adapters' answers. */
export function sortBuckets<T>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** Calls a simulated legacy system served while `fn` ran. */
export async function callsDuring(legacy: { calls(): number }, fn: () => Promise<unknown>): Promise<number> {
  const before = legacy.calls();
  await fn();
  return legacy.calls() - before;
}
