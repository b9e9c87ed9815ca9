/**
 * The registry's admin API on the gateway, every route behind the admin guard
 * (`SBNET_ADMIN_TOKEN` bearer, gateway/admin.ts):
 *
 *   GET    /admin/cooperatives               the registry: every cooperative with source, admission, routing; the file's state
 *   POST   /admin/cooperatives[?wait=ms]     add (body: one entry as in supergraph.yaml, JSON or YAML) → 202, or 200 once checked when waiting
 *   GET    /admin/cooperatives/<id>          one cooperative
 *   PATCH  /admin/cooperatives/<id>[?wait=ms] change fields (null removes; subgraphs merge by role)
 *   DELETE /admin/cooperatives/<id>          remove (drains for a few seconds)
 *   POST   /admin/cooperatives/<id>/check[?wait=ms]   run its contract check again
 *
 * Errors are `{ errors: [{ message, extensions: { code } }] }` with an HTTP status.
 */
import type { IncomingMessage } from 'node:http';
import type { Route, RouteResponse } from '../../core/http/serve';
import { adminOnly, staticTokenCheck, type AdminCheck } from '../admin';
import { RegistryError, type LiveRegistry } from './liveRegistry';

export const COOPERATIVES_PATH = '/admin/cooperatives';
const MAX_BODY = 64 * 1024;
const MAX_WAIT_MS = 60_000;

export function registryAdminRoutes(live: LiveRegistry, checks: readonly AdminCheck[] = [staticTokenCheck()]): Record<string, Route> {
  const route = adminOnly(checks, (req) => handle(live, req).catch(failure));
  return { [COOPERATIVES_PATH]: route, [`${COOPERATIVES_PATH}/*`]: route };
}

async function handle(live: LiveRegistry, req: IncomingMessage): Promise<RouteResponse> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const rest = url.pathname.slice(COOPERATIVES_PATH.length).split('/').filter(Boolean).map(decodeURIComponent);
  const method = (req.method ?? 'GET').toUpperCase();
  const wait = waitOf(url);
  const [id, action] = rest;

  if (rest.length === 0) {
    if (method === 'GET') return json(200, { cooperatives: live.list(), file: live.fileStatus(), store: live.storeKind });
    if (method === 'POST') return settled(live, await live.add(await readBody(req)), wait, 202);
    return notAllowed('GET, POST');
  }
  if (rest.length === 1) {
    if (method === 'GET') return one(live, id);
    if (method === 'PATCH' || method === 'PUT') return settled(live, await live.update(id, await readBody(req)), wait, 200);
    if (method === 'DELETE') {
      await live.remove(id);
      return json(200, { removed: id });
    }
    return notAllowed('GET, PATCH, DELETE');
  }
  if (rest.length === 2 && action === 'check') {
    if (method === 'POST') return settled(live, await live.recheck(id), wait, 202);
    return notAllowed('POST');
  }
  return json(404, errorBody(`no admin route ${url.pathname}`, 'NOT_FOUND'));
}

function one(live: LiveRegistry, id: string): RouteResponse {
  const entry = live.get(id);
  return entry ? json(200, { cooperative: entry }) : json(404, errorBody(`no cooperative ${id} in the registry`, 'COOPERATIVE_NOT_FOUND'));
}

/** With `?wait=ms`, answers once the contract check decided (or the wait ran out). */
async function settled(live: LiveRegistry, entry: { id: string }, wait: number, status: number): Promise<RouteResponse> {
  if (wait <= 0) return json(status, { cooperative: live.get(entry.id) ?? entry });
  const after = await live.waitForVerdict(entry.id, wait);
  return json(after && after.admission.state !== 'PENDING' ? 200 : 202, { cooperative: after ?? entry });
}

function waitOf(url: URL): number {
  const raw = url.searchParams.get('wait');
  const ms = raw === null ? 0 : Number(raw);
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_WAIT_MS) : 0;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY) chunks.push(chunk);
    });
    req.on('end', () => (size > MAX_BODY ? reject(new RegistryError('BAD_INPUT', `request body larger than ${MAX_BODY} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

const STATUS: Record<RegistryError['code'], number> = { BAD_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };
const CODES: Record<RegistryError['code'], string> = { BAD_INPUT: 'BAD_USER_INPUT', NOT_FOUND: 'COOPERATIVE_NOT_FOUND', CONFLICT: 'CONFLICT' };

function failure(err: unknown): RouteResponse {
  if (err instanceof RegistryError) return json(STATUS[err.code], errorBody(err.message, CODES[err.code]));
  return json(503, errorBody(`the registry could not be changed: ${(err as Error).message}`, 'REGISTRY_UNAVAILABLE'));
}

function notAllowed(allowed: string): RouteResponse {
  return { ...json(405, errorBody(`method not allowed here (allowed: ${allowed})`, 'METHOD_NOT_ALLOWED')), headers: { allow: allowed } };
}

function errorBody(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

function json(status: number, body: unknown): RouteResponse {
  return { status, body: JSON.stringify(body) };
}
