/**
 * One keyset-paged connection (products, suppliers, orders): arguments
 * checked, the cursor decoded against its scope, the store's page turned into
 * edges whose cursors each resume right after their row.
 */
import type { SortValue } from '../../../core/order';
import type { Page, PageRequest, SortOrder } from '../../../subgraphs/marketplace/port';
import { firstOf, NOTHING, type Filter } from './args';
import type { CursorCodec, CursorScope, KeyKind } from './cursor';

export interface Connection<T> {
  edges: Array<{ cursor: string; node: T }>;
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** How one kind of row is paged. */
export interface ConnectionSource<Row extends { localId: string }, F, Field extends string> {
  name: string;
  keyOf(row: Row, field: Field): SortValue;
  keyKind(field: Field): KeyKind;
  search(request: PageRequest<F, Field>): Page<Row>;
}

export interface ConnectionArgs<F, Field extends string> {
  filter: Filter<F>;
  /** The filter argument as written (what cursors are bound to). */
  filterArg: unknown;
  order: SortOrder<Field>;
  first?: number | null;
  after?: string | null;
  cooperatives?: readonly string[] | null;
  /** False when `cooperatives:` leaves this cooperative out. */
  included: boolean;
}

function empty<T>(): Connection<T> {
  return { edges: [], nodes: [], pageInfo: { hasNextPage: false, endCursor: null }, totalCount: 0 };
}

export function resolveConnection<Row extends { localId: string }, F, Field extends string>(
  codec: CursorCodec,
  source: ConnectionSource<Row, F, Field>,
  args: ConnectionArgs<F, Field>,
): Connection<Row> {
  const first = firstOf(args.first);
  const scope: CursorScope = {
    connection: source.name,
    order: `${args.order.field}:${args.order.direction}`,
    filter: args.filterArg,
    cooperatives: args.cooperatives,
  };
  const after = args.after == null ? null : codec.decode(args.after, scope, source.keyKind(args.order.field));
  if (!args.included || args.filter === NOTHING) return empty();
  const page = source.search({ filter: args.filter, order: args.order, first, after });
  const edges = page.rows.map((node) => ({ cursor: codec.encode(scope, { key: source.keyOf(node, args.order.field), id: node.localId }), node }));
  return {
    edges,
    nodes: page.rows,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount: page.totalCount,
  };
}
