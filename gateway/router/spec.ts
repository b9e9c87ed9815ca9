/**
 * How each root field of a tenant-group role is routed and merged. Each role
 * declares its table beside its schema (`subgraphs/<role>/routing.ts`); the
 * tenant router is generic over these tables.
 */
import type { SortDirection } from '../../core/order';

/** How to read one sort key from a node: a field path and how to compare it. */
export interface SortKeySpec {
  /** Path of fields from the node, e.g. ['price', 'amount']. */
  path: readonly string[];
  kind: 'string' | 'number' | 'instant';
}

export interface ConnectionSpec {
  kind: 'connection';
  /** The connection type name (for `__typename` when nobody answered). */
  typename: string;
  defaultFirst: number;
  maxFirst: number;
  /** Every sort key the field can be ordered by, by name (only the one in force is fetched). */
  sortKeys: Readonly<Record<string, SortKeySpec>>;
  /** The sort key name and direction for the field's arguments (ties are always broken by node id). */
  orderOf(args: Record<string, unknown>): { key: string; direction: SortDirection };
}

export interface StatsSpec {
  kind: 'stats';
  /** The argument holding the dimension list. */
  groupByArg: string;
  /** Dimension enum value → bucket field and, for object stubs, its key sub-field. */
  dimensions: Readonly<Record<string, { field: string; subfield?: string }>>;
  countField: string;
  /** The AmountStats field (sum/min/max/avg). */
  amountField: string;
  /** Plain numeric fields that add up (e.g. quantity). */
  sumFields: readonly string[];
}

export interface ByIdSpec {
  kind: 'byId';
  /** The argument holding the global id. */
  arg: string;
}

export interface ByInputSpec {
  kind: 'byInput';
  /** Collects the global ids the input refers to; they must all be of one cooperative. */
  idsOf(args: Record<string, unknown>): string[];
}

export interface EntitiesSpec {
  kind: 'entities';
  /** The key field of every entity this role resolves (global ids). */
  keyField: string;
}

export type FieldRoute = ConnectionSpec | StatsSpec | ByIdSpec | ByInputSpec | EntitiesSpec;

export interface RoleRouting {
  role: string;
  /** Root field name (Query, Mutation) → route. `_entities` is always present. */
  fields: Readonly<Record<string, FieldRoute>>;
}
