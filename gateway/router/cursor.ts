/**
 * The composite cursor of a merged connection: each cooperative's own opaque
 * cursor (its resume position), bound to the query it came from (filter,
 * order, `cooperatives:`) and signed, so a forged, truncated or foreign cursor
 * is refused instead of giving a wrong page.
 *
 * Format: `v1.<base64url(deflate-raw(JSON payload))>.<base64url(HMAC-SHA256 truncated to 16 bytes)>`.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { constants as zlibConstants, deflateRawSync, inflateRawSync } from 'node:zlib';
import { badInput } from '../../core/errors';

export const CURSOR_VERSION = 'v1';

/** Every edge of every page gets a cursor: the fastest level takes half the time of the default for ~2 % more bytes. */
const DEFLATE = { level: zlibConstants.Z_BEST_SPEED };

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
    return this.pageEncoder(cursor.binding, cursor.positions)({});
  }

  /**
   * Encodes the cursors of one page's edges, which share most positions (every
   * cooperative that gave the page no row keeps its start): the shared part is
   * serialized and compressed once, and each cursor adds only its own positions,
   * whose keys must not be in `shared`. Deflated, because ~200 cooperatives'
   * cursors share most of their bytes, which keeps a cursor a few KB.
   *
   * The shared part is a raw deflate stream flushed to a byte boundary
   * (Z_SYNC_FLUSH, no final block); an independent stream appended to it
   * inflates as the rest of the same payload. So page 10 of a 200-cooperative
   * network costs one deflate of ~200 positions plus one of ≤ `first` per edge,
   * instead of ~200 per edge.
   */
  pageEncoder(binding: string, shared: Positions): (own: Positions) => string {
    const sharedEntries = entriesJson(shared);
    let head: Buffer | undefined;
    return (own) => {
      head ??= deflateRawSync(Buffer.from(`{"b":${JSON.stringify(binding)},"p":{${sharedEntries}`, 'utf8'), { ...DEFLATE, finishFlush: zlibConstants.Z_SYNC_FLUSH });
      const ownEntries = entriesJson(own);
      const tail = deflateRawSync(Buffer.from(`${sharedEntries && ownEntries ? ',' : ''}${ownEntries}}}`, 'utf8'), DEFLATE);
      const payload = Buffer.concat([head, tail]).toString('base64url');
      return `${CURSOR_VERSION}.${payload}.${this.sign(payload)}`;
    };
  }

  /** Decodes and checks a cursor against the expected binding; any problem is BAD_USER_INPUT. */
  decode(text: string, expectedBinding: string): CompositeCursor {
    const parts = typeof text === 'string' ? text.split('.') : [];
    if (parts.length !== 3 || parts[0] !== CURSOR_VERSION) throw invalid('unknown format or version');
    const [, payload, signature] = parts;
    if (!this.verify(payload, signature)) throw invalid('signature does not match');
    let parsed: { b?: unknown; p?: unknown };
    try {
      parsed = JSON.parse(inflateRawSync(Buffer.from(payload, 'base64url'), { maxOutputLength: MAX_PAYLOAD_BYTES }).toString('utf8'));
    } catch {
      throw invalid('unreadable payload');
    }
    if (parsed.b !== expectedBinding) throw invalid('it belongs to a different filter, order or cooperatives list');
    if (!isPositions(parsed.p)) throw invalid('bad positions');
    return { binding: parsed.b, positions: parsed.p };
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest().subarray(0, 16).toString('base64url');
  }

  private verify(payload: string, signature: string): boolean {
    const expected = Buffer.from(this.sign(payload));
    const given = Buffer.from(signature);
    return expected.length === given.length && timingSafeEqual(expected, given);
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
