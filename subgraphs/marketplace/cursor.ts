/**
 * The marketplace subgraph's connection cursors: opaque to clients, a
 * versioned base64url JSON of the keyset (sort key and local id of the row)
 * bound to the connection's order and a short hash of its filter, with a
 * checksum so an edited cursor is refused. `decodeCursor` validates all of it;
 * any mismatch or garbage is `BAD_USER_INPUT`.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../core/errors';
import type { SortValue } from '../../core/order';
import type { Keyset } from './port';

export const CURSOR_VERSION = 1;

/** What a cursor is bound to: the connection and order (`products:PRICE:DESC`) and the filter's hash. */
export interface CursorBinding {
  order: string;
  filterHash: string;
}

/** The type every sort key of an order has (null aside). */
export type KeyKind = 'string' | 'number';

interface CursorPayload {
  v: number;
  o: string;
  f: string;
  k: SortValue;
  i: string;
  s: string;
}

const MAX_CURSOR_LENGTH = 4096;

function shortHash(text: string, length: number): string {
  return createHash('sha256').update(text).digest('base64url').slice(0, length);
}

/** Drops null/undefined members and sorts keys, so equal filters hash equally. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== null && member !== undefined) out[key] = canonical(member);
    }
    return out;
  }
  return value;
}

/** A short hash of a filter as the client gave it (absent members and nulls are the same filter). */
export function filterHash(filter: unknown): string {
  return shortHash(JSON.stringify(canonical(filter ?? {})), 12);
}

function checksum(p: Omit<CursorPayload, 's'>): string {
  return shortHash(JSON.stringify([p.v, p.o, p.f, p.k, p.i]), 8);
}

/** Sort keys as stored: non-finite numbers (an unparsable date) become null. */
function storableKey(key: SortValue): SortValue {
  return typeof key === 'number' && !Number.isFinite(key) ? null : key;
}

export function encodeCursor(keyset: Keyset, binding: CursorBinding): string {
  const body = { v: CURSOR_VERSION, o: binding.order, f: binding.filterHash, k: storableKey(keyset.key), i: keyset.id };
  const payload: CursorPayload = { ...body, s: checksum(body) };
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

function invalid(cursor: string, why: string): Error {
  return badInput(`Invalid cursor ${JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor)}: ${why}`, { cursor });
}

function parsePayload(cursor: string): Record<string, unknown> {
  if (cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid(cursor, 'not a cursor of this connection');
  }
  const bytes = Buffer.from(cursor, 'base64url');
  if (bytes.toString('base64url') !== cursor) throw invalid(cursor, 'not a cursor of this connection');
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw invalid(cursor, 'not a cursor of this connection');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw invalid(cursor, 'not a cursor of this connection');
  return parsed as Record<string, unknown>;
}

function isKeyOfKind(key: unknown, kind: KeyKind): key is SortValue {
  if (key === null) return true;
  return kind === 'string' ? typeof key === 'string' : typeof key === 'number' && Number.isFinite(key);
}

/** The keyset a cursor resumes after; throws `BAD_USER_INPUT` unless it was made for `binding`. */
export function decodeCursor(cursor: string, binding: CursorBinding, keyKind: KeyKind): Keyset {
  const p = parsePayload(cursor);
  const keys = Object.keys(p).sort().join(',');
  if (keys !== 'f,i,k,o,s,v') throw invalid(cursor, 'not a cursor of this connection');
  if (p.v !== CURSOR_VERSION) throw invalid(cursor, `unsupported cursor version ${JSON.stringify(p.v)}`);
  const { o, f, k, i, s } = p;
  if (typeof o !== 'string' || typeof f !== 'string' || typeof i !== 'string' || typeof s !== 'string' || i.length === 0) {
    throw invalid(cursor, 'not a cursor of this connection');
  }
  if (!isKeyOfKind(k, keyKind)) throw invalid(cursor, 'not a cursor of this connection');
  if (s !== checksum({ v: CURSOR_VERSION, o, f, k, i })) throw invalid(cursor, 'the cursor was altered');
  if (o !== binding.order) throw invalid(cursor, `it was made for ${o}, not ${binding.order}`);
  if (f !== binding.filterHash) throw invalid(cursor, 'it was made for a different filter');
  return { key: k, id: i };
}
