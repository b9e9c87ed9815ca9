/**
 * The marketplace subgraph's connection cursors: opaque to clients, and short
 * because a merged page carries one per row from every cooperative, and the
 * gateway's composite cursor carries one per cooperative (~120 on page 10 of
 * a 200-cooperative network), in every edge's cursor.
 *
 * Version 3: an 11-character tag, a 3-character check, then the base64url
 * JSON `[sortKey, localId]` of the row.
 * - The tag is a 64-bit checksum of the version, the connection's order and a
 *   short hash of its filter: a cursor made for another order or filter is
 *   refused. It is the same for every cursor of a binding, so it costs a
 *   composite cursor almost nothing once deflated.
 * - The check is a CRC-16 of the keyset's bytes: any single changed character
 *   (any error burst up to 16 bits) is refused, not silently read as another
 *   position. It guards against mistakes, not forgery (a client may start a
 *   page anywhere it likes; the gateway signs its composite cursors).
 * Version 2 tagged each keyset with a 64-bit checksum over binding and keyset:
 * 8 random bytes per cursor, half of a page-10 composite cursor's compressed
 * bytes. Version 2 cursors still decode (clients hold them inside composite
 * cursors): a cursor whose first 11 characters are not the version 3 tag of
 * its binding is read as version 2.
 *
 * `decodeCursor` validates all of it; any mismatch or garbage is `BAD_USER_INPUT`.
 */
import { createHash } from 'node:crypto';
import { badInput } from '../../core/errors';
import type { SortValue } from '../../core/order';
import type { Keyset } from './port';

export const CURSOR_VERSION = 3;
/** The version before, still decoded. */
const LEGACY_VERSION = 2;

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
/** base64url characters of the keyset's check (16 bits). */
const CHECK_LENGTH = 3;
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
 * The two checksum lanes after a text. A version 2 tag continues a binding's
 * lanes over the keyset: the same tag as hashing the whole `version, order,
 * filter, keyset` text, without building it.
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

/** The lanes after a binding's part of a tagged text (`version \0 order \0 filterHash \0`). */
function bindingLanes(binding: CursorBinding, version: number): Lanes {
  return feed(SEED, `${version}\u0000${binding.order}\u0000${binding.filterHash}\u0000`);
}

/** The tag every version 3 cursor of a binding starts with. */
function bindingTag(binding: CursorBinding): string {
  return finish(bindingLanes(binding, CURSOR_VERSION));
}

/** CRC-16/CCITT-FALSE's table (polynomial 0x1021). */
const CRC16_TABLE = Uint16Array.from({ length: 256 }, (_, n) => {
  let c = n << 8;
  for (let k = 0; k < 8; k++) c = c & 0x8000 ? (c << 1) ^ 0x1021 : c << 1;
  return c & 0xffff;
});

/**
 * CRC-16/CCITT-FALSE of some bytes (check value of `123456789`: 0x29B1). A CRC
 * of degree 16 detects every error burst of up to 16 bits, so every single
 * changed base64url character (6 bits) of a keyset.
 */
export function crc16(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (let i = 0; i < bytes.length; i++) crc = ((crc << 8) ^ CRC16_TABLE[((crc >>> 8) ^ bytes[i]) & 0xff]) & 0xffff;
  return crc;
}

/** A keyset's check: its CRC-16 as 3 base64url characters. */
function keysetCheck(bytes: Uint8Array): string {
  const crc = crc16(bytes);
  return BASE64URL[crc >>> 12] + BASE64URL[(crc >>> 6) & 63] + BASE64URL[crc & 63];
}

/** Sort keys as stored: non-finite numbers (an unparsable date) become null. */
function storableKey(key: SortValue): SortValue {
  return typeof key === 'number' && !Number.isFinite(key) ? null : key;
}

/**
 * Where a keyset's UTF-8 bytes are written while its cursor is encoded:
 * encoding is synchronous, so one buffer serves every call, and a page's
 * cursors (every answer to the gateway carries ~20) allocate no Buffer each.
 * A UTF-8 text takes at most 3 bytes per UTF-16 unit; longer keysets get a
 * Buffer of their own.
 */
const scratch = Buffer.allocUnsafe(1024);

/** Encodes the cursors of one binding (a page's edges), computing their shared tag once. */
export function cursorEncoder(binding: CursorBinding): (keyset: Keyset) => string {
  const tag = bindingTag(binding);
  return (keyset) => {
    const text = JSON.stringify([storableKey(keyset.key), keyset.id]);
    if (text.length * 3 > scratch.length) {
      const bytes = Buffer.from(text, 'utf8');
      return tag + keysetCheck(bytes) + bytes.toString('base64url');
    }
    const length = scratch.write(text, 0, 'utf8');
    return tag + keysetCheck(scratch.subarray(0, length)) + scratch.toString('base64url', 0, length);
  };
}

export function encodeCursor(keyset: Keyset, binding: CursorBinding): string {
  return cursorEncoder(binding)(keyset);
}

function invalid(cursor: string, why: string): Error {
  return badInput(`Invalid cursor ${JSON.stringify(cursor.length > 80 ? `${cursor.slice(0, 80)}…` : cursor)}: ${why}`, { cursor });
}

/** The `[key, id]` of a keyset's base64url JSON text, or null unless it is one. */
function readKeyset(body: string): { key: unknown; id: unknown; bytes: Buffer } | null {
  const bytes = Buffer.from(body, 'base64url');
  if (bytes.length === 0 || bytes.toString('base64url') !== body) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8'));
  } catch {
    return null;
  }
  return Array.isArray(parsed) && parsed.length === 2 ? { key: parsed[0], id: parsed[1], bytes } : null;
}

function isKeyOfKind(key: unknown, kind: KeyKind): key is SortValue {
  if (key === null) return true;
  return kind === 'string' ? typeof key === 'string' : typeof key === 'number' && Number.isFinite(key);
}

/** The keyset a cursor resumes after; throws `BAD_USER_INPUT` unless it was made for `binding`. */
export function decodeCursor(cursor: string, binding: CursorBinding, keyKind: KeyKind): Keyset {
  const notOurs = () => invalid(cursor, 'not a cursor of this connection');
  const altered = () => invalid(cursor, `it was altered, or made for another order or filter than ${binding.order} with this filter`);
  if (cursor.length <= TAG_LENGTH || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw notOurs();
  const current = cursor.startsWith(bindingTag(binding));
  const read = readKeyset(cursor.slice(current ? TAG_LENGTH + CHECK_LENGTH : TAG_LENGTH));
  if (!read) {
    // Not version 2 either: a version 3 cursor of another order or filter (or with an edited tag) says so.
    if (!current && readKeyset(cursor.slice(TAG_LENGTH + CHECK_LENGTH))) throw altered();
    throw notOurs();
  }
  const { key, id, bytes } = read;
  if (typeof id !== 'string' || id.length === 0 || !isKeyOfKind(key, keyKind)) throw notOurs();
  const intact = current
    ? cursor.slice(TAG_LENGTH, TAG_LENGTH + CHECK_LENGTH) === keysetCheck(bytes)
    : cursor.slice(0, TAG_LENGTH) === finish(feed(bindingLanes(binding, LEGACY_VERSION), bytes.toString('utf8')));
  if (!intact) throw altered();
  return { key, id };
}
