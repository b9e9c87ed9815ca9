/**
 * Who is calling, as the gateway vouches for it to a cooperative's subgraph.
 *
 * The gateway verifies the client's JWT, reduces it to an `Identity`, and
 * sends that identity with every call in the `x-sbnet-identity` header,
 * signed with HMAC-SHA256 under a secret it shares with the cooperative
 * (`gatewaySecret` in the cooperative's config). The signature covers the
 * target cooperative and a short expiry, so a header captured on its way to
 * one cooperative is useless at another, and soon useless everywhere.
 *
 *   x-sbnet-identity: v1.<base64url(JSON payload)>.<base64url(HMAC-SHA256(secret, "v1." + payload))>
 *   payload: { role, sub?, coop?, bno?, aud: <target cooperative id>, iat, exp }   (seconds)
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isCooperativeId } from '../../core/ids';
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';

export const ROLES = ['anonymous', 'member', 'coop_admin', 'analyst', 'federation_admin'] as const;
export type Role = (typeof ROLES)[number];

export interface Identity {
  role: Role;
  /** Who (the token's `sub`): for logs and per-client rate limits. */
  subject?: string;
  /** member and coop_admin: their cooperative. */
  cooperativeId?: string;
  /** member: the company's 사업자등록번호, canonical XXX-XX-XXXXX. */
  businessNumber?: string;
}

export const ANONYMOUS: Identity = Object.freeze({ role: 'anonymous' });

export const IDENTITY_HEADER = 'x-sbnet-identity';
const VERSION = 'v1';
/** How long a signed header is valid: one call, with room for a slow network. */
export const IDENTITY_TTL_SECONDS = 120;
/** Clock difference tolerated between the gateway and a subgraph. */
const CLOCK_TOLERANCE_SECONDS = 30;

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/**
 * An identity from untrusted parts (token claims, a header): the role must be
 * known, members need a cooperative and a valid 사업자등록번호, coop admins a
 * cooperative. Returns the reason it is unusable as a string.
 */
export function identityFrom(parts: { role?: unknown; subject?: unknown; cooperativeId?: unknown; businessNumber?: unknown }): Identity | string {
  if (!isRole(parts.role)) return `unknown role ${JSON.stringify(parts.role ?? null)} (expected one of ${ROLES.join(', ')})`;
  const identity: Identity = { role: parts.role };
  if (typeof parts.subject === 'string' && parts.subject !== '') identity.subject = parts.subject;
  if (parts.role === 'member' || parts.role === 'coop_admin') {
    if (typeof parts.cooperativeId !== 'string' || !isCooperativeId(parts.cooperativeId)) return `role ${parts.role} needs a cooperative id`;
    identity.cooperativeId = parts.cooperativeId;
  }
  if (parts.role === 'member') {
    const number = typeof parts.businessNumber === 'string' ? normalizeBusinessNumber(parts.businessNumber) : null;
    if (!number) return 'role member needs a valid 사업자등록번호 (business_number)';
    identity.businessNumber = number;
  }
  return identity;
}

interface Payload {
  role: Role;
  sub?: string;
  coop?: string;
  bno?: string;
  aud: string;
  iat: number;
  exp: number;
}

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const mac = (secret: string, signed: string) => createHmac('sha256', secret).update(signed).digest();

/** The header value vouching for `identity` to cooperative `audience`. */
export function signIdentity(identity: Identity, secret: string, audience: string, nowMs = Date.now()): string {
  const iat = Math.floor(nowMs / 1000);
  const payload: Payload = { role: identity.role, aud: audience, iat, exp: iat + IDENTITY_TTL_SECONDS };
  if (identity.subject) payload.sub = identity.subject;
  if (identity.cooperativeId) payload.coop = identity.cooperativeId;
  if (identity.businessNumber) payload.bno = identity.businessNumber;
  const signed = `${VERSION}.${b64(JSON.stringify(payload))}`;
  return `${signed}.${mac(secret, signed).toString('base64url')}`;
}

export type VerifiedIdentity = { ok: true; identity: Identity } | { ok: false; reason: string };

/** Checks a header value: signature, version, audience (this cooperative) and expiry. */
export function verifyIdentity(header: string | undefined, secret: string, audience: string, nowMs = Date.now()): VerifiedIdentity {
  if (!header) return { ok: false, reason: `missing ${IDENTITY_HEADER} header (calls must come through the SB-NET gateway)` };
  const parts = header.split('.');
  if (parts.length !== 3 || parts[0] !== VERSION) return { ok: false, reason: `malformed ${IDENTITY_HEADER} header` };
  const given = Buffer.from(parts[2], 'base64url');
  const expected = mac(secret, `${parts[0]}.${parts[1]}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: `${IDENTITY_HEADER} signature is not valid` };
  let payload: Partial<Payload>;
  try {
    payload = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: `malformed ${IDENTITY_HEADER} payload` };
  }
  const now = Math.floor(nowMs / 1000);
  if (payload.aud !== audience) return { ok: false, reason: `${IDENTITY_HEADER} was signed for another cooperative` };
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_TOLERANCE_SECONDS < now) return { ok: false, reason: `${IDENTITY_HEADER} has expired` };
  if (typeof payload.iat !== 'number' || payload.iat - CLOCK_TOLERANCE_SECONDS > now) return { ok: false, reason: `${IDENTITY_HEADER} is from the future` };
  const identity = identityFrom({ role: payload.role, subject: payload.sub, cooperativeId: payload.coop, businessNumber: payload.bno });
  return typeof identity === 'string' ? { ok: false, reason: identity } : { ok: true, identity };
}

/**
 * The caller of one request, kept on the request's context object. `enforced`
 * says whether access rules apply: always at the gateway; in a subgraph only
 * when it has a `gatewaySecret` (without one it cannot tell who is calling
 * and serves as before — never run it that way outside a closed network).
 */
export interface Caller {
  identity: Identity;
  enforced: boolean;
  /** Why the call's identity could not be verified (the subgraph then refuses it). */
  rejection?: string;
}

const CALLER = Symbol.for('sbnet.caller');

/** Attaches the caller (an enumerable symbol, so Apollo's per-operation context copies keep it). */
export function withCaller<T extends object>(context: T, caller: Caller): T {
  Object.defineProperty(context, CALLER, { value: caller, enumerable: true });
  return context;
}

export function callerOf(context: unknown): Caller | undefined {
  if (typeof context !== 'object' || context === null) return undefined;
  return (context as { [CALLER]?: Caller })[CALLER];
}
