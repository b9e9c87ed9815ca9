/** Scatter a stats field and merge the buckets by key. */
import { mergeBuckets, shapeBuckets } from '../aggregate';
import { subfields } from '../collect';
import type { FieldRequest, FieldResult } from '../context';
import { callSlowestFirst } from '../dispatch';
import { fromCooperative, unavailable } from '../errors';
import { preparedQuery } from '../prepare';
import { rewriteStatsField } from '../rewrite';
import { cooperativesInScope } from '../scope';
import type { StatsSpec } from '../spec';

type Obj = Record<string, unknown>;

export async function resolveStats(req: FieldRequest, spec: StatsSpec): Promise<FieldResult> {
  const { args, deps, field } = req;
  const scope = cooperativesInScope(deps.registry, deps.role, args.cooperatives);
  const raw = args[spec.groupByArg];
  const groupBy = raw === undefined || raw === null ? [] : (Array.isArray(raw) ? raw : [raw]).map(String);
  const query = preparedQuery(req.parsed, req.node, 'stats', (n) => rewriteStatsField(n, spec));

  const errors: FieldResult['errors'] = [];
  const lists: Obj[][] = [];
  const answers = await callSlowestFirst(scope, deps.role, deps.latency, (coop) => req.call(coop, query, { ...req.variables }));
  answers.forEach((answer, i) => {
    const coop = scope[i];
    if (!answer.ok) return void errors.push(unavailable(coop.id, answer.reason, [field.responseKey]));
    for (const e of answer.errors ?? []) errors.push(fromCooperative(e, coop.id, [field.responseKey]));
    const value = answer.data?.[field.responseKey];
    if (Array.isArray(value)) lists.push(value as Obj[]);
  });
  const buckets = mergeBuckets(lists, spec, groupBy);
  const value = shapeBuckets(buckets, spec, subfields(field, req.parsed.fragments, req.variables), req.parsed.fragments, req.variables);
  return { value, errors };
}
