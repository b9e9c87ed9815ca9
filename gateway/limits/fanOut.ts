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
  // Runs on every request before anything is sent: counts without building id lists.
  return (fieldName: string, args: Record<string, unknown>, visible?: Visibility): number => {
    const role = scattered.get(fieldName);
    if (!role) return 1;
    const named = Array.isArray(args.cooperatives) ? new Set(args.cooperatives.map(String)) : null;
    const coops = registry.withRole(role);
    if (!named && !visible) return coops.length;
    let count = 0;
    for (const { id } of coops) if ((!named || named.has(id)) && (!visible || visible(fieldName, id))) count++;
    return count;
  };
}
