import { badInput } from './errors';

/** `<cooperativeId>:<localId>` (DESIGN.md §3 "Global ids"). */
export interface GlobalId {
  cooperativeId: string;
  localId: string;
}

export const COOPERATIVE_ID_PATTERN = /^[a-z][a-z0-9-]{1,31}$/;

export function isCooperativeId(value: string): boolean {
  return COOPERATIVE_ID_PATTERN.test(value);
}

/** Parses a global id, or returns null when it is malformed. Splits at the first `:`. */
export function tryParseGlobalId(id: string): GlobalId | null {
  if (typeof id !== 'string') return null;
  const colon = id.indexOf(':');
  if (colon < 0) return null;
  const cooperativeId = id.slice(0, colon);
  const localId = id.slice(colon + 1);
  if (!isCooperativeId(cooperativeId) || localId.length === 0) return null;
  return { cooperativeId, localId };
}

/** Parses a global id; a malformed one is a `BAD_USER_INPUT` error naming it. */
export function parseGlobalId(id: string): GlobalId {
  const parsed = tryParseGlobalId(id);
  if (!parsed) {
    throw badInput(`Malformed id ${JSON.stringify(id)}: expected "<cooperativeId>:<localId>"`, { id });
  }
  return parsed;
}

export function formatGlobalId(cooperativeId: string, localId: string): string {
  return `${cooperativeId}:${localId}`;
}

/** Validates a `cooperatives:` argument entry: malformed → BAD_USER_INPUT. */
export function assertCooperativeId(id: string): string {
  if (!isCooperativeId(id)) {
    throw badInput(`Malformed cooperative id ${JSON.stringify(id)}: expected [a-z][a-z0-9-]{1,31}`, { cooperativeId: id });
  }
  return id;
}
