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
 * Adds the merge's fields to a connection field and points its `after`
 * argument at the per-cooperative variable `$__sb_after`. Only the sort key of
 * the order in force is fetched, and what the merge computes itself (the
 * client's `pageInfo`, `totalCount` and edge `cursor`s) is not asked of the
 * cooperatives: every byte saved is saved 200 times over.
 */
export function rewriteConnectionField(field: FieldNode, spec: ConnectionSpec, sortKeyName: string): FieldNode {
  const k = CONNECTION_KEYS;
  const key = spec.sortKeys[sortKeyName];
  if (!key) throw new Error(`${spec.typename} cannot be ordered by ${sortKeyName}`);
  const added = selectionsOf(
    `${k.edges}: edges { ${k.cursor}: cursor ${k.node}: node { ${k.id}: id ${k.sortKey(sortKeyName)}: ${pathSelection(key.path)} } } ` +
      `${k.pageInfo}: pageInfo { hasNextPage } ${k.totalCount}: totalCount`,
  );
  const afterArg: ArgumentNode = {
    kind: Kind.ARGUMENT,
    name: { kind: Kind.NAME, value: 'after' },
    value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: AFTER_VARIABLE } },
  };
  return {
    ...field,
    arguments: [...(field.arguments ?? []).filter((a) => a.name.value !== 'after'), afterArg],
    selectionSet: { kind: Kind.SELECTION_SET, selections: [...withoutComputedFields(field.selectionSet?.selections ?? []), ...added] },
  };
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
