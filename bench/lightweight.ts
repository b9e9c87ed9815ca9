/**
 * A lightweight GraphQL server for benchmarks: graphql-js executing a schema
 * behind a bare node:http server with a parse cache, so the subgraphs cost as
 * little as possible and the gateway under test is what is measured.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { execute, parse, type DocumentNode, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/** Serves one schema over HTTP with a parse cache; every answer leaves `latencyMs` after its request arrived, or as soon as it is ready if that is later. */
export async function serveLightweight(
  schema: GraphQLSchema,
  options: { latencyMs?: number; context?: () => unknown; port?: number; onRequest?: () => void; compiled?: boolean } = {},
): Promise<{ url: string; server: Server }> {
  const latencyMs = options.latencyMs ?? 0;
  const documents = new Map<string, DocumentNode>();
  const compiled = new Map<string, CompiledQuery>();
  const run = (query: string, variables: Record<string, unknown> | undefined): Promise<ExecutionResult> | ExecutionResult => {
    let document = documents.get(query);
    if (!document) documents.set(query, (document = parse(query)));
    const contextValue = options.context?.() ?? {};
    if (!options.compiled) return execute({ schema, document, variableValues: variables, contextValue });
    let plan = compiled.get(query);
    if (!plan) {
      const made = compileQuery(schema, document);
      if (!isCompiledQuery(made)) return made;
      compiled.set(query, (plan = made));
    }
    return plan.query(undefined, contextValue, variables ?? {});
  };
  const server = createServer((req, res) => {
    // The latency runs from when this process reads the request, like a legacy
    // system working while the subgraph does: executing the query is not added
    // on top of it. Requests still wait behind other cooperatives' work in the
    // same process before they are read (~0.3 ms each), which real cooperatives,
    // each on its own machine, do not; the bench's bare fan-out shows that cost.
    const arrived = performance.now();
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      options.onRequest?.();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { query: string; variables?: Record<string, unknown> };
      const result = await run(body.query, body.variables);
      const send = () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      };
      const wait = arrived + latencyMs - performance.now();
      if (wait > 0) setTimeout(send, wait);
      else send();
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

