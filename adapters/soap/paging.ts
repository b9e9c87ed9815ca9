/**
 * A whole list from the mall's PageNo/PageSize paging (adapters/shared/paging.ts:
 * fewest calls, a few pages at a time, repeats dropped), and where a list
 * answer keeps its rows, TotalCount and the PageSize the mall used.
 */
import { fetchAllPages } from '../shared/paging';
import { SoapCallError, type SoapClient } from './client';
import { listAt, objectAt, textOf, type SoapParams, type XmlNode, type XmlObject } from './envelope';
import type { Operation } from './wire';

/** Where a list operation puts its rows: `<ItemList><Item>…` */
export interface ListShape {
  operation: Operation;
  list: string;
  row: string;
  codeOf(row: XmlNode): string | null;
}

export async function fetchAllRows(client: SoapClient, shape: ListShape, params: SoapParams, pageSize: number): Promise<XmlNode[]> {
  return fetchAllPages<XmlObject, XmlNode>(
    {
      page: (pageNo, size) => client.call(shape.operation, { PageNo: pageNo, PageSize: size, ...params }),
      totalOf: (first) => countOf(first, 'TotalCount', shape.operation),
      // Page with the size the mall says it used, should it ever use less than asked.
      sizeOf: (first, asked) => {
        const echoed = Number(textOf(first.PageSize));
        return Number.isInteger(echoed) && echoed > 0 && echoed < asked ? echoed : asked;
      },
      rowsOf: (result) => rowsOf(result, shape),
      keyOf: (row) => shape.codeOf(row),
    },
    pageSize,
  );
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
