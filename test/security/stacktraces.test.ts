/**
 * No answer carries a stack trace, whatever NODE_ENV says. Apollo Server adds
 * `extensions.stacktrace` (file paths, library versions, internal call
 * chains) to every error unless NODE_ENV is `production` or `test`, and
 * `sbnet gateway` or a cooperative's subgraph started without NODE_ENV would
 * hand that to any client. Jest runs with NODE_ENV=test, so these tests set
 * `development` while the servers start. A cooperative's own subgraph (not
 * ours, in development mode) that sends stack traces does not leak them
 * through the gateway either.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { badInput, PUBLIC_ERRORS } from '../../core/errors';
import { requestLogPlugin } from '../../core/requestLog';
import { startNetworkSubgraph } from '../../subgraphs/network/start';
import { capturedLogger } from '../resilience/support/logs';
import { fixtureCoops } from './support/fixtures';
import { startSecureNetwork, type SecureNetwork } from './support/network';

const COOPERATIVE_STACK = ['Error: table ITEM_MST is locked', '    at query (/srv/leaky/app.js:12:7)'];

/** A cooperative's subgraph that answers every call with an error carrying its stack trace. */
async function startLeakySubgraph(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: null, errors: [{ message: 'table ITEM_MST is locked', extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: COOPERATIVE_STACK } }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server };
}

let net: SecureNetwork;
let network: Awaited<ReturnType<typeof startNetworkSubgraph>>;
let leaky: Awaited<ReturnType<typeof startLeakySubgraph>>;
beforeAll(async () => {
  leaky = await startLeakySubgraph();
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  try {
    net = await startSecureNetwork(fixtureCoops(), { extra: [{ id: 'leaky', name: 'leaky', subgraphs: { marketplace: leaky.url } }] });
    network = await startNetworkSubgraph({ registry: net.gateway.registry, port: 0 });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
});
afterAll(async () => {
  await network?.close();
  await net?.close();
  await new Promise((resolve) => leaky?.server.close(resolve));
});

async function post(url: string, body: unknown): Promise<{ errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'apollo-require-preflight': 'true' }, body: JSON.stringify(body) });
  return (await res.json()) as { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

function expectNoStacktrace(answer: Awaited<ReturnType<typeof post>>, code: string): void {
  expect(answer.errors?.length).toBeGreaterThan(0);
  expect(answer.errors![0].extensions?.code).toBe(code);
  for (const error of answer.errors!) expect(error.extensions).not.toHaveProperty('stacktrace');
}

describe('error answers without stack traces (servers started with NODE_ENV=development)', () => {
  it('the gateway: a router error (a garbage cursor) and a validation error', async () => {
    expectNoStacktrace(await post(net.url, { query: 'query($a: String) { products(after: $a) { totalCount } }', variables: { a: 'v1.garbage.x' } }), 'BAD_USER_INPUT');
    expectNoStacktrace(await post(net.url, { query: '{ products { secretPrice } }' }), 'GRAPHQL_VALIDATION_FAILED');
  });

  it("a cooperative's error that carries its own stack trace: passed on with its message and code, without the trace", async () => {
    const answer = await post(net.url, { query: '{ products(first: 5) { totalCount } }' });
    const fromLeaky = answer.errors?.filter((e) => e.extensions?.cooperativeId === 'leaky') ?? [];
    expect(fromLeaky.map((e) => [e.message, e.extensions?.code])).toContainEqual(['table ITEM_MST is locked', 'INTERNAL_SERVER_ERROR']);
    expect(JSON.stringify(answer)).not.toContain('stacktrace');
    expect(JSON.stringify(answer)).not.toContain('/srv/leaky');
  });

  it("a cooperative's role subgraph: a call without the gateway's signed identity", async () => {
    const url = [...net.subgraphUrls.values()][0];
    const answer = await post(url, { query: '{ products(first: 1) { totalCount } }' });
    expect(answer.errors?.length).toBeGreaterThan(0);
    for (const error of answer.errors!) expect(error.extensions).not.toHaveProperty('stacktrace');
  });

  it("a fault in a server's own code (no code: INTERNAL_SERVER_ERROR): the answer says so without the trace, the log has it", async () => {
    // What every SB-NET server is built with: PUBLIC_ERRORS and the request log.
    const log = capturedLogger('info');
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = 'development';
    const server = new ApolloServer({
      typeDefs: 'type Query { broken: Int, refused(n: Int!): Int }',
      resolvers: {
        Query: {
          broken: () => {
            throw new Error('disk on fire');
          },
          refused: () => {
            throw badInput('n is out of range');
          },
        },
      },
      plugins: [requestLogPlugin({ log: log.log })],
      ...PUBLIC_ERRORS,
    });
    process.env.NODE_ENV = nodeEnv;
    const result = await server.executeOperation({ query: '{ broken }' });
    const answer = result.body.kind === 'single' ? result.body.singleResult : {};
    expectNoStacktrace(answer as Awaited<ReturnType<typeof post>>, 'INTERNAL_SERVER_ERROR');
    const faults = () => log.lines.filter((l) => l.msg === 'unexpected error');
    expect(faults()).toHaveLength(1);
    expect((faults()[0].err as { stack?: string }).stack).toMatch(/disk on fire[\s\S]*stacktraces\.test\.ts/);
    // An expected outcome (a coded error) is not logged as a fault.
    await server.executeOperation({ query: '{ refused(n: 1) }' });
    expect(faults()).toHaveLength(1);
  });

  it('the network subgraph: a malformed id', async () => {
    expectNoStacktrace(await post(network.url, { query: '{ cooperative(id: "") { id } }' }), 'BAD_USER_INPUT');
  });
});
