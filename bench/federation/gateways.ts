/**
 * The two gateways of the standard federation scenario, each run as its own
 * process (so its CPU and memory can be read from /proc):
 *   node dist/bench/federation/gateways.js stock|sbnet|sbnet-fetches|sbnet-strict '<subgraph urls JSON>'
 * prints `ready <url>` (sbnet-fetches: `shareInFlightReads: fetches`, sbnet-strict: `false`).
 *  - stock: @apollo/gateway + @apollo/server as a team would run them in
 *    production (standalone server, landing page off, NODE_ENV=production);
 *  - sbnet: this project's gateway over the same subgraphs.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { parse } from 'graphql';
import type { SupergraphConfig } from '../../gateway/config/supergraphConfig';
import { SDL, SUBGRAPH_NAMES } from './schemas';

export async function startStockGateway(urls: Record<string, string>): Promise<string> {
  const composed = composeServices(SUBGRAPH_NAMES.map((name) => ({ name, url: urls[name], typeDefs: parse(SDL[name]) })));
  if (composed.errors) throw new Error(composed.errors.map((e) => e.message).join('; '));
  const gateway = new ApolloGateway({ supergraphSdl: composed.supergraphSdl });
  const server = new ApolloServer({ gateway, plugins: [ApolloServerPluginLandingPageDisabled()] });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url;
}

export async function startSbnetGateway(urls: Record<string, string>, shareInFlightReads: boolean | 'fetches' = true): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'sbnet-bench-'));
  const subgraphs = SUBGRAPH_NAMES.map((name) => {
    const schemaFile = join(dir, `${name}.graphql`);
    writeFileSync(schemaFile, SDL[name]);
    return { name, routingUrl: urls[name], schemaFile, tenantGroup: false };
  });
  const config: SupergraphConfig = {
    file: join(dir, 'supergraph.yaml'),
    federationVersion: '=2.9.0',
    subgraphs,
    cooperatives: [],
    // Like the stock server: no per-client rate limit (one load generator is one client here).
    gateway: { port: 0, host: '127.0.0.1', deadlineMs: 5000, introspection: false, cursorSecret: 'bench', limits: { rateLimit: null }, shareInFlightReads },
  };
  // Loaded here, not at the top: the stock gateway's process must not carry this project's modules.
  // Like `sbnet gateway`: the heap grows to 1.5× of what is live, unless SBNET_HEAP_GROWING_PERCENT says otherwise.
  (require('../../gateway/heapGrowth') as typeof import('../../gateway/heapGrowth')).applyHeapGrowth();
  const { startGateway } = require('../../gateway/server') as typeof import('../../gateway/server');
  const { silentLogger } = require('../../core/log') as typeof import('../../core/log');
  const gateway = await startGateway({ config, port: 0, log: silentLogger });
  return gateway.url;
}

if (require.main === module) {
  // Exit on signals so `--cpu-prof` profiles are written.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
  const [kind, urlsJson] = process.argv.slice(2);
  const urls = JSON.parse(urlsJson) as Record<string, string>;
  (kind === 'stock' ? startStockGateway(urls) : startSbnetGateway(urls, kind === 'sbnet-strict' ? false : kind === 'sbnet-fetches' ? 'fetches' : true)).then((url) => process.stdout.write(`ready ${url}\n`));
}
