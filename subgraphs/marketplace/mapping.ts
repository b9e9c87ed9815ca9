/**
 * Between the network's terms and the adapter's: global ids
 * (`<cooperativeId>:<localId>`) and the stubs of entities other subgraphs
 * resolve (Cooperative, Classification).
 */
import { badInput } from '../../core/errors';
import { formatGlobalId, parseGlobalId } from '../../core/ids';

export interface CooperativeStub {
  id: string;
}

export interface ClassificationStub {
  code: string;
}

export function cooperativeStub(cooperativeId: string): CooperativeStub {
  return { id: cooperativeId };
}

export function classificationStub(code: string | null | undefined): ClassificationStub | null {
  return code ? { code } : null;
}

/** Global ids of one cooperative. */
export interface IdMapper {
  readonly cooperativeId: string;
  /** The global id of a local id. */
  global(localId: string): string;
  /** The local id when `id` is this cooperative's, null for another's; malformed → `BAD_USER_INPUT`. */
  ownLocalId(id: unknown): string | null;
}

export function idMapper(cooperativeId: string): IdMapper {
  return {
    cooperativeId,
    global: (localId) => formatGlobalId(cooperativeId, localId),
    ownLocalId(id) {
      if (typeof id !== 'string') throw badInput(`Malformed id ${JSON.stringify(id)}: expected "<cooperativeId>:<localId>"`, { id });
      const parsed = parseGlobalId(id);
      return parsed.cooperativeId === cooperativeId ? parsed.localId : null;
    },
  };
}
