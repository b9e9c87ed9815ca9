/**
 * Merging one connection field from the cooperatives that answered: k-way
 * merge on the added sort keys, composite cursors, summed totalCount, and the
 * answer shaped from the client's own selection (aliases, fragments,
 * directives) with everything the rewrite added left out.
 */
import { compareNfcRows, type SortDirection, type SortValue } from '../../core/order';
import { subfields, type CollectedField, type Fragments, type Variables } from './collect';
import type { PageCursors, Step } from './cursor';
import { admitRows, kWayMerge, type MergePick, type MergeRow } from './merge';
import { CONNECTION_KEYS as K, RESERVED_PREFIX, type ConnectionReadPlan } from './rewrite';
import type { SortKeySpec } from './spec';

type Obj = Record<string, unknown>;

export interface ConnectionPart {
  cooperativeId: string;
  /** The cooperative's value for the (rewritten) connection field. */
  value: Obj;
  /** Rows past the kept lists were dropped on arrival (they cannot make this page, but exist). */
  more?: boolean;
  /** The kept rows as the merge reads them, when already worked out on arrival. */
  rows?: MergeRow[];
}

/**
 * Keeps, of each answer as it arrives, only the rows that can still make the
 * page (`admitRows`), so 200 answers are not all held in full until the last
 * one is in: less memory under load, and the merge's work is spread over the
 * wait. The final merge over the trimmed parts picks the same rows.
 */
export class PageCandidates {
  private best: MergeRow[] = [];

  constructor(
    private readonly first: number,
    private readonly plan: ConnectionReadPlan,
    private readonly sortKey: SortKeySpec,
    private readonly direction: SortDirection,
  ) {}

  admit(part: ConnectionPart): ConnectionPart {
    const edges = (part.value[this.plan.edges] as Obj[] | undefined) ?? [];
    // Rows at or past the current bar can never make the page: stop reading there.
    const bar = this.best.length >= this.first ? this.best[this.first - 1] : null;
    const rows: MergeRow[] = [];
    for (const edge of edges) {
      const row = edgeRow(edge, this.plan, this.sortKey);
      if (bar && compareNfcRows(row, bar, this.direction) >= 0) break;
      rows.push(row);
    }
    const { keep, best } = admitRows(this.best, rows, this.direction, this.first);
    this.best = best;
    if (keep === edges.length) return { ...part, rows };
    // Every list of a connection (edges, nodes, under any alias) holds the same rows in the same order.
    const value: Obj = {};
    for (const key in part.value) value[key] = Array.isArray(part.value[key]) ? (part.value[key] as unknown[]).slice(0, keep) : part.value[key];
    return { cooperativeId: part.cooperativeId, value, more: true, rows: rows.slice(0, keep) };
  }
}

export interface ConnectionMergeInput {
  parts: readonly ConnectionPart[];
  /** Whether some cooperative in scope is missing from this page. */
  incomplete: boolean;
  first: number;
  /** Where the rewrite put the edge cursors, ids and sort keys in each answer. */
  plan: ConnectionReadPlan;
  sortKey: SortKeySpec;
  direction: SortDirection;
  /** The client's selections under the connection field. */
  selections: readonly CollectedField[];
  fragments: Fragments;
  variables: Variables;
  typename: string;
  /** The page's edge cursors, from its start positions. */
  cursors: PageCursors;
}

interface MergeState {
  picks: MergePick[];
  /** Composite cursor after the i-th pick (lazy: only encoded when selected). */
  cursorAfter(i: number): string;
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

export function mergeConnection(input: ConnectionMergeInput): Obj {
  const state = mergeState(input);
  const out: Obj = {};
  for (const field of input.selections) {
    out[field.responseKey] = shapeField(field, state, input);
  }
  return out;
}

function mergeState(input: ConnectionMergeInput): MergeState {
  const rows = input.parts.map((p) => p.rows ?? edgeRows(p.value, input.plan, input.sortKey));
  const picks = kWayMerge(rows, input.direction, input.first);
  const taken = new Array<number>(input.parts.length).fill(0);
  for (const pick of picks) taken[pick.source]++;
  const encoded = new Map<number, string>();
  let after: ((count: number) => string) | undefined;
  const cursorAfter = (i: number) => {
    if (!encoded.has(i)) encoded.set(i, (after ??= input.cursors.edges(stepsOf(input, picks)))(i + 1));
    return encoded.get(i)!;
  };
  const hasNextPage = input.parts.some((p, i) => taken[i] < rows[i].length || p.more === true || pageInfoOf(p.value).hasNextPage === true);
  return {
    picks,
    cursorAfter,
    endCursor: picks.length ? cursorAfter(picks.length - 1) : input.incomplete ? input.cursors.edges([])(0) : null,
    hasNextPage,
    totalCount: input.parts.reduce((n, p) => n + Number(p.value[K.totalCount] ?? 0), 0),
  };
}

/**
 * Each pick's move: its cooperative and its row's cursor. The cursor after
 * pick i holds the page's start with picks 0..i's moves on top, so the
 * cooperatives none of them came from keep their start (and those missing
 * from the page get their rows on a later page once they answer).
 */
function stepsOf(input: ConnectionMergeInput, picks: readonly MergePick[]): Step[] {
  return picks.map((pick) => {
    const part = input.parts[pick.source];
    return [part.cooperativeId, String((part.value[input.plan.edges] as Obj[])[pick.index][input.plan.cursor])];
  });
}

function edgeRows(value: Obj, plan: ConnectionReadPlan, key: SortKeySpec): MergeRow[] {
  return ((value[plan.edges] as Obj[] | undefined) ?? []).map((edge) => edgeRow(edge, plan, key));
}

function edgeRow(edge: Obj, plan: ConnectionReadPlan, key: SortKeySpec): MergeRow {
  const node = edge[plan.node] as Obj;
  return { key: sortValue(node[plan.sortKey], key), id: String(node[plan.id]).normalize('NFC') };
}

/** Reads the added sort key (nested for paths like price.amount) as a comparable value. */
export function sortValue(raw: unknown, key: SortKeySpec): SortValue {
  let value = raw;
  for (const step of key.path.slice(1)) value = value == null ? null : (value as Obj)[step];
  if (value == null) return null;
  switch (key.kind) {
    case 'number':
      return Number(value);
    case 'instant':
      return Date.parse(String(value));
    case 'string':
      return String(value).normalize('NFC');
  }
}

function pageInfoOf(value: Obj): { hasNextPage?: boolean; endCursor?: string | null } {
  return (value[K.pageInfo] as { hasNextPage?: boolean } | undefined) ?? {};
}

function shapeField(field: CollectedField, state: MergeState, input: ConnectionMergeInput): unknown {
  switch (field.fieldName) {
    case 'edges':
      return shapeEdges(field, state, input);
    case 'nodes':
      return state.picks.map((pick) => listAt(input.parts[pick.source].value, field.responseKey)[pick.index]);
    case 'pageInfo':
      return shapePageInfo(field, state, input);
    case 'totalCount':
      return state.totalCount;
    case '__typename':
      return input.typename;
    default:
      return null;
  }
}

function shapeEdges(field: CollectedField, state: MergeState, input: ConnectionMergeInput): Obj[] {
  const cursorKeys = subfields(field, input.fragments, input.variables)
    .filter((f) => f.fieldName === 'cursor')
    .map((f) => f.responseKey);
  const carrier = field.responseKey === input.plan.edges;
  return state.picks.map((pick, i) => {
    const source = listAt(input.parts[pick.source].value, field.responseKey)[pick.index] as Obj;
    // The list that carried the merge's fields gives them back without them.
    const edge = carrier ? withoutReserved(source) : { ...source };
    if (carrier && edge[input.plan.node]) edge[input.plan.node] = withoutReserved(edge[input.plan.node] as Obj);
    for (const key of cursorKeys) edge[key] = state.cursorAfter(i);
    return edge;
  });
}

/** A copy of `value` without the members the rewrite added (`__sb_*`). */
function withoutReserved(value: Obj): Obj {
  const out: Obj = {};
  for (const key in value) if (!key.startsWith(RESERVED_PREFIX)) out[key] = value[key];
  return out;
}

function shapePageInfo(field: CollectedField, state: MergeState, input: ConnectionMergeInput): Obj {
  const out: Obj = {};
  for (const sub of subfields(field, input.fragments, input.variables)) {
    if (sub.fieldName === 'hasNextPage') out[sub.responseKey] = state.hasNextPage;
    else if (sub.fieldName === 'endCursor') out[sub.responseKey] = state.endCursor;
    else if (sub.fieldName === '__typename') out[sub.responseKey] = 'PageInfo';
    else out[sub.responseKey] = null;
  }
  return out;
}

function listAt(value: Obj, key: string): unknown[] {
  return (value[key] as unknown[] | undefined) ?? [];
}
