/**
 * Every legacy kind the network can reach, by the name given to
 * `sbnet subgraph <role> --adapter <kind>`. A new kind is one folder in
 * `adapters/` exporting an AdapterFactory, one line here, and a pass of the
 * conformance suite.
 */
import { csvAdapter } from './csv';
import { restAdapter } from './rest';
import { soapAdapter } from './soap';
import { mariadbAdapter, postgresAdapter, sqliteAdapter } from './sql';
import type { AdapterFactory } from './types';

export const ADAPTERS: Readonly<Record<string, AdapterFactory>> = {
  [restAdapter.kind]: restAdapter,
  [sqliteAdapter.kind]: sqliteAdapter,
  [postgresAdapter.kind]: postgresAdapter,
  [mariadbAdapter.kind]: mariadbAdapter,
  [csvAdapter.kind]: csvAdapter,
  [soapAdapter.kind]: soapAdapter,
};

export function adapterFactory(kind: string): AdapterFactory {
  const factory = ADAPTERS[kind];
  if (!factory) throw new Error(`Unknown adapter kind "${kind}" (known: ${Object.keys(ADAPTERS).sort().join(', ')})`);
  return factory;
}
