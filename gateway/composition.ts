/**
 * Composes the supergraph from supergraph.yaml. Each subgraph is composed once
 * from its schema file — a tenant group (marketplace, erp) is one logical
 * subgraph however many cooperatives serve it, because the query planner sends
 * each field to exactly one subgraph (DESIGN.md §2). The tenant router then
 * fans a tenant group's fetches out to the cooperatives.
 *
 * Failures are thrown as one CompositionError that lists every problem with
 * its code, the subgraphs involved and file:line:column in the schema files,
 * so an operator can fix the file without reading a supergraph.
 */
import { readFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { getLocation, GraphQLError, Kind, parse, Source, type ASTNode, type DocumentNode } from 'graphql';
import type { SubgraphSpec, SupergraphConfig } from './config/supergraphConfig';

export interface ComposedSupergraph {
  supergraphSdl: string;
  /** Composition hints (not errors), as Apollo prints them. */
  hints: string[];
}

export interface CompositionProblem {
  /** Apollo's error code (e.g. INVALID_FIELD_SHARING), or ours for files that do not parse. */
  code: string;
  message: string;
  /** Names of the subgraphs the problem is about. */
  subgraphs: string[];
  /** `file:line:column` in the schema files, when known. */
  locations: string[];
}

export class CompositionError extends Error {
  constructor(
    readonly configFile: string,
    readonly problems: readonly CompositionProblem[],
    schemaFiles: ReadonlyMap<string, string>,
  ) {
    super(formatProblems(configFile, problems, schemaFiles));
    this.name = 'CompositionError';
  }
}

const TENANT_URL_SCHEME = 'tenant:';

/** The placeholder URL a tenant group has in the supergraph; the tenant router owns the real ones. */
export function tenantGroupUrl(name: string): string {
  return `${TENANT_URL_SCHEME}//${name}`;
}

/** The tenant group named by a `tenant://<name>` URL, else undefined. */
export function tenantGroupOfUrl(url: string): string | undefined {
  return url.startsWith(`${TENANT_URL_SCHEME}//`) ? url.slice(TENANT_URL_SCHEME.length + 2) : undefined;
}

/** Names of the subgraphs served per cooperative, in config order. */
export function tenantGroups(config: SupergraphConfig): string[] {
  return config.subgraphs.filter((s) => s.tenantGroup).map((s) => s.name);
}

export function composeSupergraph(config: SupergraphConfig): ComposedSupergraph {
  const schemaFiles = new Map(config.subgraphs.map((s) => [s.name, s.schemaFile]));
  const fail = (problems: CompositionProblem[]): never => {
    throw new CompositionError(config.file, problems, schemaFiles);
  };
  const loaded = config.subgraphs.map(loadSubgraph);
  const unreadable = loaded.flatMap((l) => (l.problem ? [l.problem] : []));
  if (unreadable.length) fail(unreadable);
  const services = loaded.map((l) => l.service!);
  const versionProblems = services.flatMap((s) => checkFederationVersion(config.federationVersion, s));
  if (versionProblems.length) fail(versionProblems);
  const result = composeServices(services.map(({ name, url, typeDefs }) => ({ name, url, typeDefs })));
  if (result.errors) return fail(result.errors.map((e) => toProblem(e, config.subgraphs)));
  return { supergraphSdl: result.supergraphSdl, hints: result.hints.map((h) => h.toString()) };
}

// ── loading ──────────────────────────────────────────────────────────────────

interface LoadedService {
  name: string;
  url: string;
  typeDefs: DocumentNode;
}

/** Reads and parses one schema; the Source is named after the file so every later location names it. */
function loadSubgraph(spec: SubgraphSpec): { service?: LoadedService; problem?: CompositionProblem } {
  let text: string;
  try {
    text = readFileSync(spec.schemaFile, 'utf8');
  } catch (err) {
    return { problem: { code: 'SCHEMA_UNREADABLE', message: `[${spec.name}] cannot read ${spec.schemaFile}: ${(err as Error).message}`, subgraphs: [spec.name], locations: [] } };
  }
  try {
    const typeDefs = parse(new Source(text, spec.schemaFile));
    return { service: { name: spec.name, url: spec.routingUrl ?? tenantGroupUrl(spec.name), typeDefs } };
  } catch (err) {
    const e = err as GraphQLError;
    const locations = (e.locations ?? []).map((l) => `${spec.schemaFile}:${l.line}:${l.column}`);
    return { problem: { code: 'GRAPHQL_PARSE_FAILED', message: `[${spec.name}] ${e.message}`, subgraphs: [spec.name], locations } };
  }
}

// ── federation_version ───────────────────────────────────────────────────────

const FEDERATION_LINK = /\/federation\/v(\d+)\.(\d+)/;

/**
 * Rover composes with exactly the `federation_version` asked for, which fails
 * on a schema that links a newer Federation spec; the installed composition
 * would accept it. Same verdict as Rover, so a config that works here works there.
 */
function checkFederationVersion(federationVersion: string, service: LoadedService): CompositionProblem[] {
  const pinned = /^=(\d+)\.(\d+)\./.exec(federationVersion);
  if (!pinned) return [];
  const limit = [Number(pinned[1]), Number(pinned[2])];
  return federationLinks(service.typeDefs)
    .filter(({ major, minor }) => major > limit[0] || (major === limit[0] && minor > limit[1]))
    .map(({ major, minor, node }) => ({
      code: 'UNSUPPORTED_FEDERATION_VERSION',
      message: `[${service.name}] links Federation v${major}.${minor}, newer than federation_version ${federationVersion}`,
      subgraphs: [service.name],
      locations: locationOf(node),
    }));
}

function federationLinks(doc: DocumentNode): { major: number; minor: number; node: ASTNode }[] {
  const links: { major: number; minor: number; node: ASTNode }[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== Kind.SCHEMA_DEFINITION && def.kind !== Kind.SCHEMA_EXTENSION) continue;
    for (const directive of def.directives ?? []) {
      const url = directive.arguments?.find((a) => a.name.value === 'url')?.value;
      const match = directive.name.value === 'link' && url?.kind === Kind.STRING ? FEDERATION_LINK.exec(url.value) : null;
      if (match) links.push({ major: Number(match[1]), minor: Number(match[2]), node: directive });
    }
  }
  return links;
}

// ── reporting ────────────────────────────────────────────────────────────────

function toProblem(error: GraphQLError, subgraphs: readonly SubgraphSpec[]): CompositionProblem {
  const locations = (error.nodes ?? []).flatMap(locationOf);
  return {
    code: String(error.extensions?.code ?? 'COMPOSITION_ERROR'),
    message: error.message,
    subgraphs: subgraphs.filter((s) => mentions(error.message, s.name) || locations.some((l) => l.startsWith(`${s.schemaFile}:`))).map((s) => s.name),
    locations,
  };
}

/** Apollo names subgraphs as `[name] …` (validation) or `subgraph "name"` (merging). */
function mentions(message: string, name: string): boolean {
  return message.includes(`[${name}]`) || message.includes(`"${name}"`);
}

function locationOf(node: ASTNode): string[] {
  const loc = node.loc;
  if (!loc) return [];
  const { line, column } = getLocation(loc.source, loc.start);
  return [`${loc.source.name}:${line}:${column}`];
}

function formatProblems(configFile: string, problems: readonly CompositionProblem[], schemaFiles: ReadonlyMap<string, string>): string {
  const count = `${problems.length} error${problems.length === 1 ? '' : 's'}`;
  const lines = problems.map((p) => {
    const where = p.locations.length ? p.locations : p.subgraphs.map((name) => `${schemaFiles.get(name)} (subgraph ${name})`);
    return `  - ${p.code}: ${p.message}${where.length ? `\n      at ${where.join('\n      at ')}` : ''}`;
  });
  return `Composition of ${configFile} failed with ${count}:\n${lines.join('\n')}`;
}
