/**
 * A process hosting many synthetic cooperatives (benchmarks run a few of
 * these beside the gateway, so cooperatives do not share the gateway's CPU).
 * Each cooperative is a lightweight subgraph: the marketplace role schema
 * executed by graphql-js behind a bare node:http server (parsed documents
 * cached), over an in-memory adapter, with its own latency.
 *   node dist/bench/coopHost.js <firstIndex> <count> <products> <minLatencyMs> <maxLatencyMs>
 * Prints one JSON line: [{ id, url, latencyMs }].
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { InMemoryMarketplace } from '../subgraphs/marketplace/inMemoryAdapter';
import { buildMarketplaceSchema, createMarketplaceContext } from '../subgraphs/marketplace/schema';
import { syntheticData } from './syntheticCoops';

export interface HostedCoop {
  id: string;
  url: string;
  latencyMs: number;
}

/** Serves one schema over HTTP with a parse cache; `latencyMs` is added to every answer. */
export async function serveLightweight(schema: GraphQLSchema, latencyMs: number, onRequest?: () => void): Promise<{ url: string; server: Server }> {
  const documents = new Map<string, DocumentNode>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      onRequest?.();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      let document = documents.get(body.query);
      if (!document) documents.set(body.query, (document = parse(body.query)));
      const result = await execute({ schema, document, variableValues: body.variables, contextValue: createMarketplaceContext() });
      const send = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      };
      if (latencyMs > 0) setTimeout(send, latencyMs);
      else send();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

export async function hostCoops(first: number, count: number, products: number, latency: (i: number) => number): Promise<HostedCoop[]> {
  const out: HostedCoop[] = [];
  for (let i = first; i < first + count; i++) {
    const id = `coop${String(i).padStart(3, '0')}`;
    const schema = buildMarketplaceSchema({ cooperativeId: id, adapter: new InMemoryMarketplace(syntheticData(i + 1, products)) });
    const latencyMs = latency(i);
    const { url } = await serveLightweight(schema, latencyMs);
    out.push({ id, url, latencyMs });
  }
  return out;
}

if (require.main === module) {
  const [first, count, products, minMs, maxMs] = process.argv.slice(2).map(Number);
  // Deterministic latency per cooperative, spread over [minMs, maxMs].
  const latency = (i: number) => (maxMs > minMs ? minMs + ((i * 7919) % (maxMs - minMs + 1)) : minMs);
  hostCoops(first, count, products, latency).then((coops) => process.stdout.write(`${JSON.stringify(coops)}\n`));
}
