/**
 * A whole list from the mall's page/size paging (adapters/shared/paging.ts:
 * fewest calls, a few pages at a time, repeats dropped), and the envelope
 * fields it reads: `list`, `totalCnt`, and the `size` the mall used.
 */
import { fetchAllPages } from '../shared/paging';
import { LegacyCallError, type Envelope, type QueryParams, type RestClient } from './client';

export async function fetchAllRows(
  client: RestClient,
  path: string,
  params: QueryParams,
  pageSize: number,
  keyOf: (row: unknown) => string | null,
): Promise<unknown[]> {
  return fetchAllPages<Envelope, unknown>(
    {
      page: (page, size) => client.get(path, { ...params, page, size }),
      totalOf: (first) => totalOf(first, path),
      // The mall caps `size` silently and echoes the size it used: page with that.
      sizeOf: (first, asked) => (typeof first.size === 'number' && first.size > 0 ? first.size : asked),
      rowsOf: (envelope) => listOf(envelope, path),
      keyOf,
    },
    pageSize,
  );
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
