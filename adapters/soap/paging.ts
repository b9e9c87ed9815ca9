/**
 * Reading a whole list through the mall's PageNo/PageSize paging in the
 * fewest calls: page 1 tells TotalCount, the remaining pages go out a few at
 * a time. The mall's own row order is never relied on (the adapter sorts
 * itself); rows seen twice because the list shifted between calls are dropped.
 */
import { mapLimit } from '../rest/paging';
import { SoapCallError, type SoapClient } from './client';
import { listAt, objectAt, textOf, type SoapParams, type XmlNode, type XmlObject } from './envelope';
import type { Operation } from './wire';

/** Pages in flight at once: enough to hide latency, few enough not to hammer a small legacy server. */
const CONCURRENT_PAGES = 4;

/** Where a list operation puts its rows: `<ItemList><Item>…` */
export interface ListShape {
  operation: Operation;
  list: string;
  row: string;
  codeOf(row: XmlNode): string | null;
}

export async function fetchAllRows(client: SoapClient, shape: ListShape, params: SoapParams, pageSize: number): Promise<XmlNode[]> {
  const page = (pageNo: number, size: number) => client.call(shape.operation, { PageNo: pageNo, PageSize: size, ...params });
  const first = await page(1, pageSize);
  const total = countOf(first, 'TotalCount', shape.operation);
  // Page with the size the mall says it used, should it ever use less than asked.
  const echoed = Number(textOf(first.PageSize));
  const size = Number.isInteger(echoed) && echoed > 0 && echoed < pageSize ? echoed : pageSize;
  const rest = await mapLimit(range(2, Math.ceil(total / size)), CONCURRENT_PAGES, (pageNo) => page(pageNo, size));
  return dedupe([first, ...rest].flatMap((result) => rowsOf(result, shape)), shape.codeOf);
}

/** The rows of a list answer (`<ItemList>` may be empty or missing when there are none). */
export function rowsOf(result: XmlObject, shape: Pick<ListShape, 'list' | 'row'>): XmlNode[] {
  return listAt(objectAt(result, shape.list), shape.row);
}

function countOf(result: XmlObject, name: string, operation: Operation): number {
  const raw = textOf(result[name]);
  const n = Number(raw);
  if (raw === null || raw === '' || !Number.isInteger(n) || n < 0) throw new SoapCallError(`unexpected answer from ${operation}: ${name} ${JSON.stringify(result[name] ?? null)}`);
  return n;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function dedupe(rows: XmlNode[], keyOf: (row: XmlNode) => string | null): XmlNode[] {
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = keyOf(row);
    if (key === null) return true; // unreadable rows go on to mapping, which reports them
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
