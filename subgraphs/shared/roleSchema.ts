/**
 * Builds a role's subgraph schema from its standard SDL file
 * (`subgraphs/<role>/schema.graphql`) and the role server's resolvers.
 */
import { readFileSync } from 'node:fs';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse, type DocumentNode, type GraphQLSchema } from 'graphql';
import { projectPath } from '../../core/paths';

export type Role = 'marketplace' | 'erp';

/** Resolvers as `buildSubgraphSchema` takes them (field resolvers, `__resolveReference`, scalars). */
export type ResolverMap = Record<string, object>;

const documents = new Map<Role, DocumentNode>();

/** The role's standard schema, parsed once per process. */
export function roleTypeDefs(role: Role): DocumentNode {
  let doc = documents.get(role);
  if (!doc) {
    doc = parse(readFileSync(projectPath('subgraphs', role, 'schema.graphql'), 'utf8'));
    documents.set(role, doc);
  }
  return doc;
}

export function buildRoleSchema(role: Role, resolvers: ResolverMap): GraphQLSchema {
  // The resolver map's shape is checked by buildSubgraphSchema at run time.
  return buildSubgraphSchema({ typeDefs: roleTypeDefs(role), resolvers: resolvers as never });
}

/** Merges resolver maps made by separate modules; a type or field defined twice is a bug. */
export function mergeResolvers(...maps: ResolverMap[]): ResolverMap {
  const merged: ResolverMap = {};
  for (const map of maps) {
    for (const [type, value] of Object.entries(map)) {
      const existing = merged[type];
      if (existing === undefined) {
        merged[type] = value;
        continue;
      }
      if (Object.getPrototypeOf(existing) !== Object.prototype || Object.getPrototypeOf(value) !== Object.prototype) {
        throw new Error(`Resolvers for ${type} defined twice`);
      }
      const twice = Object.keys(value).filter((field) => field in existing);
      if (twice.length) throw new Error(`Resolvers for ${type}.${twice.join(', ')} defined twice`);
      merged[type] = { ...existing, ...value };
    }
  }
  return merged;
}
