/**
 * The demo network's cooperatives: who they are is in supergraph.yaml (the
 * registry); what legacy systems they run, and the seed of their data, is
 * here. Each one gets a simulated legacy system with realistic quirks.
 */
import type { CoopProfile } from './data/types';

export interface DemoRole {
  /** Adapter kind (`sbnet subgraph <role> --adapter <kind>`). */
  adapter: 'rest' | 'sqlite' | 'soap' | 'csv';
}

/** A cooperative that already runs its own GraphQL subgraph (no SB-NET adapter). */
export interface OwnSubgraph {
  own: 'mercurius';
}

export interface DemoCooperative {
  id: string;
  profile: Omit<CoopProfile, 'id'>;
  marketplace: DemoRole | OwnSubgraph;
  erp?: DemoRole;
  /** Port of the simulated legacy system in the fixed-port demo (REST servers). */
  legacyPort?: number;
}

export const DEMO_COOPERATIVES: readonly DemoCooperative[] = [
  {
    id: 'sgfurn',
    profile: { industry: 'furniture', productCount: 320, memberCount: 24, orderCount: 180, pricesIncludeVat: false, seed: 101 },
    marketplace: { adapter: 'rest' },
    erp: { adapter: 'sqlite' },
    legacyPort: 5101,
  },
  {
    id: 'kswire',
    profile: { industry: 'steel-wire', productCount: 240, memberCount: 15, orderCount: 150, pricesIncludeVat: false, seed: 202 },
    marketplace: { adapter: 'sqlite' },
    erp: { adapter: 'sqlite' },
  },
  {
    id: 'seoulprint',
    profile: { industry: 'printing', productCount: 280, memberCount: 30, orderCount: 200, pricesIncludeVat: true, seed: 303 },
    marketplace: { adapter: 'rest' },
    legacyPort: 5121,
  },
  {
    id: 'kysoy',
    profile: { industry: 'soy', productCount: 200, memberCount: 18, orderCount: 120, pricesIncludeVat: true, seed: 404 },
    marketplace: { adapter: 'rest' },
    legacyPort: 5131,
  },
  {
    id: 'dgtex',
    profile: { industry: 'textiles', productCount: 260, memberCount: 40, orderCount: 160, pricesIncludeVat: false, seed: 505 },
    marketplace: { adapter: 'soap' },
    erp: { adapter: 'csv' },
    legacyPort: 5141,
  },
  {
    id: 'klight',
    profile: { industry: 'lighting', productCount: 220, memberCount: 21, orderCount: 110, pricesIncludeVat: false, seed: 606 },
    marketplace: { own: 'mercurius' },
  },
];
