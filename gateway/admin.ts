/**
 * Guard of the gateway's admin routes (`/admin/*`): a bearer token from
 * `SBNET_ADMIN_TOKEN`. Without one configured, admin routes are closed.
 * (JWT roles may grant the same right; see the auth module.)
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { RouteResponse } from '../core/http/serve';

export type AdminCheck = (req: IncomingMessage) => Promise<boolean> | boolean;

export function staticTokenCheck(token: string | undefined = process.env.SBNET_ADMIN_TOKEN): AdminCheck {
  return (req) => {
    if (!token) return false;
    const given = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1] ?? '';
    const a = Buffer.from(given);
    const b = Buffer.from(token);
    return a.length === b.length && timingSafeEqual(a, b);
  };
}

/** Wraps an admin route: 401 with a GraphQL-style error unless a check passes. */
export function adminOnly(checks: readonly AdminCheck[], route: (req: IncomingMessage) => Promise<RouteResponse> | RouteResponse) {
  return async (req: IncomingMessage): Promise<RouteResponse> => {
    for (const check of checks) if (await check(req)) return route(req);
    return {
      status: 401,
      body: JSON.stringify({ errors: [{ message: 'Admin route: a valid admin bearer token is required', extensions: { code: 'UNAUTHENTICATED' } }] }),
    };
  };
}
