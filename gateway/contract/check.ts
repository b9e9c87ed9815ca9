/**
 * The contract check of one cooperative subgraph (`sbnet check <role> <url>`,
 * and the registry before it routes to a new cooperative): fetch its
 * `_service { sdl }`, compare it with the role's standard schema, and — when
 * the schema is right — run the live probe. Fit to be routed to only with no
 * error finding. Never throws for anything the subgraph does.
 */
import { readFileSync } from 'node:fs';
import { projectPath } from '../../core/paths';
import { IDENTITY_HEADER, signIdentity } from '../../subgraphs/shared/identity';
import { compareSchemas } from './compare';
import { error, errorsOf, type Finding } from './findings';
import { parseSdl, schemaModel, type SchemaModel } from './model';
import { httpPost, type Post } from './post';
import { runProbe, type ProbeOutcome } from './probe';

export interface CheckOptions {
  role: string;
  url: string;
  /** The role's standard schema (SDL text). */
  standardSdl: string;
  /** The cooperative the subgraph must speak for (ids `<id>:…`). */
  cooperativeId?: string;
  /** The gateway's deadline for one call (default 2000 ms): slower answers are errors. */
  deadlineMs?: number;
  /** Known product ids for the erp probe. */
  productIds?: readonly string[];
  /** Headers on every call (the gateway's signed identity, for cooperatives that require it). */
  headers?: Record<string, string>;
  /** How the calls are made (default: HTTP POST with a timeout). */
  post?: Post;
}

export interface CheckReport {
  role: string;
  url: string;
  cooperativeId?: string;
  /** True when the subgraph may be routed to: no error finding. */
  fit: boolean;
  /** False when it did not answer at all (refused, timed out, not GraphQL). */
  reachable: boolean;
  /** Schema findings (errors and notes). */
  schema: Finding[];
  /** The live probe, or null when it did not run (unreachable or schema errors). */
  probe: ProbeOutcome | null;
  /** Every finding, schema then probe. */
  findings: Finding[];
}

export const SERVICE_SDL_QUERY = 'query SbnetCheckService { _service { sdl } }';

export async function checkSubgraph(options: CheckOptions): Promise<CheckReport> {
  const deadlineMs = options.deadlineMs ?? 2000;
  const post = options.post ?? httpPost(options.url, { timeoutMs: Math.max(5000, deadlineMs * 2), headers: options.headers });
  const base = { role: options.role, url: options.url, cooperativeId: options.cooperativeId };
  const done = (reachable: boolean, schema: Finding[], probe: ProbeOutcome | null): CheckReport => {
    const findings = [...schema, ...(probe?.findings ?? [])];
    return { ...base, cooperativeId: probe?.cooperativeId ?? base.cooperativeId, fit: errorsOf(findings).length === 0, reachable, schema, probe, findings };
  };

  const service = await post(SERVICE_SDL_QUERY);
  if (!service.ok) return done(false, [error('UNREACHABLE', '_service', `${options.url} did not answer: ${service.reason}`)], null);
  const sdl = (service.data?._service as { sdl?: unknown } | null | undefined)?.sdl;
  if (typeof sdl !== 'string') {
    const why = service.errors?.[0]?.message ? `it answered: ${service.errors[0].message}` : 'no SDL in the answer';
    return done(true, [error('NOT_A_SUBGRAPH', '_service', `${options.url} does not answer _service { sdl } (${why}): is it a federation subgraph?`)], null);
  }
  let actual: SchemaModel;
  try {
    actual = schemaModel(parseSdl(sdl));
  } catch (err) {
    return done(true, [error('SDL_INVALID', '_service', `the SDL from _service does not parse: ${(err as Error).message}`)], null);
  }
  const schema = compareSchemas(schemaModel(parseSdl(options.standardSdl)), actual);
  if (errorsOf(schema).length) return done(true, schema, null);
  const probe = await runProbe(post, { role: options.role, cooperativeId: options.cooperativeId, deadlineMs, productIds: options.productIds });
  return done(true, schema, probe);
}

/**
 * The identity header the gateway would send, so cooperatives that only
 * answer the gateway (a `gatewaySecret` in their config) answer the probe too.
 * The probe reads the public catalogue only: it calls as `anonymous`.
 */
export function probeIdentityHeaders(identitySecret: string | undefined, cooperativeId: string | undefined): Record<string, string> | undefined {
  if (!identitySecret || !cooperativeId) return undefined;
  return { [IDENTITY_HEADER]: signIdentity({ role: 'anonymous', subject: 'sbnet-contract-check' }, identitySecret, cooperativeId) };
}

/** The standard schema of a role: the repository's `subgraphs/<role>/schema.graphql`, or the file given. */
export function standardSdl(role: string, file: string = projectPath('subgraphs', role, 'schema.graphql')): string {
  return readFileSync(file, 'utf8');
}
