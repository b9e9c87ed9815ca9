/**
 * Cursor keys (network terms: NFC name, amount, epoch ms) → the legacy
 * column's terms, so the keyset predicate compares stored values directly
 * and the database can use its indexes.
 */
import { badInput } from '../../core/errors';
import { parseLegacyDate, toLegacyDate, toSeoulIso } from '../../core/domain/legacy';
import type { Keyset } from '../../subgraphs/marketplace/port';
import type { LegacyKeyset } from './paging';

function misfit(after: Keyset, expected: string): never {
  throw badInput(`Cursor key ${JSON.stringify(after.key)} is not ${expected} for this order`);
}

export function textKeyset(after: Keyset): LegacyKeyset {
  if (after.key === null) return { value: null, exact: true, id: after.id };
  if (typeof after.key !== 'string') misfit(after, 'a name');
  return { value: after.key.normalize('NFC'), exact: true, id: after.id };
}

/** Amounts are whole won; a fractional key lies between two of them. */
export function amountKeyset(after: Keyset): LegacyKeyset {
  if (after.key === null) return { value: null, exact: true, id: after.id };
  if (typeof after.key !== 'number' || !Number.isFinite(after.key)) misfit(after, 'an amount');
  return { value: Math.floor(after.key), exact: Number.isInteger(after.key), id: after.id };
}

function instantOf(after: Keyset): number {
  if (typeof after.key !== 'number' || !Number.isFinite(after.key)) misfit(after, 'an instant');
  return after.key;
}

/** Epoch ms → the `YYYYMMDD` day (Asia/Seoul) containing it; exact when it is that day's midnight. */
export function dayKeyset(after: Keyset): LegacyKeyset {
  if (after.key === null) return { value: null, exact: true, id: after.id };
  const ms = instantOf(after);
  const day = toLegacyDate(ms);
  return { value: day, exact: Date.parse(parseLegacyDate(day)!) === ms, id: after.id };
}

/** Epoch ms → `YYYYMMDDHHmmss` (Asia/Seoul) of its second; exact when it has no milliseconds. */
export function timestampKeyset(after: Keyset): LegacyKeyset {
  if (after.key === null) return { value: null, exact: true, id: after.id };
  const ms = instantOf(after);
  return { value: toLegacyTimestamp(ms), exact: ms % 1000 === 0, id: after.id };
}

/** An instant as `YYYYMMDDHHmmss` in Asia/Seoul, the second it falls in. */
export function toLegacyTimestamp(ms: number): string {
  return toSeoulIso(ms).slice(0, 19).replace(/[-T:]/g, '');
}

/** The first whole second at or after an instant (filters on second-resolution columns). */
export function ceilToSecond(ms: number): number {
  return Math.ceil(ms / 1000) * 1000;
}
