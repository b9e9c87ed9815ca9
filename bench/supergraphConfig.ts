/** A supergraph config of the two tenant groups over a given registry (benchmarks and tools). */
import { projectPath } from '../core/paths';
import type { CooperativeEntry } from '../core/registry';
import type { SupergraphConfig } from '../gateway/config/supergraphConfig';

export function testSupergraphConfig(cooperatives: CooperativeEntry[], deadlineMs = 2000): SupergraphConfig {
  return {
    file: projectPath('supergraph.yaml'),
    federationVersion: '=2.9.0',
    subgraphs: [
      { name: 'marketplace', schemaFile: projectPath('subgraphs/marketplace/schema.graphql'), tenantGroup: true },
      { name: 'erp', schemaFile: projectPath('subgraphs/erp/schema.graphql'), tenantGroup: true },
    ],
    cooperatives,
    gateway: {
      port: 0,
      host: '127.0.0.1',
      deadlineMs,
      introspection: true,
      cursorSecret: 'bench-secret',
      // A closed test/benchmark network: callers without a token may do everything, no rate limit,
      // a cost limit no benchmark reaches (test/security configures auth and limits for real).
      auth: { anonymousRole: 'federation_admin', clockToleranceSeconds: 30 },
      limits: { rateLimit: null, maxCost: 100_000_000 },
    },
  };
}
