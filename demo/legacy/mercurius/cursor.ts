/**
 * This cooperative's connection cursors (its own format, opaque to everyone
 * else): `m1.<payload>.<signature>`, where the payload is base64url JSON
 * `[scope, key, id]` — the hash of what the cursor belongs to (connection,
 * order, filter, `cooperatives:`), then the sort key and local id of the row
 * it resumes after — and the signature an HMAC-SHA256 of `m1.<payload>`
 * (truncated to 12 bytes). Any edit, truncation or use with another query is
 * `BAD_USER_INPUT`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { badInput } from '../../../core/errors';
import type { SortValue } from '../../../core/order';
import type { Keyset } from '../../../subgraphs/marketplace/port';

const VERSION = 'm1';
const MAX_LENGTH = 2048;

/** What a cursor belongs to; two queries with equal scopes page the same rows. */
export interface CursorScope {
  /** `products`, `suppliers`, `orders`. */
  connection: string;
  /** `NAME:ASC`, `ORDERED_AT:DESC`… */
  order: string;
  /** The filter as the client wrote it (absent and null members are the same filter). */
  filter: unknown;
  /** The `cooperatives:` argument (order and repeats do not matter), null when absent. */
  cooperatives: readonly string[] | null | undefined;
}

/** Type of the sort keys of an order: names are strings, prices and instants numbers. */
export type KeyKind = 'string' | 'number';

/** JSON with sorted keys and without null/undefined members. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  const members = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== null && v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${members.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}

export function scopeHash(scope: CursorScope): string {
  const cooperatives = scope.cooperatives ? [...new Set(scope.cooperatives)].sort() : null;
  const text = canonical({ c: scope.connection, o: scope.order, f: scope.filter ?? {}, s: cooperatives });
  return createHash('sha256').update(text).digest('base64url').slice(0, 16);
}

function invalid(cursor: string, why: string): Error {
  const shown = cursor.length > 60 ? `${cursor.slice(0, 60)}…` : cursor;
  return badInput(`Invalid cursor ${JSON.stringify(shown)}: ${why}`, { cursor: shown });
}

function isKey(value: unknown, kind: KeyKind): value is SortValue {
  return value === null || (kind === 'string' ? typeof value === 'string' : typeof value === 'number' && Number.isFinite(value));
}

export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  encode(scope: CursorScope, keyset: Keyset): string {
    const key = typeof keyset.key === 'number' && !Number.isFinite(keyset.key) ? null : keyset.key;
    const payload = Buffer.from(JSON.stringify([scopeHash(scope), key, keyset.id]), 'utf8').toString('base64url');
    return `${VERSION}.${payload}.${this.sign(payload)}`;
  }

  /** The keyset `cursor` resumes after; throws `BAD_USER_INPUT` unless it was made by this codec for `scope`. */
  decode(cursor: string, scope: CursorScope, kind: KeyKind): Keyset {
    const parts = cursor.length <= MAX_LENGTH ? cursor.split('.') : [];
    if (parts.length !== 3 || parts[0] !== VERSION) throw invalid(cursor, 'not a cursor of this cooperative');
    const [, payload, signature] = parts;
    if (!this.verify(payload, signature)) throw invalid(cursor, 'the cursor was altered');
    let body: unknown;
    try {
      body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      throw invalid(cursor, 'unreadable payload');
    }
    if (!Array.isArray(body) || body.length !== 3) throw invalid(cursor, 'unreadable payload');
    const [hash, key, id] = body as unknown[];
    if (hash !== scopeHash(scope)) throw invalid(cursor, 'it was made for another filter, order or cooperatives list');
    if (!isKey(key, kind) || typeof id !== 'string' || id === '') throw invalid(cursor, 'unreadable payload');
    return { key, id };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(`${VERSION}.${payload}`).digest().subarray(0, 12).toString('base64url');
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}
