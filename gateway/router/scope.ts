/**
 * Which cooperatives a root field goes to: all of the tenant group, or those
 * named in `cooperatives:`. Unknown or malformed ids stop the field before
 * anything is sent.
 */
import { badInput, sbnetError } from '../../core/errors';
import { isCooperativeId } from '../../core/ids';
import type { CooperativeEntry, Registry } from '../../core/registry';

export function cooperativesInScope(registry: Registry, role: string, requested: unknown): readonly CooperativeEntry[] {
  const all = registry.withRole(role);
  if (requested === undefined || requested === null) return all;
  const ids = Array.isArray(requested) ? requested.map(String) : [String(requested)];
  for (const id of ids) {
    if (!isCooperativeId(id)) throw badInput(`Malformed cooperative id ${JSON.stringify(id)} in cooperatives`, { cooperativeId: id });
  }
  for (const id of ids) {
    if (!registry.get(id)) throw sbnetError('COOPERATIVE_NOT_FOUND', { details: { cooperativeId: id } });
  }
  const wanted = new Set(ids);
  return all.filter((c) => wanted.has(c.id));
}
