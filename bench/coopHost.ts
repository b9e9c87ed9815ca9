/**
 * A process hosting many synthetic cooperatives (benchmarks run a few of
 * these beside the gateway, so cooperatives do not share the gateway's CPU).
 * Each cooperative is a lightweight subgraph: the marketplace role schema
 * compiled per query by graphql-jit (half graphql-js's CPU per call: the 200
 * cooperatives share the gateway's cores here, where real ones each have their
 * own machine) behind a bare node:http server, over an in-memory adapter, with
 * its own latency.
 *   node dist/bench/coopHost.js <firstIndex> <count> <products> <minLatencyMs> <maxLatencyMs>
 * Prints one JSON line: [{ id, url, latencyMs }].
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { InMemoryMarketplace } from '../subgraphs/marketplace/inMemoryAdapter';
import { buildMarketplaceSchema, createMarketplaceContext } from '../subgraphs/marketplace/schema';
import { serveLightweight } from './lightweight';
import { syntheticData } from './syntheticCoops';

export interface HostedCoop {
  id: string;
  url: string;
  latencyMs: number;
}

export async function hostCoops(first: number, count: number, products: number, latency: (i: number) => number, onRequest?: () => void): Promise<HostedCoop[]> {
  const out: HostedCoop[] = [];
  for (let i = first; i < first + count; i++) {
    const id = `coop${String(i).padStart(3, '0')}`;
    const adapter = new InMemoryMarketplace(syntheticData(i + 1, products));
    // Build the name index now, not on the first measured request.
    await adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 0, after: null });
    const schema = buildMarketplaceSchema({ cooperativeId: id, adapter });
    const latencyMs = latency(i);
    const { url } = await serveLightweight(schema, { latencyMs, context: createMarketplaceContext, onRequest, compiled: true });
    out.push({ id, url, latencyMs });
  }
  return out;
}

/** Counts every request this process serves, readable at `GET /calls` of a control server. */
let calls = 0;

async function startControl(): Promise<string> {
  const server = createServer((_req, res) => res.end(JSON.stringify({ calls })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/calls`;
}

if (require.main === module) {
  // Exit on signals so `--cpu-prof` profiles are written.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
  const [first, count, products, minMs, maxMs] = process.argv.slice(2).map(Number);
  // Deterministic latency per cooperative, spread over [minMs, maxMs].
  const latency = (i: number) => (maxMs > minMs ? minMs + ((i * 7919) % (maxMs - minMs + 1)) : minMs);
  Promise.all([hostCoops(first, count, products, latency, () => calls++), startControl()]).then(([coops, control]) =>
    process.stdout.write(`${JSON.stringify({ coops, control })}\n`),
  );
}
