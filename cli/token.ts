/**
 * `sbnet token`: a signed bearer token for operators and tests (HS256, the
 * gateway's `gateway.auth.hs256Secret` or `SBNET_JWT_SECRET`).
 *
 *   sbnet token --config supergraph.yaml --role member --coop sgfurn --business-number 220-81-62517 --ttl 1h
 *
 * With a JWKS-configured gateway, tokens come from your identity provider
 * (with the same claims: role, coop, business_number); this tool needs the
 * HS256 secret.
 */
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { effectiveAuthSettings } from '../gateway/auth/settings';
import { loadSupergraphConfig } from '../gateway/config/supergraphConfig';
import { identityFrom, ROLES } from '../subgraphs/shared/identity';

export interface TokenRequest {
  role?: string;
  coop?: string;
  businessNumber?: string;
  /** 90s, 15m, 1h, 7d, or seconds; default 1h. */
  ttl?: string;
  subject?: string;
  /** supergraph.yaml for issuer, audience and secret. */
  config?: string;
  secret?: string;
  issuer?: string;
  audience?: string;
}

export class TokenError extends Error {
  override name = 'TokenError';
}

const UNITS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };
const MAX_TTL_SECONDS = 30 * 86_400;

/** Seconds of a `90s` / `15m` / `1h` / `7d` / `3600` duration. */
export function parseTtl(text: string): number {
  const m = /^(\d+)([smhd]?)$/.exec(text.trim());
  const seconds = m ? Number(m[1]) * UNITS[m[2] || 's'] : NaN;
  if (!Number.isSafeInteger(seconds) || seconds < 1 || seconds > MAX_TTL_SECONDS) {
    throw new TokenError(`--ttl ${JSON.stringify(text)}: expected a duration like 90s, 15m, 1h or 7d (at most 30d)`);
  }
  return seconds;
}

export async function issueToken(request: TokenRequest, env: NodeJS.ProcessEnv = process.env, nowMs = Date.now()): Promise<string> {
  const auth = effectiveAuthSettings(request.config ? loadSupergraphConfig(request.config).gateway.auth : undefined, env);
  const secret = request.secret ?? env.SBNET_JWT_SECRET ?? auth.hs256Secret;
  const issuer = request.issuer ?? auth.issuer;
  const audience = request.audience ?? auth.audience;
  if (!secret) {
    const why = auth.jwksFile || auth.jwksUrl ? 'the gateway verifies tokens with a JWKS: your identity provider issues them' : 'no HS256 secret';
    throw new TokenError(`${why}; give --secret, SBNET_JWT_SECRET or --config with gateway.auth.hs256Secret`);
  }
  if (!issuer || !audience) throw new TokenError('the token needs an issuer and an audience: --config with gateway.auth, or --issuer and --audience');
  if (!request.role) throw new TokenError(`--role is required (${ROLES.join(', ')})`);
  const identity = identityFrom({ role: request.role, cooperativeId: request.coop, businessNumber: request.businessNumber });
  if (typeof identity === 'string') throw new TokenError(identity.replace('(business_number)', '(--business-number)').replace('needs a cooperative id', 'needs --coop'));
  const claims: Record<string, string> = { role: identity.role };
  if (identity.cooperativeId) claims.coop = identity.cooperativeId;
  if (identity.businessNumber) claims.business_number = identity.businessNumber;
  const iat = Math.floor(nowMs / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(request.subject ?? [identity.role, identity.cooperativeId, identity.businessNumber].filter(Boolean).join(':'))
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt(iat)
    .setExpirationTime(iat + parseTtl(request.ttl ?? '1h'))
    .setJti(randomUUID())
    .sign(new TextEncoder().encode(secret));
}
