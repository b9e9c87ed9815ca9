/**
 * A cooperative that is already on GraphQL (DESIGN.md §4, last legacy kind):
 * its own marketplace subgraph on Fastify 5 + mercurius 16 +
 * @mercuriusjs/federation 5, implementing the standard template itself over
 * its own data — no SB-NET role server, no adapter.
 *
 * The schema handed to the federation plugin is the template file verbatim
 * (Federation 2: `extend schema @link(...)`). The plugin knows Federation 1
 * only, but it skips the schema extension, accepts `@shareable` and
 * `@key(..., resolvable: false)` on type definitions unchecked, finds the
 * entities by the literal `@key`, and answers `_service { sdl }` with the text
 * it was given — so the gateway and `sbnet check` see exactly the template.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { mercuriusFederationPlugin } from '@mercuriusjs/federation';
import Fastify, { type FastifyInstance } from 'fastify';
import type { RowReport } from '../../../adapters/types';
import { assertCooperativeId } from '../../../core/ids';
import { projectPath } from '../../../core/paths';
import type { LegacyDataset } from '../../data/types';
import { CursorCodec } from './cursor';
import { cooperativeLoaders } from './loaders';
import { recordsOf } from './records';
import { cooperativeResolvers } from './resolvers';
import { CooperativeStore } from './store';

export interface MercuriusCooperativeOptions {
  cooperativeId: string;
  dataset: LegacyDataset;
  /** Signs this cooperative's cursors; default derived from the id, so cursors survive a restart. */
  cursorSecret?: string;
  /** Clock for new orders (tests pin it). */
  now?: () => Date;
}

export interface MercuriusCooperative {
  app: FastifyInstance;
  store: CooperativeStore;
  /** Legacy rows refused or repaired while loading the dataset. */
  reports: RowReport[];
}

export interface RunningMercuriusCooperative extends MercuriusCooperative {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:41234/graphql */
  url: string;
  close(): Promise<void>;
}

/** The marketplace template as the cooperative serves it (and returns from `_service`). */
export function templateSdl(): string {
  return readFileSync(projectPath('subgraphs', 'marketplace', 'schema.graphql'), 'utf8');
}

/** The cooperative's app with its store and load reports (not listening). */
export function createMercuriusCooperative(opts: MercuriusCooperativeOptions): MercuriusCooperative {
  const cooperativeId = assertCooperativeId(opts.cooperativeId);
  const { reports, ...records } = recordsOf(opts.dataset);
  const store = new CooperativeStore(records, opts.now);
  const codec = new CursorCodec(opts.cursorSecret ?? `sbnet-mercurius-cursor:${cooperativeId}`);
  const app = Fastify({ logger: false });
  // Mercurius' response schema types `errors[].path` items as strings, so
  // fast-json-stringify writes list indices as "8" instead of 8; the gateway
  // maps `_entities` errors back by numeric index. Plain JSON keeps them numbers.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  void app.register(mercuriusFederationPlugin, {
    schema: templateSdl(),
    resolvers: cooperativeResolvers({ cooperativeId, store, codec }),
    loaders: cooperativeLoaders(cooperativeId, store),
    graphiql: false,
    path: '/graphql',
  });
  app.get('/healthz', async () => ({ status: 'ok' }));
  return { app, store, reports };
}

/** The Fastify app (for mercurius-integration-testing); register order is kept, `ready()` is up to the caller. */
export function buildMercuriusCooperative(opts: MercuriusCooperativeOptions): FastifyInstance {
  return createMercuriusCooperative(opts).app;
}

/** Builds the cooperative and listens (port 0 = any free port). */
export async function startMercuriusCooperative(
  opts: MercuriusCooperativeOptions & { port?: number; host?: string },
): Promise<RunningMercuriusCooperative> {
  const cooperative = createMercuriusCooperative(opts);
  const { app } = cooperative;
  try {
    await app.listen({ port: opts.port ?? 0, host: opts.host ?? '127.0.0.1' });
  } catch (err) {
    await app.close();
    throw err;
  }
  const { address, port } = app.server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { ...cooperative, url: `http://${host}:${port}/graphql`, close: () => app.close() };
}
