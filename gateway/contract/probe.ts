/**
 * The live probe of `sbnet check`: a few real queries a gateway would send —
 * a search and its next page, a batched `_entities` with an unknown id mixed
 * in, a lookup of an unknown id — with the answers judged by `shapes.ts`.
 * Each step yields one line for the report and findings for the verdict.
 */
import { error, note, type Finding } from './findings';
import type { Post, PostResult } from './post';
import {
  continuationProblems,
  entityListProblems,
  erpEntityProblems,
  isObject,
  orderProblems,
  pageProblems,
  productProblems,
  type Issue,
  type Json,
} from './shapes';

export interface ProbeStep {
  name: string;
  ok: boolean;
  /** One line: what was seen (the first problem when not ok). */
  summary: string;
  /** Every problem of this step. */
  problems: string[];
  ms?: number;
}

export interface ProbeOutcome {
  steps: ProbeStep[];
  findings: Finding[];
  /** The cooperative the ids named (given, or seen in the search). */
  cooperativeId?: string;
  /** Product ids the search returned (the erp probe asks for their inventory). */
  productIds: string[];
}

export interface ProbeOptions {
  role: string;
  /** Expected owner of every id; without it, the first id seen decides. */
  cooperativeId?: string;
  /** The gateway's deadline for one call to this cooperative. */
  deadlineMs: number;
  /** Known product ids for the erp probe (from the cooperative's marketplace). */
  productIds?: readonly string[];
}

export const PAGE_SIZE = 5;
export const UNKNOWN_LOCAL_ID = '__sbnet_check_unknown__';

const PRODUCT_FIELDS = 'id sku name unit gtin updatedAt price { amount vat currency }';
export const SEARCH_QUERY = `query SbnetCheckSearch($first: Int, $after: String) {
  products(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${PRODUCT_FIELDS} } } }
}`;
export const ENTITIES_QUERY = `query SbnetCheckEntities($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id name } }
}`;
export const UNKNOWN_PRODUCT_QUERY = `query SbnetCheckUnknown($id: ID!) { product(id: $id) { id } }`;
/** Stock only: fulfilment belongs to orders, which are private (the probe calls as anonymous). */
export const ERP_ENTITIES_QUERY = `query SbnetCheckErp($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Product { id inventory { onHand available warehouse leadTimeDays asOf } } }
}`;

export async function runProbe(post: Post, options: ProbeOptions): Promise<ProbeOutcome> {
  if (options.role === 'marketplace') return probeMarketplace(post, options);
  if (options.role === 'erp') return probeErp(post, options);
  return { steps: [], findings: [], cooperativeId: options.cooperativeId, productIds: [] };
}

// ── marketplace ──────────────────────────────────────────────────────────────

async function probeMarketplace(post: Post, options: ProbeOptions): Promise<ProbeOutcome> {
  const out: ProbeOutcome = { steps: [], findings: [], cooperativeId: options.cooperativeId, productIds: [] };
  const search = await post(SEARCH_QUERY, { first: PAGE_SIZE });
  const page1 = judge(out, options, 'search', search, (data) => {
    const { problems, nodes } = pageProblems(data.products, PAGE_SIZE);
    out.cooperativeId ??= firstOwner(nodes);
    problems.push(...nodes.flatMap((n) => productProblems(n, out.cooperativeId)), ...orderProblems(nodes));
    const total = isObject(data.products) ? data.products.totalCount : '?';
    return { problems, summary: `${nodes.length} of ${String(total)} products`, value: { nodes, page: data.products as Json } };
  });
  // A failed search still leaves the other probes worth running (with unknown ids only).
  out.productIds = (page1?.nodes ?? []).map((n) => String(n.id));
  if (page1 && page1.nodes.length === 0) out.findings.push(note('PROBE_EMPTY', 'probe: search', 'the search found no products: nothing of yours will show in network search yet'));

  const info = page1?.page.pageInfo as Json | undefined;
  if (page1 && info?.hasNextPage && typeof info.endCursor === 'string') {
    const next = await post(SEARCH_QUERY, { first: PAGE_SIZE, after: info.endCursor });
    judge(out, options, 'next page', next, (data) => {
      const { problems, nodes } = pageProblems(data.products, PAGE_SIZE);
      problems.push(...continuationProblems(page1.nodes, nodes));
      return { problems, summary: `${nodes.length} more, continuing after the first page`, value: true };
    });
  }

  const coop = out.cooperativeId ?? 'sbnet-check';
  const reps = [...out.productIds.slice(0, 3).map((id) => ({ id, known: true })), { id: `${coop}:${UNKNOWN_LOCAL_ID}`, known: false }];
  const entities = await post(ENTITIES_QUERY, { representations: reps.map((r) => ({ __typename: 'Product', id: r.id })) });
  judge(out, options, 'batched _entities', entities, (data) => ({
    problems: entityListProblems(data._entities, reps, 'Product'),
    summary: `${reps.length} representation${reps.length === 1 ? '' : 's'} (one unknown) answered in order`,
    value: true,
  }));

  const unknown = await post(UNKNOWN_PRODUCT_QUERY, { id: `${coop}:${UNKNOWN_LOCAL_ID}` });
  judge(out, options, 'unknown id', unknown, (data) => ({
    problems: data.product === null ? [] : [{ code: 'PROBE_SHAPE', message: `product(id: "${coop}:${UNKNOWN_LOCAL_ID}") answered ${JSON.stringify(data.product)}: answer null for an id you do not have` }],
    summary: 'product(id:) of an unknown id is null, without an error',
    value: true,
  }));
  return out;
}

// ── erp ──────────────────────────────────────────────────────────────────────

async function probeErp(post: Post, options: ProbeOptions): Promise<ProbeOutcome> {
  const out: ProbeOutcome = { steps: [], findings: [], cooperativeId: options.cooperativeId, productIds: [...(options.productIds ?? [])] };
  const coop = out.cooperativeId ?? firstOwner(out.productIds.map((id) => ({ id }))) ?? 'sbnet-check';
  const known = out.productIds.slice(0, 3).map((id) => ({ id, known: true, typename: 'Product' }));
  const unknown = [{ id: `${coop}:${UNKNOWN_LOCAL_ID}`, known: false, typename: 'Product' }];
  const reps = [...known, ...unknown];
  const answer = await post(ERP_ENTITIES_QUERY, { representations: reps.map((r) => ({ __typename: r.typename, id: r.id })) });
  judge(out, options, 'batched _entities', answer, (data) => {
    const list = data._entities;
    if (!Array.isArray(list) || list.length !== reps.length) {
      const message = `_entities answered ${Array.isArray(list) ? list.length : JSON.stringify(list)} entities for ${reps.length} representations: answer one per representation, in order`;
      return { problems: [{ code: 'PROBE_SHAPE' as const, message }], summary: '', value: true };
    }
    const problems = reps.flatMap((r, i) => erpEntityProblems(list[i], r.known, r.id));
    const withStock = known.filter((_, i) => isObject(list[i]) && isObject((list[i] as Json).inventory)).length;
    const summary = known.length ? `${reps.length} representations; inventory for ${withStock} of ${known.length} products` : 'an unknown product has no inventory';
    return { problems, summary, value: true };
  });
  return out;
}

// ── judging one answer ───────────────────────────────────────────────────────

interface Verdict<T> {
  problems: Issue[];
  summary: string;
  value: T;
}

/** Records the step; returns the judged value only when the answer had data. */
function judge<T>(out: ProbeOutcome, options: ProbeOptions, name: string, result: PostResult, read: (data: Json) => Verdict<T>): T | undefined {
  const where = `probe: ${name}`;
  if (!result.ok) {
    const finding = error('UNREACHABLE', where, `the ${name} got no GraphQL answer: ${result.reason}`);
    out.steps.push({ name, ok: false, summary: finding.message, problems: [finding.message], ms: result.ms });
    out.findings.push(finding);
    return undefined;
  }
  const problems: Finding[] = [];
  for (const e of result.errors ?? []) {
    const code = typeof e.extensions?.code === 'string' ? ` (${e.extensions.code})` : '';
    problems.push(error('PROBE_ERROR', where, `the ${name} answered an error${code}: ${e.message ?? JSON.stringify(e)}`));
  }
  let value: T | undefined;
  let summary = '';
  if (isObject(result.data)) {
    const verdict = read(result.data);
    value = verdict.value;
    summary = verdict.summary;
    for (const p of verdict.problems) problems.push(error(p.code, where, p.message));
  } else if (!result.errors?.length) {
    problems.push(error('PROBE_SHAPE', where, `the ${name} answered no data`));
  }
  if (result.ms > options.deadlineMs) {
    problems.push(error('PROBE_SLOW', where, `the ${name} took ${result.ms} ms; the gateway gives up after ${options.deadlineMs} ms`));
  }
  out.findings.push(...problems);
  const messages = problems.map((p) => p.message);
  out.steps.push({ name, ok: problems.length === 0, summary: messages[0] ?? summary, problems: messages, ms: result.ms });
  return value;
}

function firstOwner(nodes: ReadonlyArray<{ id?: unknown }>): string | undefined {
  const id = nodes.find((n) => typeof n.id === 'string' && n.id.includes(':'))?.id as string | undefined;
  return id?.slice(0, id.indexOf(':'));
}
