/**
 * What every client request to `/graphql` passes before Apollo sees it, in
 * this order (each refusal is a GraphQL error with a 4xx status):
 *
 *   bearer token ──bad/expired/forged──► 401 UNAUTHENTICATED (www-authenticate)
 *     │ none → the anonymous role
 *   batch size ──too many operations──► 400 BAD_USER_INPUT
 *   nesting of the query text ──absurd──► 400 QUERY_TOO_COMPLEX (before parsing)
 *   rate limit per client ──exceeded──► 429 RATE_LIMITED (retry-after)
 *     ▼
 *   Apollo: parse (maxTokens) → validate → limits plugin (depth, cost, strings) → plan → execute
 *
 * The identity found here is put on the request's context for the tenant
 * router's access guard.
 */
import type { IncomingMessage } from 'node:http';
import type { GraphQLError } from 'graphql';
import { ERROR_CODES, badInput, sbnetError } from '../../core/errors';
import type { RouteResponse } from '../../core/http/serve';
import { withCaller, type Identity, type Role } from '../../subgraphs/shared/identity';
import { maxNesting } from '../limits/nesting';
import { withCostBudget } from '../limits/plugin';
import type { RateLimiter } from '../limits/rateLimit';
import type { LimitSettings } from '../limits/settings';
import { unauthenticated, type TokenVerifier } from './verifier';

export interface RequestGateOptions {
  /** null: no key configured, so any token is refused. */
  verifier: TokenVerifier | null;
  anonymousRole: Role;
  limits: LimitSettings;
  rateLimiter: RateLimiter | null;
}

export interface RequestGate {
  /** For `serveApollo({ inspect })`: a response ends the request. */
  inspect(req: IncomingMessage, body: unknown): Promise<RouteResponse | undefined>;
  /** For `serveApollo({ context })`: the caller on a fresh context. */
  context(req: IncomingMessage): Promise<Record<string, unknown>>;
}

export function requestGate(options: RequestGateOptions): RequestGate {
  const identities = new WeakMap<IncomingMessage, Identity>();
  const anonymous: Identity = { role: options.anonymousRole };
  /** Query nesting refused before parsing: far beyond any operation within maxDepth. */
  const maxTextNesting = options.limits.maxDepth * 2 + 8;

  return {
    async inspect(req, body) {
      const auth = await authenticate(req, options.verifier, anonymous);
      if ('error' in auth) return refusal(auth.error, { 'www-authenticate': 'Bearer error="invalid_token"' });
      const operations = Array.isArray(body) ? body : [body ?? queryFromUrl(req)];
      if (operations.length > options.limits.maxBatch) {
        return refusal(badInput(`A batch of ${operations.length} operations; at most ${options.limits.maxBatch} allowed`, { maxBatch: options.limits.maxBatch }));
      }
      for (const op of operations) {
        const query = (op as { query?: unknown } | null)?.query;
        if (typeof query !== 'string') continue;
        const nesting = maxNesting(query, maxTextNesting);
        if (nesting > maxTextNesting) {
          return refusal(sbnetError('QUERY_TOO_COMPLEX', { message: `Query nesting ${nesting} exceeds the limit ${maxTextNesting}`, details: { nesting, limit: maxTextNesting } }));
        }
      }
      if (options.rateLimiter) {
        const decision = await options.rateLimiter.hit(clientOf(req, auth.identity), Math.max(1, operations.length));
        if (!decision.allowed) {
          const error = sbnetError('RATE_LIMITED', { details: { retryAfter: decision.retryAfterSeconds, limit: decision.limit } });
          return refusal(error, { 'retry-after': String(decision.retryAfterSeconds) });
        }
      }
      identities.set(req, auth.identity);
      return undefined;
    },
    async context(req) {
      const identity = identities.get(req) ?? anonymous;
      return withCostBudget(withCaller({}, { identity, enforced: true }));
    },
  };
}

type Authenticated = { identity: Identity } | { error: GraphQLError };

async function authenticate(req: IncomingMessage, verifier: TokenVerifier | null, anonymous: Identity): Promise<Authenticated> {
  const header = req.headers.authorization;
  if (header === undefined || header.trim() === '') return { identity: anonymous };
  const token = /^Bearer[ \t]+([A-Za-z0-9\-_.~+/]+=*)[ \t]*$/i.exec(header)?.[1];
  if (!token) return { error: unauthenticated('the Authorization header must be "Bearer <token>"') };
  if (!verifier) return { error: unauthenticated('this gateway accepts no tokens (gateway.auth has no key)') };
  try {
    return { identity: await verifier.verify(token) };
  } catch (err) {
    return { error: err as GraphQLError };
  }
}

/** The rate-limited client: the token's subject, else the caller's address. */
function clientOf(req: IncomingMessage, identity: Identity): string {
  if (identity.subject) return `sub:${identity.subject}`;
  return `ip:${req.socket.remoteAddress ?? 'unknown'}`;
}

/** A GET request's operation (its query string). */
function queryFromUrl(req: IncomingMessage): { query?: string } {
  const query = new URL(req.url ?? '/', 'http://gateway').searchParams.get('query');
  return query === null ? {} : { query };
}

function refusal(error: GraphQLError, headers: Record<string, string> = {}): RouteResponse {
  const code = error.extensions.code as keyof typeof ERROR_CODES;
  return {
    status: ERROR_CODES[code]?.httpStatus ?? 400,
    headers,
    body: JSON.stringify({ errors: [{ message: error.message, extensions: error.extensions }] }),
  };
}
