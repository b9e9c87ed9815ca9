/**
 * The network subgraph (DESIGN.md §3 "network"): the directory of
 * cooperatives from the live registry and the UNSPSC tree. Every resolver
 * reads the registry when it runs, so a cooperative added or removed at run
 * time shows up in the next query without rebuilding the schema.
 */
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { parse, Source, type GraphQLSchema } from 'graphql';
import { isUnspscCode, type ClassificationLevel } from '../../core/domain/unspsc';
import { badInput } from '../../core/errors';
import { isCooperativeId } from '../../core/ids';
import { projectPath } from '../../core/paths';
import type { CooperativeEntry, Registry } from '../../core/registry';
import type { Classification, ClassificationStore } from './classifications';

export type CooperativeStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

export interface NetworkDeps {
  registry: Registry;
  classifications: ClassificationStore;
  /** The gateway's live view of a cooperative; without it every status is UNKNOWN. */
  statusOf?: (cooperativeId: string) => CooperativeStatus;
  /** The live registry's directory (gateway/registry): everyone registered, routed or not, with admission. */
  directory?: CooperativeDirectory;
}

export interface CooperativeAdmission {
  state: 'PENDING' | 'ADMITTED' | 'REJECTED';
  reason: string | null;
  checkedAt: string | null;
}

export type DirectoryCooperative = CooperativeEntry & { admission?: CooperativeAdmission };

/** What the directory needs from a live registry. */
export interface CooperativeDirectory {
  list(): DirectoryCooperative[];
  get(id: string): DirectoryCooperative | undefined;
  /** Also a cooperative another instance just added or removed, so references in flight resolve. */
  lookup?(id: string): Promise<DirectoryCooperative | undefined>;
}

/** Without a live registry, every cooperative of the registry is admitted. */
const ADMITTED: CooperativeAdmission = { state: 'ADMITTED', reason: null, checkedAt: null };

export const NETWORK_SCHEMA_FILE = projectPath('subgraphs', 'network', 'schema.graphql');

export function buildNetworkSchema(deps: NetworkDeps): GraphQLSchema {
  const typeDefs = parse(new Source(readFileSync(NETWORK_SCHEMA_FILE, 'utf8'), NETWORK_SCHEMA_FILE));
  return buildSubgraphSchema({ typeDefs, resolvers: networkResolvers(deps) });
}

export function networkResolvers(deps: NetworkDeps): GraphQLResolverMap<unknown> {
  return {
    Query: queryResolvers(deps),
    Cooperative: cooperativeResolvers(deps),
    Classification: classificationResolvers(deps.classifications),
  };
}

// ── Query ────────────────────────────────────────────────────────────────────

interface CooperativesArgs {
  industry?: string | null;
  region?: string | null;
  admission?: ReadonlyArray<CooperativeAdmission['state']> | null;
}

function queryResolvers({ registry, classifications, directory }: NetworkDeps) {
  return {
    cooperatives: (_: unknown, args: CooperativesArgs): DirectoryCooperative[] =>
      (directory?.list() ?? registry.list().filter((c): c is DirectoryCooperative => !c.draining))
        .filter((c) => matches(c.industry, args.industry) && matches(c.region, args.region))
        .filter((c) => args.admission == null || args.admission.includes((c.admission ?? ADMITTED).state))
        .sort((a, b) => compareIds(a.id, b.id)),
    cooperative: (_: unknown, { id }: { id: string }): DirectoryCooperative | null => {
      const wanted = cooperativeIdArg(id);
      return directory?.get(wanted) ?? registry.get(wanted) ?? null;
    },
    classification: (_: unknown, { code }: { code: string }): Classification | null => classifications.get(codeArg(code, 'code')) ?? null,
    classifications: (_: unknown, args: { parent?: string | null; level?: ClassificationLevel | null }): Classification[] =>
      classifications.list({ parent: args.parent == null ? null : codeArg(args.parent, 'parent'), level: args.level }),
  };
}

/** An absent filter matches everything; otherwise equal up to case and Unicode normalization. */
function matches(value: string | undefined, filter: string | null | undefined): boolean {
  if (filter == null) return true;
  return value !== undefined && fold(value) === fold(filter);
}

function fold(text: string): string {
  return text.normalize('NFC').trim().toLowerCase();
}

/** Cooperative ids are ASCII, so code-unit order is code-point order (DESIGN.md §3 "Order"). */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function cooperativeIdArg(id: string): string {
  if (!isCooperativeId(id)) throw badInput(`Malformed cooperative id ${JSON.stringify(id)}: expected [a-z][a-z0-9-]{1,31}`, { cooperativeId: id });
  return id;
}

function codeArg(code: string, argument: string): string {
  // Details go into `extensions`: a key named `code` would replace the error code.
  if (!isUnspscCode(code)) throw badInput(`Malformed UNSPSC code ${JSON.stringify(code)} in ${argument}: expected 8 digits`, { argument, value: code });
  return code;
}

// ── entities ─────────────────────────────────────────────────────────────────

function cooperativeResolvers({ registry, statusOf, directory }: NetworkDeps) {
  return {
    // A reference from another subgraph is not user input: unknown or malformed → null, no error.
    // A cooperative just added or removed elsewhere still resolves (the live registry's lookup).
    __resolveReference: async (ref: { id: string }): Promise<DirectoryCooperative | null> =>
      directory?.get(ref.id) ?? registry.get(ref.id) ?? (await directory?.lookup?.(ref.id)) ?? null,
    status: (c: CooperativeEntry): CooperativeStatus => statusOf?.(c.id) ?? 'UNKNOWN',
    roles: (c: CooperativeEntry): string[] => Object.keys(c.subgraphs).sort(compareIds),
    joinedAt: (c: CooperativeEntry): string | null => c.joinedAt ?? null,
    admission: (c: DirectoryCooperative): CooperativeAdmission => c.admission ?? ADMITTED,
  };
}

function classificationResolvers(store: ClassificationStore) {
  return {
    // Marketplace products carry any 8-digit code; those outside the loaded list resolve to null.
    __resolveReference: (ref: { code: string }): Classification | null => store.get(ref.code) ?? null,
    parent: (c: Classification): Classification | null => store.parent(c.code) ?? null,
    children: (c: Classification): Classification[] => store.children(c.code),
  };
}
