/**
 * `_entities(representations:)`: split by the cooperative named in each
 * representation's key, one call per cooperative (never per entity), all
 * concurrent (slowest first), answers and errors put back at the original indexes.
 */
import { Kind, type FieldNode, type VariableDefinitionNode, parseType } from 'graphql';
import { tryParseGlobalId } from '../../../core/ids';
import type { FieldRequest, FieldResult } from '../context';
import { callSlowestFirst } from '../dispatch';
import { fromCooperative, notFound, routerError, unavailable } from '../errors';
import { preparedQuery } from '../prepare';
import type { EntitiesSpec } from '../spec';

/** Holds each cooperative's slice of representations (the cache keys each member on its own). */
export const REPRESENTATIONS_VARIABLE = '__sb_representations';

const REPRESENTATIONS_DEFINITION: VariableDefinitionNode = {
  kind: Kind.VARIABLE_DEFINITION,
  variable: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: REPRESENTATIONS_VARIABLE } },
  type: parseType('[_Any!]!'),
};

/** Points `representations:` at our own variable, so each cooperative gets its slice. */
function withRepresentationsVariable(node: FieldNode): FieldNode {
  return {
    ...node,
    arguments: [
      ...(node.arguments ?? []).filter((a) => a.name.value !== 'representations'),
      {
        kind: Kind.ARGUMENT,
        name: { kind: Kind.NAME, value: 'representations' },
        value: { kind: Kind.VARIABLE, name: { kind: Kind.NAME, value: REPRESENTATIONS_VARIABLE } },
      },
    ],
  };
}

export async function resolveEntities(req: FieldRequest, spec: EntitiesSpec): Promise<FieldResult> {
  const key = req.field.responseKey;
  const representations = (Array.isArray(req.args.representations) ? req.args.representations : []) as Array<Record<string, unknown>>;
  const values: unknown[] = new Array(representations.length).fill(null);
  const errors: FieldResult['errors'] = [];
  const groups = new Map<string, number[]>();

  representations.forEach((rep, index) => {
    const parsed = tryParseGlobalId(String(rep?.[spec.keyField] ?? ''));
    if (!parsed) {
      errors.push(routerError('BAD_USER_INPUT', [key, index], { id: rep?.[spec.keyField] }, `Malformed id ${JSON.stringify(rep?.[spec.keyField])}`));
      return;
    }
    const coop = req.deps.registry.get(parsed.cooperativeId);
    if (!coop) return void errors.push(notFound(parsed.cooperativeId, [key, index]));
    if (!coop.subgraphs[req.deps.role]) return; // no subgraph for this role: null, no error
    const group = groups.get(coop.id);
    if (group) group.push(index);
    else groups.set(coop.id, [index]);
  });

  const query = preparedQuery(req.parsed, req.node, 'entities', withRepresentationsVariable, [REPRESENTATIONS_DEFINITION]);
  const coops = [...groups.keys()].map((id) => req.deps.registry.get(id)!);
  await callSlowestFirst(coops, req.deps.role, req.deps.latency, async (coop) => {
    const indexes = groups.get(coop.id)!;
    const slice = indexes.map((i) => representations[i]);
    const answer = await req.call(coop, query, { ...req.variables, [REPRESENTATIONS_VARIABLE]: slice });
    if (!answer.ok) return void errors.push(unavailable(coop.id, answer.reason, [key, indexes[0]]));
    const list = (answer.data?.[key] as unknown[] | undefined) ?? [];
    indexes.forEach((original, j) => (values[original] = list[j] ?? null));
    for (const e of answer.errors ?? []) errors.push(fromCooperative(e, coop.id, remapEntityPath(e.path, key, indexes)));
  });
  return { value: values, errors };
}

/** `['_entities', j, …]` in a cooperative's answer → `['_entities', original index, …]`. */
function remapEntityPath(path: ReadonlyArray<string | number> | undefined, key: string, indexes: readonly number[]): Array<string | number> {
  // Some servers (Mercurius) write list indexes in error paths as digit strings.
  const j = path && path[0] === key ? Number(path[1]) : NaN;
  if (Number.isInteger(j) && indexes[j] !== undefined) return [key, indexes[j], ...path!.slice(2)];
  return [key, indexes[0]];
}
