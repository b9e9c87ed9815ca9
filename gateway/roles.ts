/** Routing tables of the tenant-group roles, by subgraph name in supergraph.yaml. */
import { erpRouting } from '../subgraphs/erp/routing';
import { marketplaceRouting } from '../subgraphs/marketplace/routing';
import type { RoleRouting } from './router/spec';

export const ROLE_ROUTING: Readonly<Record<string, RoleRouting>> = {
  marketplace: marketplaceRouting,
  erp: erpRouting,
};

export function routingFor(role: string): RoleRouting {
  const routing = ROLE_ROUTING[role];
  if (!routing) throw new Error(`No routing table for tenant group "${role}" (known: ${Object.keys(ROLE_ROUTING).join(', ')})`);
  return routing;
}
