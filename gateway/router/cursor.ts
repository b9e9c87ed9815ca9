/**
 * The composite cursor of a merged connection: each cooperative's own opaque
 * cursor (its resume position), bound to the query it came from (filter,
 * order, `cooperatives:`) and signed, so a forged, truncated or foreign cursor
 * is refused instead of giving a wrong page.
 *
 * Format: `v3.<base64url(deflate-raw(JSON payload))>.<base64url(HMAC-SHA256 truncated to 16 bytes)>`,
 * payload `{"b": binding, "p": start, "s": steps, "n": count}`: the page's
 * start positions, then the first `count` of its steps (`[cooperativeId,
 * cursor]`, one per edge, in page order) on top. Every edge cursor of a page
 * carries the same start and steps and differs only in its count, so they
 * are compressed and hashed once per page, not once per edge.
 *
 * Older versions clients may still hold decode too: version 2 (`{"b", "p",
 * "m"}`, `m`'s positions on top of `p`) and version 1 (`{"b", "p"}`). Each
 * change of payload changed the version, so that a gateway instance still on
 * the older one (a rolling upgrade behind one load balancer) refuses a newer
 * cursor instead of reading `p` alone and serving a page again.
 */
import { createHash, createHmac, timingSafeEqual, type Hash } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { badInput } from '../../core/errors';

export const CURSOR_VERSION = 'v3';
/** Earlier versions, still decoded: positions in `p` with `m`'s on top (v2), in `p` only (v1). */
const MOVED_CURSOR_VERSION = 'v2';
const START_CURSOR_VERSION = 'v1';

/**
 * A page's start and its steps are each deflated once for all its edges, so
 * they take the default level (on page 10 of 200 cooperatives, 11 % fewer
 * bytes in each of 20 edge cursors than the fastest level, for ~10 µs more
 * once per page). Each is flushed to a byte boundary (Z_SYNC_FLUSH, no final
 * block): an independent stream appended to it inflates as the rest of the
 * same payload.
 */
const SEGMENT_DEFLATE = { level: zlibConstants.Z_DEFAULT_COMPRESSION, finishFlush: zlibConstants.Z_SYNC_FLUSH };

/** A signed cursor never inflates beyond this (a bound even for a huge network). */
const MAX_PAYLOAD_BYTES = 4 << 20;

/** cooperativeId → that cooperative's cursor (absent: from the start). */
export type Positions = Readonly<Record<string, string>>;

/** One edge's move: the cooperative its row came from and that row's cursor. */
export type Step = readonly [cooperativeId: string, cursor: string];

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
    return this.pageCursors(cursor.binding, cursor.positions).edges([])(0);
  }

  /**
   * The cursors of one page's edges: edge k resumes from the page's start
   * positions with the first k steps on top. The start (up to ~200
   * cooperatives' cursors on a later page) is serialized and compressed once
   * per page, and can be, with `prepare`, while the cooperatives are still
   * answering; the page's steps (≤ `first`) once the page is merged; each
   * edge then adds only its count, stored uncompressed, and the hash of its
   * last few bytes. Deflated, because ~200 cooperatives' cursors share most
   * of their bytes, which keeps a cursor a few KB.
   */
  pageCursors(binding: string, start: Positions): PageCursors {
    let startBytes: Buffer | undefined;
    const head = () => (startBytes ??= deflateRawSync(Buffer.from(`{"b":${JSON.stringify(binding)},"p":${JSON.stringify(start)},"s":[`, 'utf8'), SEGMENT_DEFLATE));
    return {
      prepare: () => void head(),
      edges: (steps) => {
        let page: PageHead | undefined;
        const shared = () => (page ??= this.pageHead(Buffer.concat([head(), deflateRawSync(Buffer.from(`${JSON.stringify(steps).slice(1, -1)}],"n":`, 'utf8'), SEGMENT_DEFLATE)])));
        return (count) => {
          if (!Number.isInteger(count) || count < 0 || count > steps.length) throw new RangeError(`edge count ${count} outside 0..${steps.length}`);
          const { prefix, rest, hmac } = shared();
          const text = Buffer.concat([rest, finalStoredBlock(`${count}}`)]).toString('base64url');
          return `${CURSOR_VERSION}.${prefix}${text}.${truncatedSignature(hmac(text))}`;
        };
      },
    };
  }

  /**
   * A page's shared bytes, split where their base64url text stops depending
   * on what follows (a multiple of 3 bytes): that much is encoded and hashed
   * once per page, and each edge encodes and hashes only the rest and its
   * own count. On page 10 of 200 cooperatives that is ~3.5 KB of text, which
   * every edge would otherwise encode and hash again. A short one (page 1's)
   * is hashed with each edge: copying hash states costs more than hashing a
   * few hundred bytes.
   */
  private pageHead(bytes: Buffer): PageHead {
    const whole = bytes.length - (bytes.length % 3);
    const prefix = bytes.subarray(0, whole).toString('base64url');
    return { prefix, rest: bytes.subarray(whole), hmac: this.hmacAfter(prefix) };
  }

  private hmacAfter(prefix: string): (rest: string) => Buffer {
    if (prefix.length < PREFIX_HMAC_MIN_CHARS) return (rest) => createHmac('sha256', this.key).update(prefix).update(rest).digest();
    const hmac = new PrefixHmac(this.key, prefix);
    return (rest) => hmac.digest(rest);
  }

  /** Decodes and checks a cursor against the expected binding; any problem is BAD_USER_INPUT. */
  decode(text: string, expectedBinding: string): CompositeCursor {
    const parts = typeof text === 'string' ? text.split('.') : [];
    if (parts.length !== 3 || !READABLE_VERSIONS.has(parts[0])) throw invalid('unknown format or version');
    const [version, payload, signature] = parts;
    if (!this.verify(payload, signature)) throw invalid('signature does not match');
    let parsed: Payload;
    try {
      parsed = JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8'));
    } catch {
      throw invalid('unreadable payload');
    }
    if (parsed === null || typeof parsed !== 'object' || parsed.b !== expectedBinding) throw invalid('it belongs to a different filter, order or cooperatives list');
    // The signature covers the payload, not the version: a payload under another version's label is refused.
    const positions = positionsOf(version, parsed);
    if (!positions) throw invalid('bad positions');
    return { binding: expectedBinding, positions };
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
  /** Builds the start every edge shares now (e.g. during the wait for answers) instead of at the first cursor. */
  prepare(): void;
  /** For a page whose edges moved `steps` in order: the cursor after its first `count` edges (0: at its start). */
  edges(steps: readonly Step[]): (count: number) => string;
}

const READABLE_VERSIONS = new Set([CURSOR_VERSION, MOVED_CURSOR_VERSION, START_CURSOR_VERSION]);

/** A decoded payload as signed; any member may be anything until checked. */
interface Payload {
  b?: unknown;
  p?: unknown;
  m?: unknown;
  s?: unknown;
  n?: unknown;
}

/** The positions a payload of `version` stands for, or null unless it is exactly that version's shape. */
function positionsOf(version: string, parsed: Payload): Positions | null {
  if (!isPositions(parsed.p)) return null;
  if (version === CURSOR_VERSION) {
    const { s, n } = parsed;
    if (parsed.m !== undefined || !isSteps(s) || !Number.isInteger(n) || (n as number) < 0 || (n as number) > s.length) return null;
    // fromEntries defines each id as an own property, whatever its name; later steps win.
    return Object.fromEntries([...Object.entries(parsed.p), ...s.slice(0, n as number)]);
  }
  if (parsed.s !== undefined || parsed.n !== undefined) return null;
  if (version === MOVED_CURSOR_VERSION) return isPositions(parsed.m) ? { ...parsed.p, ...parsed.m } : null;
  return parsed.m === undefined ? parsed.p : null;
}

function isSteps(value: unknown): value is Step[] {
  return Array.isArray(value) && value.every((step) => Array.isArray(step) && step.length === 2 && typeof step[0] === 'string' && typeof step[1] === 'string');
}

/**
 * A final stored (uncompressed) deflate block holding `text` (ASCII, < 64 KB):
 * a byte with BFINAL=1 and BTYPE=00, the length and its complement (RFC 1951
 * §3.2.4). It follows a segment flushed to a byte boundary. An edge's count is
 * a few bytes, which a deflate call of its own (~20 µs) would not shorten.
 */
function finalStoredBlock(text: string): Buffer {
  const block = Buffer.allocUnsafe(5 + text.length);
  block[0] = 0x01;
  block.writeUInt16LE(text.length, 1);
  block.writeUInt16LE(~text.length & 0xffff, 3);
  block.write(text, 5, 'latin1');
  return block;
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
