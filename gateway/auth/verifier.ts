/**
 * Bearer JWT verification (jose): signature (HS256 secret, or the public keys
 * of a JWKS file or URL), expiry (`exp` required), issuer and audience, then
 * the SB-NET claims reduced to an Identity:
 *
 *   { "sub": "…", "role": "member", "coop": "sgfurn", "business_number": "220-81-62517", … }
 *
 * Every failure is `UNAUTHENTICATED` with a short reason; the token itself is
 * never echoed.
 */
import { readFileSync } from 'node:fs';
import type * as Jose from 'jose';
import type { JWTPayload, JWTVerifyGetKey } from 'jose';
import type { GraphQLError } from 'graphql';
import { sbnetError } from '../../core/errors';
import { identityFrom, type Identity } from '../../subgraphs/shared/identity';
import type { AuthSettings } from './settings';

/** Public-key algorithms accepted from a JWKS (never `none`, never HMAC with a public key). */
const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

export interface TokenVerifier {
  /** The token's identity; throws `UNAUTHENTICATED` when the token is not acceptable. */
  verify(token: string): Promise<Identity>;
}

/** jose, loaded once a key is configured: a gateway that accepts no tokens never needs its ~9 MB. */
function jose(): typeof Jose {
  return require('jose') as typeof Jose;
}

type Key = { kind: 'secret'; key: Uint8Array } | { kind: 'jwks'; keys: JWTVerifyGetKey };

/** A verifier for the configured key, or null when no key is configured (no token can be accepted). */
export function createTokenVerifier(settings: AuthSettings): TokenVerifier | null {
  const key = keyOf(settings);
  if (!key) return null;
  const options = {
    issuer: settings.issuer,
    audience: settings.audience,
    clockTolerance: settings.clockToleranceSeconds,
    requiredClaims: ['exp'],
    algorithms: key.kind === 'secret' ? ['HS256'] : ASYMMETRIC,
  };
  return {
    async verify(token) {
      let payload: JWTPayload;
      try {
        const { jwtVerify } = jose();
        payload = (key.kind === 'secret' ? await jwtVerify(token, key.key, options) : await jwtVerify(token, key.keys, options)).payload;
      } catch (err) {
        throw unauthenticated(reasonOf(err));
      }
      const identity = identityFrom({ role: payload.role, subject: payload.sub, cooperativeId: payload.coop, businessNumber: payload.business_number });
      if (typeof identity === 'string') throw unauthenticated(`token claims not usable: ${identity}`);
      return identity;
    },
  };
}

function keyOf(settings: AuthSettings): Key | null {
  if (settings.hs256Secret) return { kind: 'secret', key: new TextEncoder().encode(settings.hs256Secret) };
  if (settings.jwksFile) return { kind: 'jwks', keys: jose().createLocalJWKSet(JSON.parse(readFileSync(settings.jwksFile, 'utf8'))) };
  if (settings.jwksUrl) return { kind: 'jwks', keys: jose().createRemoteJWKSet(new URL(settings.jwksUrl), { timeoutDuration: 3000, cooldownDuration: 30_000 }) };
  return null;
}

export function unauthenticated(reason: string): GraphQLError {
  return sbnetError('UNAUTHENTICATED', { message: `Not authenticated: ${reason}`, details: { reason } });
}

function reasonOf(err: unknown): string {
  const { errors } = jose();
  if (err instanceof errors.JWTExpired) return 'token has expired';
  if (err instanceof errors.JWTClaimValidationFailed) return `token ${err.claim} claim not accepted`;
  if (err instanceof errors.JWSSignatureVerificationFailed) return 'token signature is not valid';
  if (err instanceof errors.JOSEAlgNotAllowed) return 'token algorithm not accepted';
  if (err instanceof errors.JWKSNoMatchingKey) return 'no key for this token';
  if (err instanceof errors.JWKSTimeout) return 'key set not reachable';
  if (err instanceof errors.JWTInvalid || err instanceof errors.JWSInvalid || err instanceof errors.JOSENotSupported) return 'malformed token';
  return 'token not accepted';
}
