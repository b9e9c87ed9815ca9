/**
 * Root fields that name their cooperative: `product(id:)`, `cancelOrder(id:)`
 * (by an id argument) and `placeOrder(input:)` (by the ids its input refers
 * to, all of one cooperative). Exactly one cooperative is called.
 */
import { sbnetError } from '../../../core/errors';
import { parseGlobalId } from '../../../core/ids';
import type { FieldRequest, FieldResult } from '../context';
import { fromCooperative, notFound, unavailable } from '../errors';
import { preparedQuery } from '../prepare';
import type { ByIdSpec, ByInputSpec } from '../spec';

export async function resolveById(req: FieldRequest, spec: ByIdSpec): Promise<FieldResult> {
  const { cooperativeId } = parseGlobalId(String(req.args[spec.arg] ?? ''));
  return sendToOwner(req, cooperativeId);
}

export async function resolveByInput(req: FieldRequest, spec: ByInputSpec): Promise<FieldResult> {
  const ids = spec.idsOf(req.args);
  if (!ids.length) throw sbnetError('BAD_USER_INPUT', { message: `${req.field.fieldName} refers to no cooperative's ids` });
  const owners = [...new Set(ids.map((id) => parseGlobalId(id).cooperativeId))].sort();
  if (owners.length > 1) {
    throw sbnetError('CROSS_COOPERATIVE_ORDER', { details: { cooperatives: owners } });
  }
  return sendToOwner(req, owners[0]);
}

async function sendToOwner(req: FieldRequest, cooperativeId: string): Promise<FieldResult> {
  const path = [req.field.responseKey];
  const coop = req.deps.registry.get(cooperativeId);
  if (!coop) return { value: null, errors: [notFound(cooperativeId, path)] };
  // A cooperative without a subgraph for this role has nothing here: null, no error.
  if (!coop.subgraphs[req.deps.role]) return { value: null, errors: [] };
  const answer = await req.call(coop, preparedQuery(req.parsed, req.node, 'plain'), { ...req.variables });
  if (!answer.ok) return { value: null, errors: [unavailable(coop.id, answer.reason, path)] };
  return {
    value: answer.data?.[req.field.responseKey] ?? null,
    errors: (answer.errors ?? []).map((e) => fromCooperative(e, coop.id, e.path ?? path)),
  };
}
