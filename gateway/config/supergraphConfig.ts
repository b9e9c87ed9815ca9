/**
 * supergraph.yaml (DESIGN.md §3): Rover's format — `federation_version`,
 * `subgraphs.<name>.routing_url`, `subgraphs.<name>.schema.file` — plus tenant
 * groups, the cooperative registry, the gateway's own settings and an optional
 * operator UNSPSC file. Every unknown key or bad value is a ConfigError with
 * file:line, so a gateway never starts on a config it half understood.
 */
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { COOPERATIVE_ID_PATTERN } from '../../core/ids';
import type { CooperativeEntry } from '../../core/registry';
import { ConfigReader, loadYamlFile, type ConfigPath, type YamlSource } from '../../core/yamlConfig';
import type { ResilienceSettings } from '../../core/resilienceSettings';
import { readCacheSettings } from '../cache/config';
import type { CacheSettings } from '../cache/ttl';
import { readResilienceSettings } from '../resilience/config';
import { readAuthSettings, type AuthSettings } from '../auth/settings';
import { readLimitSettings, type LimitOverrides } from '../limits/settings';

export interface SubgraphSpec {
  name: string;
  /** Where the gateway sends this subgraph's fetches; absent for a tenant group (routed per cooperative). */
  routingUrl?: string;
  /** Absolute path of the schema the subgraph is composed from. */
  schemaFile: string;
  /** One logical subgraph served by every cooperative (`tenants: cooperatives`). */
  tenantGroup: boolean;
}

export interface GatewaySettings {
  port: number;
  host: string;
  /** Default deadline for one subgraph call; a cooperative's own `deadlineMs` overrides it. */
  deadlineMs: number;
  /** Key for signing pagination cursors; absent → the gateway picks its own. */
  cursorSecret?: string;
  introspection: boolean;
  /**
   * Identical reads in flight at the same moment share one answer (one fan-out,
   * one call per cooperative); absent or true: on, the whole execution
   * included. 'fetches': each request executes its own plan, and only its
   * tenant-group fetches and subgraph calls are shared. false: every request
   * does its own calls (strictly per-request freshness, at the cooperatives' cost).
   */
  shareInFlightReads?: boolean | 'fetches';
  /** Shared state (cache, circuits…); without it (and without `REDIS_URL`) state is in-process. */
  redis?: RedisSettings;
  /** Protection of every cooperative call (bulkhead, circuit, retry); cooperatives may override. */
  resilience?: ResilienceSettings;
  /** Response cache TTLs by role and type; without it nothing is cached. */
  cache?: CacheSettings;
  /** Bearer tokens and the identity signed for cooperatives (gateway/auth/settings.ts); without it every caller is anonymous. */
  auth?: AuthSettings;
  /** Query depth/cost, batch, body, string and rate limits (gateway/limits/settings.ts); defaults apply to what is not set. */
  limits?: LimitOverrides;
}

export interface RedisSettings {
  /** `redis://…`, or several comma-separated URLs for a Redis Cluster. */
  url?: string;
  /** Key prefix (default `sbnet:`), so several networks can share one Redis. */
  prefix?: string;
  /** Longest wait for one Redis command (default 250). */
  commandTimeoutMs?: number;
}

export interface SupergraphConfig {
  /** Absolute path of the config file. */
  file: string;
  /** As written, e.g. `=2.9.0` or `2`. */
  federationVersion: string;
  subgraphs: SubgraphSpec[];
  cooperatives: CooperativeEntry[];
  gateway: GatewaySettings;
  /** Absolute path of an operator-supplied UNSPSC CSV (see `sbnet classifications import`). */
  classificationsFile?: string;
}

export const GATEWAY_DEFAULTS: Readonly<GatewaySettings> = { port: 4000, host: '127.0.0.1', deadlineMs: 2000, introspection: false };

/** Used when `federation_version` is absent: the newest Federation 2 the installed composition knows. */
export const DEFAULT_FEDERATION_VERSION = '2';

const ROOT_KEYS = ['federation_version', 'subgraphs', 'cooperatives', 'gateway', 'classifications'];
const SUBGRAPH_KEYS = ['routing_url', 'schema', 'tenants'];
const FILE_REF_KEYS = ['file'];
const GATEWAY_KEYS = ['port', 'host', 'deadlineMs', 'cursorSecret', 'introspection', 'shareInFlightReads', 'redis', 'resilience', 'cache', 'auth', 'limits'];
const REDIS_KEYS = ['url', 'prefix', 'commandTimeoutMs'];
const COOPERATIVE_KEYS = [
  'id', 'name', 'nameEn', 'industry', 'region', 'memberCount', 'marketplaceSystem', 'erpSystem', 'joinedAt', 'deadlineMs', 'subgraphs', 'resilience',
];
const OPTIONAL_COOPERATIVE_TEXT = ['nameEn', 'industry', 'region', 'marketplaceSystem', 'erpSystem'] as const;
/** The only source of tenants today is the registry; a named value leaves room for others. */
const TENANT_SOURCES = ['cooperatives'];

/** Rover accepts `2` (latest) or an exact `=2.x.y`; Federation 1 is not supported. */
const FEDERATION_VERSION_PATTERN = /^(2|=2\.\d+\.\d+)$/;
/** Subgraph names become `join__Graph` enum values and data-source names: keep them plain. */
const SUBGRAPH_NAME_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

interface Ctx {
  source: YamlSource;
  r: ConfigReader;
  /** Paths in the file are relative to the file's folder (as in Rover). */
  baseDir: string;
}

export function loadSupergraphConfig(file: string): SupergraphConfig {
  return readSupergraphConfig(loadYamlFile(file));
}

export function readSupergraphConfig(source: YamlSource): SupergraphConfig {
  const ctx: Ctx = { source, r: new ConfigReader(source), baseDir: dirname(resolve(source.file)) };
  const root = ctx.r.object(source.value, [], ROOT_KEYS);
  const subgraphs = readSubgraphs(ctx, root.subgraphs);
  const groups = subgraphs.filter((s) => s.tenantGroup).map((s) => s.name);
  const config: SupergraphConfig = {
    file: resolve(source.file),
    federationVersion: readFederationVersion(ctx, root.federation_version),
    subgraphs,
    cooperatives: readCooperatives(ctx, root.cooperatives, groups),
    gateway: readGateway(ctx, root.gateway, groups),
  };
  if (root.classifications !== undefined) config.classificationsFile = readFileRef(ctx, root.classifications, ['classifications']);
  return config;
}

function readFederationVersion(ctx: Ctx, value: unknown): string {
  const version = ctx.r.string(value, ['federation_version'], {
    optional: true,
    pattern: FEDERATION_VERSION_PATTERN,
    hint: 'expected 2 or =2.x.y; Federation 1 is not supported',
  });
  return version ?? DEFAULT_FEDERATION_VERSION;
}

// ── subgraphs ────────────────────────────────────────────────────────────────

function readSubgraphs(ctx: Ctx, value: unknown): SubgraphSpec[] {
  const entries = Object.entries(mapping(ctx, value, ['subgraphs']));
  if (entries.length === 0) throw ctx.source.error(['subgraphs'], 'needs at least one subgraph');
  return entries.map(([name, spec]) => readSubgraph(ctx, name, spec));
}

function readSubgraph(ctx: Ctx, name: string, value: unknown): SubgraphSpec {
  const path = ['subgraphs', name];
  if (!SUBGRAPH_NAME_PATTERN.test(name)) {
    throw ctx.source.error(path, 'invalid subgraph name (letters, digits, _ and -, starting with a letter)');
  }
  const spec = ctx.r.object(value, path, SUBGRAPH_KEYS);
  const tenantGroup = spec.tenants !== undefined && readTenants(ctx, spec.tenants, [...path, 'tenants']);
  const routingUrl = readRoutingUrl(ctx, spec.routing_url, [...path, 'routing_url'], tenantGroup);
  const schemaFile = readFileRef(ctx, spec.schema, [...path, 'schema']);
  return routingUrl === undefined ? { name, schemaFile, tenantGroup } : { name, routingUrl, schemaFile, tenantGroup };
}

function readTenants(ctx: Ctx, value: unknown, path: ConfigPath): true {
  ctx.r.requiredString(value, path, {
    pattern: new RegExp(`^(${TENANT_SOURCES.join('|')})$`),
    hint: `expected ${TENANT_SOURCES.join(' or ')}`,
  });
  return true;
}

/** A tenant group has no URL of its own: each cooperative's URL is in `cooperatives[].subgraphs`. */
function readRoutingUrl(ctx: Ctx, value: unknown, path: ConfigPath, tenantGroup: boolean): string | undefined {
  if (tenantGroup) {
    if (value !== undefined) throw ctx.source.error(path, 'not allowed on a tenant group (each cooperative lists its URL under cooperatives[].subgraphs)');
    return undefined;
  }
  if (value === undefined || value === null) throw ctx.source.error(path, 'required (or `tenants: cooperatives` for a tenant group)');
  return httpUrl(ctx, value, path);
}

/** `{ file: <path> }`, resolved against the config file's folder; the file must exist. */
function readFileRef(ctx: Ctx, value: unknown, path: ConfigPath): string {
  if (value === undefined || value === null) throw ctx.source.error(path, 'required');
  const ref = ctx.r.object(value, path, FILE_REF_KEYS);
  const filePath = [...path, 'file'];
  const absolute = resolve(ctx.baseDir, nonEmpty(ctx, ref.file, filePath));
  if (!isFile(absolute)) throw ctx.source.error(filePath, `file not found: ${absolute}`);
  return absolute;
}

// ── cooperatives (the registry) ──────────────────────────────────────────────

function readCooperatives(ctx: Ctx, value: unknown, tenantGroups: readonly string[]): CooperativeEntry[] {
  const items = ctx.r.list(value, ['cooperatives']);
  const seen = new Map<string, number | null>();
  return items.map((item, i) => {
    const entry = readCooperative(ctx, item, ['cooperatives', i], tenantGroups);
    const idPath = ['cooperatives', i, 'id'];
    if (seen.has(entry.id)) {
      throw ctx.source.error(idPath, `duplicate cooperative id "${entry.id}" (first at line ${seen.get(entry.id) ?? '?'})`);
    }
    seen.set(entry.id, ctx.source.lineOf(idPath));
    return entry;
  });
}

function readCooperative(ctx: Ctx, value: unknown, path: ConfigPath, tenantGroups: readonly string[]): CooperativeEntry {
  const c = ctx.r.object(value, path, COOPERATIVE_KEYS);
  const entry: CooperativeEntry = {
    id: ctx.r.requiredString(c.id, [...path, 'id'], { pattern: COOPERATIVE_ID_PATTERN, hint: '[a-z][a-z0-9-]{1,31}' }),
    name: nonEmpty(ctx, c.name, [...path, 'name']),
    subgraphs: readRoleUrls(ctx, c.subgraphs, [...path, 'subgraphs'], tenantGroups),
  };
  for (const key of OPTIONAL_COOPERATIVE_TEXT) {
    const text = optionalNonEmpty(ctx, c[key], [...path, key]);
    if (text !== undefined) entry[key] = text;
  }
  const memberCount = ctx.r.number(c.memberCount, [...path, 'memberCount'], { optional: true, integer: true, min: 0 });
  if (memberCount !== undefined) entry.memberCount = memberCount;
  const deadlineMs = ctx.r.number(c.deadlineMs, [...path, 'deadlineMs'], { optional: true, integer: true, min: 1 });
  if (deadlineMs !== undefined) entry.deadlineMs = deadlineMs;
  const resilience = readResilienceSettings(ctx.r, c.resilience, [...path, 'resilience']);
  if (resilience !== undefined) entry.resilience = resilience;
  const joinedAt = readDate(ctx, c.joinedAt, [...path, 'joinedAt']);
  if (joinedAt !== undefined) entry.joinedAt = joinedAt;
  return entry;
}

/**
 * One cooperative entry outside supergraph.yaml (the live registry's admin
 * API), read by the same rules and with the same `source:line: reason` errors.
 */
export function readCooperativeEntry(source: YamlSource, tenantGroups: readonly string[]): CooperativeEntry {
  const ctx: Ctx = { source, r: new ConfigReader(source), baseDir: dirname(resolve(source.file)) };
  return readCooperative(ctx, source.value, [], tenantGroups);
}

/** Role → URL; a role must be a tenant group, because only those are routed per cooperative. */
function readRoleUrls(ctx: Ctx, value: unknown, path: ConfigPath, tenantGroups: readonly string[]): Record<string, string> {
  if (value === undefined || value === null) throw ctx.source.error(path, 'required (role → subgraph URL)');
  const entries = Object.entries(mapping(ctx, value, path));
  if (entries.length === 0) throw ctx.source.error(path, 'needs at least one role');
  const urls: Record<string, string> = {};
  for (const [role, url] of entries) {
    if (!tenantGroups.includes(role)) {
      const known = tenantGroups.length ? tenantGroups.join(', ') : 'none declared';
      throw ctx.source.error([...path, role], `"${role}" is not a tenant-group subgraph (tenant groups: ${known})`);
    }
    urls[role] = httpUrl(ctx, url, [...path, role]);
  }
  return urls;
}

/** `YYYY-MM-DD` naming a real day (YAML 1.2 leaves it a string). */
function readDate(ctx: Ctx, value: unknown, path: ConfigPath): string | undefined {
  const text = ctx.r.string(value, path, { optional: true, pattern: DATE_PATTERN, hint: 'expected YYYY-MM-DD' });
  if (text === undefined) return undefined;
  const parsed = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== text) throw ctx.source.error(path, `${text} is not a date`);
  return text;
}

// ── gateway settings ─────────────────────────────────────────────────────────

function readGateway(ctx: Ctx, value: unknown, tenantGroups: readonly string[] = []): GatewaySettings {
  if (value === undefined || value === null) return { ...GATEWAY_DEFAULTS };
  const g = ctx.r.object(value, ['gateway'], GATEWAY_KEYS);
  const at = (key: string): ConfigPath => ['gateway', key];
  const settings: GatewaySettings = {
    // 0 asks the OS for a free port (tests, several gateways on one machine).
    port: ctx.r.number(g.port, at('port'), { optional: true, integer: true, min: 0, max: 65535 }) ?? GATEWAY_DEFAULTS.port,
    host: optionalNonEmpty(ctx, g.host, at('host')) ?? GATEWAY_DEFAULTS.host,
    deadlineMs: ctx.r.number(g.deadlineMs, at('deadlineMs'), { optional: true, integer: true, min: 1 }) ?? GATEWAY_DEFAULTS.deadlineMs,
    introspection: ctx.r.boolean(g.introspection, at('introspection'), GATEWAY_DEFAULTS.introspection),
  };
  const cursorSecret = optionalNonEmpty(ctx, g.cursorSecret, at('cursorSecret'));
  if (cursorSecret !== undefined) settings.cursorSecret = cursorSecret;
  if (g.shareInFlightReads !== undefined && g.shareInFlightReads !== null) {
    if (g.shareInFlightReads !== 'fetches' && typeof g.shareInFlightReads !== 'boolean') throw ctx.r.source.error(at('shareInFlightReads'), 'expected true, false or fetches');
    settings.shareInFlightReads = g.shareInFlightReads;
  }
  const redis = readRedis(ctx, g.redis, at('redis'));
  if (redis !== undefined) settings.redis = redis;
  const resilience = readResilienceSettings(ctx.r, g.resilience, at('resilience'));
  if (resilience !== undefined) settings.resilience = resilience;
  const cache = readCacheSettings(ctx.r, g.cache, at('cache'), tenantGroups);
  if (cache !== undefined) settings.cache = cache;
  const auth = readAuthSettings(ctx.r, g.auth, at('auth'), ctx.baseDir);
  if (auth !== undefined) settings.auth = auth;
  const limits = readLimitSettings(ctx.r, g.limits, at('limits'));
  if (limits !== undefined) settings.limits = limits;
  return settings;
}

function readRedis(ctx: Ctx, value: unknown, path: ConfigPath): RedisSettings | undefined {
  if (value === undefined || value === null) return undefined;
  const v = ctx.r.object(value, path, REDIS_KEYS);
  const settings: RedisSettings = {};
  const url = optionalNonEmpty(ctx, v.url, [...path, 'url']);
  if (url !== undefined) {
    for (const part of url.split(',')) {
      if (!/^rediss?:\/\/[^\s/]+/.test(part.trim())) throw ctx.source.error([...path, 'url'], `expected redis://host:port (comma-separated for a Cluster), got ${JSON.stringify(part.trim())}`);
    }
    settings.url = url;
  }
  const prefix = optionalNonEmpty(ctx, v.prefix, [...path, 'prefix']);
  if (prefix !== undefined) settings.prefix = prefix;
  const commandTimeoutMs = ctx.r.number(v.commandTimeoutMs, [...path, 'commandTimeoutMs'], { optional: true, integer: true, min: 1 });
  if (commandTimeoutMs !== undefined) settings.commandTimeoutMs = commandTimeoutMs;
  return settings;
}

// ── small readers ────────────────────────────────────────────────────────────

/** A mapping with arbitrary keys (subgraph names, roles). */
function mapping(ctx: Ctx, value: unknown, path: ConfigPath): Record<string, unknown> {
  if (value === undefined || value === null) throw ctx.source.error(path, 'required');
  if (typeof value !== 'object' || Array.isArray(value)) throw ctx.source.error(path, 'expected a mapping');
  return value as Record<string, unknown>;
}

function nonEmpty(ctx: Ctx, value: unknown, path: ConfigPath): string {
  const text = ctx.r.requiredString(value, path);
  if (text.trim() === '') throw ctx.source.error(path, 'must not be empty');
  return text;
}

function optionalNonEmpty(ctx: Ctx, value: unknown, path: ConfigPath): string | undefined {
  return value === undefined || value === null ? undefined : nonEmpty(ctx, value, path);
}

function httpUrl(ctx: Ctx, value: unknown, path: ConfigPath): string {
  const text = ctx.r.requiredString(value, path);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw ctx.source.error(path, `invalid URL ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw ctx.source.error(path, `expected an http(s) URL, got ${JSON.stringify(text)}`);
  return text;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
