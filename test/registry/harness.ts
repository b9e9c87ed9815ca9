/**
 * Cooperative subgraphs for registry and contract-check tests: the real
 * marketplace role server over the in-memory reference adapter, optionally
 * with its SDL or resolvers deliberately broken, served over HTTP on a free port.
 */
import { readFileSync } from 'node:fs';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { serveApollo, type RunningServer } from '../../core/http/serve';
import { silentLogger } from '../../core/log';
import { projectPath } from '../../core/paths';
import { marketplaceDeps } from '../../subgraphs/marketplace/deps';
import { InMemoryMarketplace, type InMemoryData } from '../../subgraphs/marketplace/inMemoryAdapter';
import { marketplaceResolvers } from '../../subgraphs/marketplace/resolvers';
import { createSubgraphContext } from '../../subgraphs/shared/perRequest';
import type { ProductRecord, SupplierRecord } from '../../subgraphs/marketplace/port';

export const MARKETPLACE_SDL = readFileSync(projectPath('subgraphs', 'marketplace', 'schema.graphql'), 'utf8');

/** A small catalogue whose names make its products easy to find in a network-wide search. */
export function catalogue(cooperativeId: string, word: string, count = 12): InMemoryData {
  const suppliers: SupplierRecord[] = [{ localId: 'S1', businessNumber: '220-81-00127', name: `${word} 공급사`, representative: null, region: '서울' }];
  const products: ProductRecord[] = Array.from({ length: count }, (_, i) => ({
    localId: `P-${String(i + 1).padStart(3, '0')}`,
    sku: `${cooperativeId.toUpperCase()}-${i + 1}`,
    name: `${word} ${String.fromCharCode(0xac00 + i * 7)} ${i + 1}`,
    spec: null,
    description: null,
    classificationCode: '56101703',
    gtin: null,
    unit: 'EA',
    price: { amount: 10_000 + i * 1000, vat: 1000 + i * 100, currency: 'KRW' },
    minOrderQuantity: 1,
    supplierLocalId: 'S1',
    updatedAt: '2026-03-01T09:00:00+09:00',
  }));
  return { products, suppliers, orders: [] };
}

export interface VariantOptions {
  cooperativeId: string;
  /** Default: any free port. */
  port?: number;
  data?: InMemoryData;
  /** Edits the marketplace template before it is served (a missing field, a wrong type, a wrong key…). */
  sdl?: (sdl: string) => string;
  /** Edits the resolver map (a subgraph answering errors…). */
  resolvers?: (resolvers: Record<string, any>) => Record<string, any>;
}

/** The marketplace role server, as is or broken on purpose. */
export async function serveMarketplaceVariant(options: VariantOptions): Promise<RunningServer> {
  const typeDefs = parse((options.sdl ?? ((s) => s))(MARKETPLACE_SDL));
  const adapter = new InMemoryMarketplace(options.data ?? catalogue(options.cooperativeId, '검사'));
  const base = marketplaceResolvers(marketplaceDeps({ cooperativeId: options.cooperativeId, adapter, log: silentLogger })) as Record<string, any>;
  const resolvers = (options.resolvers ?? ((r) => r))(base);
  const schema = buildSubgraphSchema({ typeDefs, resolvers: resolvers as never });
  const apollo = new ApolloServer<BaseContext>({
    schema,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    stopOnTerminationSignals: false,
  });
  await apollo.start();
  const server = await serveApollo(apollo, { port: options.port ?? 0, context: async () => createSubgraphContext() });
  return { ...server, close: async () => void (await Promise.allSettled([server.close(), apollo.stop()])) };
}

/** Replaces `from` once in the template; fails loudly when the template changed under the test. */
export function edit(from: string | RegExp, to: string): (sdl: string) => string {
  return (sdl) => {
    const out = sdl.replace(from, to);
    if (out === sdl) throw new Error(`test edit found nothing to replace: ${String(from)}`);
    return out;
  };
}

/** Output lines written through a CommandIo. */
export function captureIo(env: NodeJS.ProcessEnv = {}, cwd = process.cwd()) {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), env, cwd },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

// ── Redis ────────────────────────────────────────────────────────────────────

// One skip-or-fail rule for every suite that needs Redis (test/resilience/support/redis.ts).
export { describeWithRedis, REDIS_URL } from '../resilience/support/redis';

// ── a network on disk ────────────────────────────────────────────────────────

export interface FileCoop {
  id: string;
  name?: string;
  marketplace?: string;
  erp?: string;
  extra?: string;
}

/** A supergraph.yaml with the repository's role schemas, a network subgraph URL, and these cooperatives. */
export function supergraphYaml(networkUrl: string, coops: readonly FileCoop[], gatewayExtra = ''): string {
  const schema = (role: string) => projectPath('subgraphs', role, 'schema.graphql');
  const lines = [
    'federation_version: =2.9.0',
    'subgraphs:',
    '  network:',
    `    routing_url: ${networkUrl}`,
    `    schema: { file: ${schema('network')} }`,
    '  marketplace:',
    '    tenants: cooperatives',
    `    schema: { file: ${schema('marketplace')} }`,
    '  erp:',
    '    tenants: cooperatives',
    `    schema: { file: ${schema('erp')} }`,
    'gateway:',
    '  port: 0',
    '  deadlineMs: 2000',
    '  cursorSecret: registry-test-secret',
    ...(gatewayExtra ? [gatewayExtra] : []),
    `cooperatives:${coops.length ? '' : ' []'}`,
    ...coops.flatMap((c) => [
      `  - id: ${c.id}`,
      `    name: ${c.name ?? `${c.id} 조합`}`,
      ...(c.extra ? [c.extra] : []),
      '    subgraphs:',
      ...(c.marketplace ? [`      marketplace: ${c.marketplace}`] : []),
      ...(c.erp ? [`      erp: ${c.erp}`] : []),
    ]),
  ];
  return `${lines.join('\n')}\n`;
}

/** A port that was free a moment ago (for servers whose URL must be written down before they start). */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as import('node:net').AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

// ── a steady stream of queries ───────────────────────────────────────────────

export interface QueryStream {
  /** Requests sent so far, and those that failed (HTTP error, GraphQL errors, no data). */
  readonly sent: number;
  readonly failures: Array<{ url: string; status?: number; error: string }>;
  /** Stops and waits for requests in flight. */
  stop(): Promise<void>;
}

/**
 * Sends `query` to the gateways in turn, `concurrency` requests at a time,
 * until stopped; every answer must be HTTP 200 with data and without errors.
 */
export function queryStream(urls: readonly string[], query: string, concurrency = 4): QueryStream {
  let running = true;
  let sent = 0;
  const failures: QueryStream['failures'] = [];
  const worker = async (offset: number) => {
    for (let i = offset; running; i++) {
      const url = urls[i % urls.length];
      sent++;
      try {
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
        const body = (await res.json()) as { data?: unknown; errors?: Array<{ message: string }> };
        if (res.status !== 200 || body.errors?.length || !body.data) failures.push({ url, status: res.status, error: JSON.stringify(body.errors ?? body).slice(0, 300) });
      } catch (err) {
        failures.push({ url, error: (err as Error).message });
      }
      // A steady client, not a flood: the gateways' shared rate limit (1,200 a minute per client) must not refuse it.
      await new Promise((r) => setTimeout(r, 80));
    }
  };
  const workers = Array.from({ length: concurrency }, (_, i) => worker(i));
  return {
    get sent() {
      return sent;
    },
    failures,
    stop: async () => {
      running = false;
      await Promise.all(workers);
    },
  };
}

/** Polls `probe` until it returns true; resolves with the ms it took, or rejects at the timeout. */
export async function until(probe: () => Promise<boolean> | boolean, timeoutMs = 10_000, everyMs = 25): Promise<number> {
  const started = performance.now();
  for (;;) {
    if (await probe()) return Math.round(performance.now() - started);
    if (performance.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
