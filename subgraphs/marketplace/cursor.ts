/**
 * The marketplace subgraph's connection cursors: opaque to clients, and short
 * because a merged page carries one per row from every cooperative. A cursor
 * is an 11-character tag followed by the base64url JSON `[sortKey, localId]`
 * of the row; the tag is a 64-bit checksum of the version, the connection's
 * order, a short hash of its filter and the keyset, so an edited cursor, or
 * one made for another order or filter, is refused. It guards against
 * mistakes, not forgery (a client may start a page anywhere it likes), so it
 * is a fast non-cryptographic hash: a page carries a cursor per row. `decodeCursor` validates all of it;
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
/** base64url characters of the tag (64 bits). */
const TAG_LENGTH = 11;
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

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

/** The filter hash of no filter (`null` or absent, the common case), hashed once; `{}` hashes the same. */
let noFilterHash: string | undefined;

/** A short hash of a filter as the client gave it (absent members and nulls are the same filter). */
export function filterHash(filter: unknown): string {
  if (filter === null || filter === undefined) return (noFilterHash ??= shortHash('{}', 12));
  return shortHash(JSON.stringify(canonical(filter)), 12);
}

/**
 * The two checksum lanes after a text. A binding's lanes are computed once, so
 * every cursor of a page hashes only its own keyset: the same tag as hashing
 * the whole `version, order, filter, keyset` text, without building it.
 */
type Lanes = readonly [a: number, b: number];

const SEED: Lanes = [0x811c9dc5, 0x050c5d1f];

/** Two 32-bit FNV-1a lanes with different primes, continued over `text`. */
function feed([a, b]: Lanes, text: string): Lanes {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  return [a, b];
}

/** The lanes, each finished with murmur3's fmix32, as 11 base64url characters. */
function finish([a, b]: Lanes): string {
  a = fmix32(a);
  b = fmix32(b ^ a);
  let out = '';
  for (let j = 0; j < 5; j++) out += BASE64URL[(a >>> (6 * j)) & 63] + BASE64URL[(b >>> (6 * j)) & 63];
  return out + BASE64URL[((a >>> 30) << 2) | (b >>> 30)];
}

/** A 64-bit non-cryptographic checksum of a text as 11 base64url characters. */
export function checksum64(text: string): string {
  return finish(feed(SEED, text));
}

function fmix32(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The lanes after a binding's part of the tagged text (`version \0 order \0 filterHash \0`). */
function bindingLanes(binding: CursorBinding): Lanes {
  return feed(SEED, `${CURSOR_VERSION}\u0000${binding.order}\u0000${binding.filterHash}\u0000`);
}

/** Sort keys as stored: non-finite numbers (an unparsable date) become null. */
function storableKey(key: SortValue): SortValue {
  return typeof key === 'number' && !Number.isFinite(key) ? null : key;
}

/** Encodes the cursors of one binding (a page's edges), hashing the binding's part of their tags once. */
export function cursorEncoder(binding: CursorBinding): (keyset: Keyset) => string {
  const lanes = bindingLanes(binding);
  return (keyset) => {
    const json = JSON.stringify([storableKey(keyset.key), keyset.id]);
    return finish(feed(lanes, json)) + Buffer.from(json, 'utf8').toString('base64url');
  };
}

export function encodeCursor(keyset: Keyset, binding: CursorBinding): string {
  return cursorEncoder(binding)(keyset);
}

function invalid(cursor: string, why: string): Error {
  return badInput(`Invalid cursor ${JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor)}: ${why}`, { cursor });
}

/** The `[key, id]` a well-formed cursor carries and its JSON text (not yet checked against the tag). */
function parseKeyset(cursor: string): { key: unknown; id: unknown; json: string } {
  const notOurs = () => invalid(cursor, 'not a cursor of this connection');
  if (cursor.length <= TAG_LENGTH || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw notOurs();
  const body = cursor.slice(TAG_LENGTH);
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.toString('base64url') !== body) throw notOurs();
  const json = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw notOurs();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw notOurs();
  return { key: parsed[0], id: parsed[1], json };
}

function isKeyOfKind(key: unknown, kind: KeyKind): key is SortValue {
  if (key === null) return true;
  return kind === 'string' ? typeof key === 'string' : typeof key === 'number' && Number.isFinite(key);
}

/** The keyset a cursor resumes after; throws `BAD_USER_INPUT` unless it was made for `binding`. */
export function decodeCursor(cursor: string, binding: CursorBinding, keyKind: KeyKind): Keyset {
  const { key, id, json } = parseKeyset(cursor);
  if (typeof id !== 'string' || id.length === 0 || !isKeyOfKind(key, keyKind)) throw invalid(cursor, 'not a cursor of this connection');
  if (cursor.slice(0, TAG_LENGTH) !== finish(feed(bindingLanes(binding), json))) {
    throw invalid(cursor, `it was altered, or made for another order or filter than ${binding.order} with this filter`);
  }
  return { key, id };
}
