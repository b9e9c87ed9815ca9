/**
 * One keyset-paged connection over an adapter search: validates the paging
 * arguments, decodes the cursor against the connection's order and filter,
 * and turns the adapter's page into edges, nodes and pageInfo.
 */
import type { SortValue } from '../../core/order';
import { callAdapter, type AdapterScope } from '../shared/adapterCall';
import { cursorEncoder, decodeCursor, filterHash, type CursorBinding, type KeyKind } from './cursor';
import { validateFirst } from './inputs';
import type { Page, PageRequest, SortOrder } from './port';

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Array<Edge<T>>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/**
 * An edge whose cursor is encoded only when a client selects it: a cursor is a
 * hash and a JSON encoding, and most clients (the gateway too) read few of them.
 */
class LazyEdge<T> implements Edge<T> {
  private encoded: string | undefined;

  constructor(
    readonly node: T,
    private readonly encode: () => string,
  ) {}

  get cursor(): string {
    return (this.encoded ??= this.encode());
  }
}

export function emptyConnection<T>(): Connection<T> {
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
}

/** How one kind of row is paged. */
export interface ConnectionSource<Row extends { localId: string }, Filter, Field extends string> {
  /** Names the connection in cursors, so one connection's cursor is refused by another. */
  name: string;
  keyOf(row: Row, field: Field): SortValue;
  keyKind(field: Field): KeyKind;
  search(request: PageRequest<Filter, Field>): Promise<Page<Row>>;
}

export interface ConnectionArgs<Filter, Field extends string> {
  /** The adapter filter, or null when it can match nothing here. */
  filter: Filter | null;
  /** The filter as the client wrote it (what the cursor is bound to). */
  filterInput: unknown;
  order: SortOrder<Field>;
  first: number | null | undefined;
  after: string | null | undefined;
  /** False when `cooperatives:` leaves this cooperative out. */
  included: boolean;
}

export async function resolveConnection<Row extends { localId: string }, Filter, Field extends string>(
  scope: AdapterScope,
  source: ConnectionSource<Row, Filter, Field>,
  args: ConnectionArgs<Filter, Field>,
): Promise<Connection<Row>> {
  const first = validateFirst(args.first);
  const binding: CursorBinding = {
    order: `${source.name}:${args.order.field}:${args.order.direction}`,
    filterHash: filterHash(args.filterInput),
  };
  const after = args.after === null || args.after === undefined ? null : decodeCursor(args.after, binding, source.keyKind(args.order.field));
  if (!args.included || args.filter === null) return emptyConnection();
  const filter = args.filter;
  const page = await callAdapter(scope, `search ${source.name}`, () => source.search({ filter, order: args.order, first, after }));
  const encode = cursorEncoder(binding);
  const edges = page.rows.map((row) => new LazyEdge(row, () => encode({ key: source.keyOf(row, args.order.field), id: row.localId })));
  const last = edges.length ? edges[edges.length - 1] : null;
  return {
    edges,
    nodes: page.rows,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      get endCursor() {
        return last ? last.cursor : null;
      },
    },
    totalCount: page.totalCount,
  };
}
