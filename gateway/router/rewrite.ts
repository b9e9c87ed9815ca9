/**
 * Operation rewriting: the merge needs fields the client may not have asked
 * for (sort keys, edge cursors, pageInfo, totalCount, bucket keys, count and
 * sum behind avg). They are added under reserved `__sb_*` aliases, so they can
 * never collide with the client's selections and are dropped when the answer
 * is shaped. Pure: a FieldNode in, a new FieldNode out.
 */
import { Kind, parse, type ArgumentNode, type FieldNode, type OperationDefinitionNode, type SelectionNode, type VariableDefinitionNode } from 'graphql';
import type { ConnectionSpec, StatsSpec } from './spec';

export const RESERVED_PREFIX = '__sb_';
export const AFTER_VARIABLE = '__sb_after';

/** Response keys of the fields the rewrite adds to a connection. */
export const CONNECTION_KEYS = {
  edges: '__sb_edges',
  cursor: '__sb_c',
  node: '__sb_n',
  id: '__sb_id',
  pageInfo: '__sb_pi',
  totalCount: '__sb_tc',
  sortKey: (name: string) => `__sb_k_${name}`,
} as const;

/** Response keys of the fields the rewrite adds to a stats bucket. */
export const STATS_KEYS = {
  dimension: (name: string) => `__sb_d_${name}`,
  count: '__sb_cnt',
  amount: '__sb_amt',
  sum: (field: string) => `__sb_s_${field}`,
} as const;

/** Selections parsed from a small generated document (names come from the role's spec). */
function selectionsOf(text: string): readonly SelectionNode[] {
  const op = parse(`{${text}}`).definitions[0] as OperationDefinitionNode;
  return op.selectionSet.selections;
}

function pathSelection(path: readonly string[]): string {
  return path.length === 1 ? path[0] : `${path[0]} { ${pathSelection(path.slice(1))} }`;
}

/**
 * Where the merge finds its fields in a cooperative's answer (response keys),
 * as the rewrite placed them.
 */
export interface ConnectionReadPlan {
  /** The list of edges the merge reads: the client's own `edges`, or the added `__sb_edges`. */
  edges: string;
  cursor: string;
  node: string;
  id: string;
  sortKey: string;
}

export interface RewrittenConnection {
  field: FieldNode;
  plan: ConnectionReadPlan;
}

const rewritten = new WeakMap<FieldNode, Map<string, RewrittenConnection>>();

/**
 * Adds the merge's fields to a connection field and points its `after`
 * argument at the per-cooperative variable `$__sb_after`. Cooperatives are
 * asked for as little as possible, because every byte is asked 200 times
 * over: only the sort key of the order in force; nothing the merge computes
 * itself (the client's `pageInfo`, `totalCount`, edge `cursor`s); and when the
 * client selects `edges { node { … } }` plainly, the merge's fields ride in
 * that list (reusing the client's own `id` and sort-key fields) instead of a
 * second list. Memoized per field node and sort key (field nodes belong to
 * cached parsed operations).
 */
export function rewriteConnection(field: FieldNode, spec: ConnectionSpec, sortKeyName: string): RewrittenConnection {
  let bySortKey = rewritten.get(field);
  if (!bySortKey) rewritten.set(field, (bySortKey = new Map()));
  let out = bySortKey.get(sortKeyName);
  if (!out) bySortKey.set(sortKeyName, (out = rewriteUncached(field, spec, sortKeyName)));
  return out;
}

/** The rewritten field alone (see `rewriteConnection`). */
export function rewriteConnectionField(field: FieldNode, spec: ConnectionSpec, sortKeyName: string): FieldNode {
  return rewriteConnection(field, spec, sortKeyName).field;
}

function rewriteUncached(field: FieldNode, spec: ConnectionSpec, sortKeyName: string): RewrittenConnection {
  const k = CONNECTION_KEYS;
  const key = spec.sortKeys[sortKeyName];
  if (!key) throw new Error(`${spec.typename} cannot be ordered by ${sortKeyName}`);
  const sortKeySelection = `${k.sortKey(sortKeyName)}: ${pathSelection(key.path)}`;
  const client = withoutComputedFields(field.selectionSet?.selections ?? []);
  const paging = selectionsOf(`${k.pageInfo}: pageInfo { hasNextPage } ${k.totalCount}: totalCount`);
  const carrier = client.find(isCarrier);
  let selections: SelectionNode[];
  let plan: ConnectionReadPlan;
  if (carrier) {
    const node = directField(carrier, 'node')!;
    const id = plainFieldKey(node, 'id') ?? k.id;
    const sortKey = (key.path.length === 1 ? plainFieldKey(node, key.path[0]) : null) ?? k.sortKey(sortKeyName);
    const addedToNode = [id === k.id ? `${k.id}: id` : '', sortKey === k.sortKey(sortKeyName) ? sortKeySelection : ''].join(' ').trim();
    const newNode = addSelections(node, addedToNode);
    const edges: FieldNode = {
      ...carrier,
      selectionSet: {
        kind: Kind.SELECTION_SET,
        selections: [...carrier.selectionSet!.selections.map((s) => (s === node ? newNode : s)), ...selectionsOf(`${k.cursor}: cursor`)],
      },
    };
    selections = [...client.map((s) => (s === carrier ? edges : s)), ...paging];
    plan = { edges: responseKeyOf(carrier), cursor: k.cursor, node: responseKeyOf(node), id, sortKey };
  } else {
    selections = [...client, ...selectionsOf(`${k.edges}: edges { ${k.cursor}: cursor ${k.node}: node { ${k.id}: id ${sortKeySelection} } }`), ...paging];
    plan = { edges: k.edges, cursor: k.cursor, node: k.node, id: k.id, sortKey: k.sortKey(sortKeyName) };
  }
  const afterArg: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'after' },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
  };
  return {
    field: {
      ...field,
      arguments: [...(field.arguments ?? []).filter((a) => a.name.value !== 'after'), afterArg],
      selectionSet: { kind: Kind.SELECTION_SET, selections },
    },
    plan,
  };
}

function responseKeyOf(field: FieldNode): string {
  return field.alias?.value ?? field.name.value;
}

/** A field selected as-is: no directives (always there) and no arguments. */
function isPlain(selection: SelectionNode): selection is FieldNode {
  return selection.kind === Kind.FIELD && !selection.directives?.length && !selection.arguments?.length;
}

/** The first plain direct sub-field named `name`. */
function directField(field: FieldNode, name: string): FieldNode | undefined {
  return field.selectionSet?.selections.find((s): s is FieldNode => isPlain(s) && s.name.value === name);
}

/** The response key of a plain scalar sub-field `name` the client selects, if any. */
function plainFieldKey(field: FieldNode, name: string): string | null {
  const found = field.selectionSet?.selections.find((s): s is FieldNode => isPlain(s) && s.name.value === name && !s.selectionSet);
  return found ? responseKeyOf(found) : null;
}

/** `edges { node { … } }` selected plainly: the merge's fields can ride in it. */
function isCarrier(selection: SelectionNode): selection is FieldNode {
  if (!isPlain(selection) || selection.name.value !== 'edges') return false;
  return directField(selection, 'node')?.selectionSet !== undefined;
}

function addSelections(field: FieldNode, text: string): FieldNode {
  if (!text) return field;
  return { ...field, selectionSet: { kind: Kind.SELECTION_SET, selections: [...(field.selectionSet?.selections ?? []), ...selectionsOf(text)] } };
}

/** A `__typename` selection, for a selection set that would otherwise be empty. */
const TYPENAME: SelectionNode = { kind: Kind.FIELD, name: { kind: Kind.NAME, value: '__typename' } };

/**
 * The client's direct connection selections minus what the merge answers from
 * its own fields (fragments are left as they are: rare, and harmless).
 */
function withoutComputedFields(selections: readonly SelectionNode[]): SelectionNode[] {
  const out: SelectionNode[] = [];
  for (const selection of selections) {
    if (selection.kind !== Kind.FIELD) out.push(selection);
    else if (selection.name.value === 'edges' && selection.selectionSet) out.push(withoutEdgeCursors(selection));
    else if (selection.name.value !== 'pageInfo' && selection.name.value !== 'totalCount') out.push(selection);
  }
  return out;
}

function withoutEdgeCursors(edges: FieldNode): FieldNode {
  const kept = edges.selectionSet!.selections.filter((s) => !(s.kind === Kind.FIELD && s.name.value === 'cursor'));
  return { ...edges, selectionSet: { kind: Kind.SELECTION_SET, selections: kept.length ? kept : [TYPENAME] } };
}

/** The variable definition `$__sb_after: String` that rewritten connections use. */
export const AFTER_VARIABLE_DEFINITION: VariableDefinitionNode = {
  kind: Kind.VARIABLE_DEFINITION,
  variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
  type: { kind: Kind.NAMED_TYPE, name: { kind: Kind.NAME, value: 'String' } },
};

/** Adds every dimension's key, the count, sum/min/max and the summed fields to a stats field. */
export function rewriteStatsField(field: FieldNode, spec: StatsSpec): FieldNode {
  const k = STATS_KEYS;
  const dims = Object.entries(spec.dimensions)
    .map(([name, d]) => `${k.dimension(name)}: ${d.subfield ? `${d.field} { ${d.subfield} }` : d.field}`)
    .join(' ');
  const sums = spec.sumFields.map((f) => `${k.sum(f)}: ${f}`).join(' ');
  const added = selectionsOf(`${dims} ${k.count}: ${spec.countField} ${k.amount}: ${spec.amountField} { sum min max } ${sums}`);
  return {
    ...field,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [...(field.selectionSet?.selections ?? []), ...added] },
  };
}
