/**
 * How many cooperatives a root field reaches, for the cost limit: the
 * scattered fields of each tenant group's routing table (connections and
 * stats) reach every cooperative of the role, or those named in
 * `cooperatives:`, minus those the caller may not see; every other field one.
 */
import type { Registry } from '../../core/registry';
import type { RoleRouting } from '../router/spec';

/** Whether the caller may reach `cooperativeId` with root field `fieldName` (the access rules; default: yes). */
export type Visibility = (fieldName: string, cooperativeId: string) => boolean;

export function fanOutCounter(routings: readonly RoleRouting[], registry: Registry) {
  const scattered = new Map<string, string>();
  for (const routing of routings) {
    for (const [field, route] of Object.entries(routing.fields)) {
      if (route.kind === 'connection' || route.kind === 'stats') scattered.set(field, routing.role);
    }
  }
  return (fieldName: string, args: Record<string, unknown>, visible: Visibility = () => true): number => {
    const role = scattered.get(fieldName);
    if (!role) return 1;
    let coops = registry.withRole(role).map((c) => c.id);
    if (Array.isArray(args.cooperatives)) {
      const named = new Set(args.cooperatives.map(String));
      coops = coops.filter((id) => named.has(id));
    }
    return coops.filter((id) => visible(fieldName, id)).length;
  };
}
