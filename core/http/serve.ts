/**
 * Serving an ApolloServer (gateway or subgraph) over node:http, with a few
 * plain routes beside `/graphql` (health, metrics, admin). One small module
 * instead of a web framework: every SB-NET server needs the same four things
 * (GraphQL over HTTP, a body limit, extra routes, a clean stop).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext, type ContextFunction } from '@apollo/server';

export interface RouteResponse {
  status: number;
  body: string;
  contentType?: string;
  /** Extra response headers (e.g. `retry-after`, `www-authenticate`). */
  headers?: Record<string, string>;
}

export type Route = (req: IncomingMessage) => Promise<RouteResponse> | RouteResponse;

export interface ServeOptions<TContext extends BaseContext> {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Largest accepted request body (default 1 MiB): bigger → 413 with a GraphQL error. */
  maxBodyBytes?: number;
  /** Extra routes by path (e.g. `/healthz`; `/admin/x/*` for every path below `/admin/x/`); `/graphql` is always the GraphQL endpoint. */
  routes?: Record<string, Route>;
  context?: ContextFunction<[{ req: IncomingMessage }], TContext>;
  /**
   * Looks at a GraphQL request (its parsed body; undefined for GET) before it
   * reaches Apollo: returning a response ends the request with it
   * (authentication, rate limits, batch limits…).
   */
  inspect?: (req: IncomingMessage, body: unknown) => Promise<RouteResponse | undefined> | RouteResponse | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  http: Server;
  close(): Promise<void>;
}

export async function serveApollo<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: ServeOptions<TContext> = {},
): Promise<RunningServer> {
  const maxBody = options.maxBodyBytes ?? 1 << 20;
  const http = createServer((req, res) => {
    handle(apollo, options, maxBody, req, res).catch((err) => {
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error' }] });
      else res.end();
      void err;
    });
  });
  http.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1';
  return {
    url: `http://${host}:${address.port}/graphql`,
    port: address.port,
    http,
    close: () => closeServer(http),
  };
}

async function handle<TContext extends BaseContext>(
  apollo: ApolloServer<TContext>,
  options: ServeOptions<TContext>,
  maxBody: number,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const route = options.routes?.[url.pathname] ?? prefixRoute(options.routes, url.pathname);
  if (route) {
    return sendRoute(res, await route(req));
  }
  if (url.pathname !== '/graphql' && url.pathname !== '/') return sendJson(res, 404, { error: 'not found' });

  const body = await readBody(req, maxBody);
  if (body === TOO_LARGE) return sendJson(res, 413, { errors: [{ message: `Request body larger than ${maxBody} bytes`, extensions: { code: 'BAD_USER_INPUT' } }] });
  const parsed = parseJsonBody(req, body);
  if (parsed === BAD_JSON) return sendJson(res, 400, { errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }] });
  const refused = options.inspect ? await options.inspect(req, parsed) : undefined;
  if (refused) return sendRoute(res, refused);

  const headers = new HeaderMap();
  for (const [key, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  const response = await apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: url.search, body: parsed },
    context: async () => (options.context ? options.context({ req }) : ({} as TContext)),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

const TOO_LARGE = Symbol('too large');
const BAD_JSON = Symbol('bad json');

function readBody(req: IncomingMessage, max: number): Promise<string | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > max) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? TOO_LARGE : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parseJsonBody(req: IncomingMessage, body: string): unknown {
  if (!body) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return body;
  try {
    return JSON.parse(body);
  } catch {
    return BAD_JSON;
  }
}

/** A route registered as `/prefix/*` serves every path below `/prefix/` (e.g. `/admin/cooperatives/<id>`). */
function prefixRoute(routes: Record<string, Route> | undefined, path: string): Route | undefined {
  for (const [key, route] of Object.entries(routes ?? {})) {
    if (key.endsWith('/*') && path.startsWith(key.slice(0, -1))) return route;
  }
  return undefined;
}

function sendRoute(res: ServerResponse, out: RouteResponse): void {
  res.writeHead(out.status, { ...out.headers, 'content-type': out.contentType ?? 'application/json; charset=utf-8' });
  res.end(out.body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function closeServer(http: Server): Promise<void> {
  return new Promise((resolve) => {
    http.close(() => resolve());
    http.closeIdleConnections();
    // Keep-alive clients (the gateway's pool) must not hold the process open.
    setTimeout(() => http.closeAllConnections(), 200).unref();
  });
}
