/**
 * The marketplace subgraph's connection cursors: opaque to clients, and short
 * because a merged page carries one per row from every cooperative. A cursor
 * is an 11-character tag followed by the base64url JSON `[sortKey, localId]`
 * of the row; the tag is a hash of the version, the connection's order, a
 * short hash of its filter and the keyset, so an edited cursor, or one made
 * for another order or filter, is refused. `decodeCursor` validates all of it;
 * any mismatch or garbage is `BAD_USER_INPUT`.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../core/errors';
import type { SortValue } from '../../core/order';
import type { Keyset } from './port';

export const CURSOR_VERSION = 2;

/** What a cursor is bound to: the connection and order (`products:PRICE:DESC`) and the filter's hash. */
export interface CursorBinding {
  order: string;
  filterHash: string;
}

/** The type every sort key of an order has (null aside). */
export type KeyKind = 'string' | 'number';

const MAX_CURSOR_LENGTH = 4096;
/** base64url characters of the tag: 66 bits of SHA-256. */
const TAG_LENGTH = 11;

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

function tagOf(binding: CursorBinding, key: SortValue, id: string): string {
  return shortHash(JSON.stringify([CURSOR_VERSION, binding.order, binding.filterHash, key, id]), TAG_LENGTH);
}

/** Sort keys as stored: non-finite numbers (an unparsable date) become null. */
function storableKey(key: SortValue): SortValue {
  return typeof key === 'number' && !Number.isFinite(key) ? null : key;
}

export function encodeCursor(keyset: Keyset, binding: CursorBinding): string {
  const key = storableKey(keyset.key);
  return tagOf(binding, key, keyset.id) + Buffer.from(JSON.stringify([key, keyset.id]), 'utf8').toString('base64url');
}

function invalid(cursor: string, why: string): Error {
  return badInput(`Invalid cursor ${JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor)}: ${why}`, { cursor });
}

/** The `[key, id]` a well-formed cursor carries (not yet checked against its tag). */
function parseKeyset(cursor: string): [unknown, unknown] {
  const notOurs = () => invalid(cursor, 'not a cursor of this connection');
  if (cursor.length <= TAG_LENGTH || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw notOurs();
  const body = cursor.slice(TAG_LENGTH);
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.toString('base64url') !== body) throw notOurs();
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw notOurs();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw notOurs();
  return [parsed[0], parsed[1]];
}

function isKeyOfKind(key: unknown, kind: KeyKind): key is SortValue {
  if (key === null) return true;
  return kind === 'string' ? typeof key === 'string' : typeof key === 'number' && Number.isFinite(key);
}

/** The keyset a cursor resumes after; throws `BAD_USER_INPUT` unless it was made for `binding`. */
export function decodeCursor(cursor: string, binding: CursorBinding, keyKind: KeyKind): Keyset {
  const [key, id] = parseKeyset(cursor);
  if (typeof id !== 'string' || id.length === 0 || !isKeyOfKind(key, keyKind)) throw invalid(cursor, 'not a cursor of this connection');
  if (cursor.slice(0, TAG_LENGTH) !== tagOf(binding, key, id)) {
    throw invalid(cursor, `it was altered, or made for another order or filter than ${binding.order} with this filter`);
  }
  return { key, id };
}
