/** Scatter a connection field to every cooperative in scope and merge the pages. */
import { badInput } from '../../../core/errors';
import { subfields } from '../collect';
import { mergeConnection, type ConnectionPart } from '../connection';
import type { FieldRequest, FieldResult } from '../context';
import { bindingOf } from '../cursor';
import { callSlowestFirst } from '../dispatch';
import { fromCooperative, unavailable } from '../errors';
import { preparedQuery } from '../prepare';
import { AFTER_VARIABLE, AFTER_VARIABLE_DEFINITION, rewriteConnectionField } from '../rewrite';
import { cooperativesInScope } from '../scope';
import type { ConnectionSpec } from '../spec';

export async function resolveConnection(req: FieldRequest, spec: ConnectionSpec): Promise<FieldResult> {
  const { args, deps, field } = req;
  const first = pageSize(args.first, spec);
  const scope = cooperativesInScope(deps.registry, deps.role, args.cooperatives);
  const binding = bindingOf(field.fieldName, args);
  const given = typeof args.after === 'string' && args.after !== '' ? deps.codec.decode(args.after, binding).positions : {};
  const start = Object.fromEntries(scope.filter((c) => given[c.id] !== undefined).map((c) => [c.id, given[c.id]]));
  const order = spec.orderOf(args);
  const query = preparedQuery(req.parsed, req.node, `connection:${order.key}`, (n) => rewriteConnectionField(n, spec, order.key), [AFTER_VARIABLE_DEFINITION]);

  const errors: FieldResult['errors'] = [];
  const parts: ConnectionPart[] = [];
  const answers = await callSlowestFirst(scope, deps.role, deps.latency, (coop) =>
    req.call(coop, query, { ...req.variables, [AFTER_VARIABLE]: start[coop.id] ?? null }),
  );
  answers.forEach((answer, i) => {
    const coop = scope[i];
    if (!answer.ok) return void errors.push(unavailable(coop.id, answer.reason, [field.responseKey]));
    for (const e of answer.errors ?? []) errors.push(fromCooperative(e, coop.id, [field.responseKey]));
    const value = answer.data?.[field.responseKey];
    if (value && typeof value === 'object') parts.push({ cooperativeId: coop.id, value: value as Record<string, unknown> });
    else if (!answer.errors?.length) errors.push(unavailable(coop.id, 'answered without data', [field.responseKey]));
  });

  const value = mergeConnection({
    parts,
    start,
    incomplete: parts.length < scope.length,
    first,
    sortKeyName: order.key,
    sortKey: spec.sortKeys[order.key],
    direction: order.direction,
    selections: subfields(field, req.parsed.fragments, req.variables),
    fragments: req.parsed.fragments,
    variables: req.variables,
    typename: spec.typename,
    codec: deps.codec,
    binding,
  });
  return { value, errors };
}

function pageSize(raw: unknown, spec: ConnectionSpec): number {
  const first = raw === undefined || raw === null ? spec.defaultFirst : raw;
  if (typeof first !== 'number' || !Number.isInteger(first) || first < 0 || first > spec.maxFirst) {
    throw badInput(`first must be an integer from 0 to ${spec.maxFirst} (got ${JSON.stringify(first)})`);
  }
  return first;
}
