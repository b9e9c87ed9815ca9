/** Scatter a connection field to every cooperative in scope and merge the pages. */
import { badInput } from '../../../core/errors';
import type { CooperativeEntry } from '../../../core/registry';
import { subfields } from '../collect';
import { mergeConnection, PageCandidates, type ConnectionPart } from '../connection';
import type { FieldRequest, FieldResult } from '../context';
import { bindingOf, type Positions } from '../cursor';
import { callSlowestFirst } from '../dispatch';
import { fromCooperative, unavailable } from '../errors';
import { preparedQuery } from '../prepare';
import { AFTER_VARIABLE, AFTER_VARIABLE_DEFINITION, rewriteConnection } from '../rewrite';
import { cooperativesInScope } from '../scope';
import type { SendResult } from '../send';
import type { ConnectionSpec } from '../spec';

export async function resolveConnection(req: FieldRequest, spec: ConnectionSpec): Promise<FieldResult> {
  const { args, deps, field } = req;
  const first = pageSize(args.first, spec);
  const scope = cooperativesInScope(deps.registry, deps.role, args.cooperatives);
  const binding = bindingOf(field.fieldName, args);
  const given = typeof args.after === 'string' && args.after !== '' ? deps.codec.decode(args.after, binding).positions : {};
  const start = startPositions(scope, given);
  const order = spec.orderOf(args);
  const rewritten = rewriteConnection(req.node, spec, order.key);
  const query = preparedQuery(req.parsed, req.node, `connection:${order.key}`, () => rewritten.field, [AFTER_VARIABLE_DEFINITION]);

  const cursors = deps.codec.pageCursors(binding, start);
  // Each answer is checked and trimmed to the rows that can still make the page as soon as it arrives.
  const candidates = new PageCandidates(first, rewritten.plan, spec.sortKeys[order.key], order.direction);
  const outcomes = await callSlowestFirst(scope, deps.role, deps.latency, async (coop) => {
    const answer = await req.call(coop, query, { ...req.variables, [AFTER_VARIABLE]: start[coop.id] ?? null });
    // The part every edge cursor shares (on a later page, ~200 positions) is built while the slower cooperatives are still answering, not after the last (`first: 0` has no edges).
    if (first > 0) cursors.prepare();
    const outcome = readAnswer(coop.id, answer, field.responseKey);
    return outcome.part ? { ...outcome, part: candidates.admit(outcome.part) } : outcome;
  });
  const errors = outcomes.flatMap((o) => o.errors);
  const parts = outcomes.flatMap((o) => (o.part ? [o.part] : []));

  const value = mergeConnection({
    parts,
    incomplete: parts.length < scope.length,
    first,
    plan: rewritten.plan,
    sortKey: spec.sortKeys[order.key],
    direction: order.direction,
    selections: subfields(field, req.parsed.fragments, req.variables),
    fragments: req.parsed.fragments,
    variables: req.variables,
    typename: spec.typename,
    cursors,
  });
  return { value, errors };
}

/** One cooperative's answer: its part of the page, and the errors to report for it. */
function readAnswer(cooperativeId: string, answer: SendResult, responseKey: string): { part?: ConnectionPart; errors: FieldResult['errors'] } {
  if (!answer.ok) return { errors: [unavailable(cooperativeId, answer.reason, [responseKey])] };
  const errors = (answer.errors ?? []).map((e) => fromCooperative(e, cooperativeId, [responseKey]));
  const value = answer.data?.[responseKey];
  if (value && typeof value === 'object') return { part: { cooperativeId, value: value as Record<string, unknown> }, errors };
  if (!errors.length) errors.push(unavailable(cooperativeId, 'answered without data', [responseKey]));
  return { errors };
}

/**
 * The cursor's positions of the cooperatives still in scope (a cooperative
 * that left the registry, or the scope, is not resumed). Page 1 has none,
 * and skips looking up each of ~200 cooperatives in an empty object.
 */
export function startPositions(scope: readonly CooperativeEntry[], given: Positions): Positions {
  const start: Record<string, string> = {};
  if (Object.keys(given).length === 0) return start;
  for (const c of scope) if (Object.hasOwn(given, c.id)) start[c.id] = given[c.id];
  return start;
}

function pageSize(raw: unknown, spec: ConnectionSpec): number {
  const first = raw === undefined || raw === null ? spec.defaultFirst : raw;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > spec.maxFirst) {
    throw badInput(`first must be an integer from 0 to ${spec.maxFirst} (got ${JSON.stringify(first)})`);
  }
  return first;
}
