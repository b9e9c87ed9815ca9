/**
 * The composite cursor of a merged connection: each cooperative's own opaque
 * cursor (its resume position), bound to the query it came from (filter,
 * order, `cooperatives:`) and signed, so a forged, truncated or foreign cursor
 * is refused instead of giving a wrong page.
 *
 * Format: `v2.<base64url(deflate-raw(JSON payload))>.<base64url(HMAC-SHA256 truncated to 16 bytes)>`,
 * payload `{"b": binding, "p": positions, "m": moved}`: the positions are
 * `p` with `m`'s on top. Version 1 cursors (payload `{"b", "p"}`), which
 * clients may still hold, decode too. The version changed with `m` so that a
 * gateway instance still on version 1 (a rolling upgrade behind one load
 * balancer) refuses a version 2 cursor instead of reading `p` alone and
 * serving a page again.
 */
import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { badInput } from '../../core/errors';

export const CURSOR_VERSION = 'v2';
/** The version before, still decoded: positions in `p` only. */
const LEGACY_CURSOR_VERSION = 'v1';

/** Every edge of every page gets a cursor: the fastest level takes half the time of the default for ~2 % more bytes. */
const DEFLATE = { level: zlibConstants.Z_BEST_SPEED };
/**
 * A page's shared head is deflated once for all its edges, so it takes the
 * default level: on page 10 of 200 cooperatives, 11 % fewer bytes in each of
 * 20 edge cursors (1,608 → 1,432 deflated) for ~10 µs more, once per page.
 */
const HEAD_DEFLATE = { level: zlibConstants.Z_DEFAULT_COMPRESSION, finishFlush: zlibConstants.Z_SYNC_FLUSH };

/** A signed cursor never inflates beyond this (a bound even for a huge network). */
const MAX_PAYLOAD_BYTES = 4 << 20;

/** cooperativeId → that cooperative's cursor (absent: from the start). */
export type Positions = Readonly<Record<string, string>>;

export interface CompositeCursor {
  /** Binding: hash of the field and its arguments other than first/after. */
  binding: string;
  positions: Positions;
}

/** A stable JSON (sorted keys) so equal arguments hash equally. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableStringify(v)}`).join(',')}}`;
}

/** What a cursor is bound to: the field and every argument but `first` and `after`. */
export function bindingOf(fieldName: string, args: Record<string, unknown>): string {
  const { first: _first, after: _after, cooperatives, ...rest } = args;
  const scope = Array.isArray(cooperatives) ? [...new Set(cooperatives.map(String))].sort() : null;
  return createHash('sha256').update(stableStringify({ f: fieldName, a: rest, c: scope })).digest('base64url').slice(0, 16);
}

export class CursorCodec {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  encode(cursor: CompositeCursor): string {
    return this.pageCursors(cursor.binding, cursor.positions).at({});
  }

  /**
   * The cursors of one page's edges: every edge resumes from the page's start
   * positions with those of the cooperatives it moved on top. The start (up to
   * ~200 cooperatives' cursors on a later page) is serialized, compressed and
   * hashed once per page, and can be, with `prepare`, while the cooperatives
   * are still answering; each edge then adds only the positions it moved (≤
   * `first`), as page 1's edges do. Deflated, because ~200 cooperatives'
   * cursors share most of their bytes, which keeps a cursor a few KB.
   *
   * The shared head is a raw deflate stream flushed to a byte boundary
   * (Z_SYNC_FLUSH, no final block); an independent stream appended to it
   * inflates as the rest of the same payload.
   */
  pageCursors(binding: string, start: Positions): PageCursors {
    let page: PageHead | undefined;
    const head = () => (page ??= this.pageHead(`{"b":${JSON.stringify(binding)},"p":${JSON.stringify(start)},"m":{`));
    return {
      prepare: () => void head(),
      at: (moved) => {
        const { prefix, rest, hmac } = head();
        const tail = deflateRawSync(Buffer.from(`${entriesJson(moved)}}}`, 'utf8'), DEFLATE);
        const text = Buffer.concat([rest, tail]).toString('base64url');
        return `${CURSOR_VERSION}.${prefix}${text}.${truncatedSignature(hmac(text))}`;
      },
    };
  }

  /**
   * A page's shared head, split where its base64url text stops depending on
   * what follows (a multiple of 3 bytes): that much is encoded and hashed once
   * per page, and each edge encodes and hashes only the rest and its own tail.
   * On page 10 of 200 cooperatives the head is ~3.2 KB of text, which every
   * edge would otherwise encode and hash again. A short head (page 1's) is
   * hashed with each edge: copying hash states costs more than hashing a few
   * hundred bytes.
   */
  private pageHead(json: string): PageHead {
    const head = deflateRawSync(Buffer.from(json, 'utf8'), HEAD_DEFLATE);
    const whole = head.length - (head.length % 3);
    const prefix = head.subarray(0, whole).toString('base64url');
    return { prefix, rest: head.subarray(whole), hmac: this.hmacAfter(prefix) };
  }

  private hmacAfter(prefix: string): (rest: string) => Buffer {
    if (prefix.length < PREFIX_HMAC_MIN_CHARS) return (rest) => createHmac('sha256', this.key).update(prefix).update(rest).digest();
    const hmac = new PrefixHmac(this.key, prefix);
    return (rest) => hmac.digest(rest);
  }

  /** Decodes and checks a cursor against the expected binding; any problem is BAD_USER_INPUT. */
  decode(text: string, expectedBinding: string): CompositeCursor {
    const parts = typeof text === 'string' ? text.split('.') : [];
    if (parts.length !== 3 || (parts[0] !== CURSOR_VERSION && parts[0] !== LEGACY_CURSOR_VERSION)) throw invalid('unknown format or version');
    const [version, payload, signature] = parts;
    if (!this.verify(payload, signature)) throw invalid('signature does not match');
    let parsed: { b?: unknown; p?: unknown; m?: unknown };
    try {
      parsed = JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8'));
    } catch {
      throw invalid('unreadable payload');
    }
    if (parsed.b !== expectedBinding) throw invalid('it belongs to a different filter, order or cooperatives list');
    // The signature covers the payload, not the version: a version 1 label on a payload with moved positions is refused.
    const movedOk = version === CURSOR_VERSION ? isPositions(parsed.m) : parsed.m === undefined;
    if (!isPositions(parsed.p) || !movedOk) throw invalid('bad positions');
    return { binding: parsed.b, positions: parsed.m ? { ...parsed.p, ...parsed.m } : parsed.p };
  }

  private sign(payload: string): string {
    return truncatedSignature(createHmac('sha256', this.key).update(payload).digest());
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }
}

/** The cursors of one page's edges (`CursorCodec.pageCursors`). */
export interface PageCursors {
  /** Builds the part every edge shares now (e.g. during the wait for answers) instead of at the first cursor. */
  prepare(): void;
  /** The cursor at the page's start with `moved`'s positions on top. */
  at(moved: Positions): string;
}

/** A page's shared head: its base64url text up to the last whole 3 bytes, the bytes after them, and the HMAC of the head's text followed by a rest. */
interface PageHead {
  prefix: string;
  rest: Buffer;
  hmac(rest: string): Buffer;
}

/** From this length of shared text on, hashing it once and copying the state beats hashing it per edge (measured: ~256). */
const PREFIX_HMAC_MIN_CHARS = 512;

/** The cursor's signature: the HMAC's first 16 bytes. */
function truncatedSignature(hmac: Buffer): string {
  return hmac.subarray(0, 16).toString('base64url');
}

/** SHA-256's block size: HMAC pads or hashes its key to this length (RFC 2104). */
const SHA256_BLOCK_BYTES = 64;

/**
 * HMAC-SHA256 of texts that all start with one prefix, hashing the prefix
 * once: HMAC(K, m) = H((K ⊕ opad) ‖ H((K ⊕ ipad) ‖ m)) (RFC 2104), with the
 * inner hash's state after `K ⊕ ipad ‖ prefix` and the outer one's after
 * `K ⊕ opad` kept and copied for each text. The same bytes as
 * `createHmac('sha256', key).update(prefix + rest).digest()`.
 */
export class PrefixHmac {
  private readonly inner: Hash;
  private readonly outer: Hash;

  constructor(key: Buffer, prefix: string) {
    const block = Buffer.alloc(SHA256_BLOCK_BYTES);
    (key.length > SHA256_BLOCK_BYTES ? createHash('sha256').update(key).digest() : key).copy(block);
    this.inner = createHash('sha256').update(block.map((b) => b ^ 0x36)).update(prefix);
    this.outer = createHash('sha256').update(block.map((b) => b ^ 0x5c));
  }

  /** HMAC of `prefix + rest`. */
  digest(rest: string): Buffer {
    return this.outer.copy().update(this.inner.copy().update(rest).digest()).digest();
  }
}

/** `"k":"v",…` of a positions object: its JSON without the braces. */
function entriesJson(positions: Positions): string {
  return JSON.stringify(positions).slice(1, -1);
}

function isPositions(value: unknown): value is Positions {
  return (
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    Object.values(value as Record<string, unknown>).every((v) => typeof v === 'string')
  );
}

function invalid(why: string) {
  return badInput(`Invalid cursor: ${why}`);
}
