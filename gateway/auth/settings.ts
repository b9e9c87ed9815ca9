/**
 * `gateway.auth` in supergraph.yaml: how the gateway verifies bearer tokens
 * and signs the caller's identity for cooperatives.
 *
 *   gateway:
 *     auth:
 *       issuer: https://login.sbnet.kr      # required with a key
 *       audience: sbnet-gateway             # required with a key
 *       hs256Secret: …                      # one key source: hs256Secret | jwksFile | jwksUrl (or SBNET_JWT_SECRET)
 *       jwksFile: keys/jwks.json            # relative to the config file
 *       jwksUrl: https://login.sbnet.kr/.well-known/jwks.json
 *       clockToleranceSeconds: 30
 *       identitySecret: …                   # HMAC key of x-sbnet-identity (or SBNET_GATEWAY_SECRET) = each cooperative's gatewaySecret
 *       anonymousRole: anonymous            # role of requests without a token
 *
 * Without the section no token can be verified: every caller is anonymous
 * (catalogue only) and a request carrying a token is refused.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConfigPath, ConfigReader } from '../../core/yamlConfig';
import type { Role } from '../../subgraphs/shared/identity';

export interface AuthSettings {
  issuer?: string;
  audience?: string;
  hs256Secret?: string;
  /** Absolute path of a JWKS (public keys) file. */
  jwksFile?: string;
  jwksUrl?: string;
  clockToleranceSeconds: number;
  /** Shared secret for the identity header sent to cooperatives. */
  identitySecret?: string;
  /**
   * Role of requests without a token. `federation_admin` or `analyst` open the
   * network to everyone: for a closed development network only.
   */
  anonymousRole: Role;
}

export const AUTH_DEFAULTS: Readonly<AuthSettings> = { clockToleranceSeconds: 30, anonymousRole: 'anonymous' };

const KEYS = ['issuer', 'audience', 'hs256Secret', 'jwksFile', 'jwksUrl', 'clockToleranceSeconds', 'identitySecret', 'anonymousRole'];
/** Roles that need no claims, so they can be given to requests without a token. */
const ANONYMOUS_ROLES = ['anonymous', 'analyst', 'federation_admin'];
/** HS256 needs a key of at least 256 bits (RFC 7518 §3.2). */
const MIN_SECRET_LENGTH = 32;

export function readAuthSettings(r: ConfigReader, value: unknown, path: ConfigPath, baseDir: string): AuthSettings | undefined {
  if (value === undefined || value === null) return undefined;
  const a = r.object(value, path, KEYS);
  const at = (key: string): ConfigPath => [...path, key];
  const text = (key: string) => {
    const s = r.string(a[key], at(key), { optional: true });
    if (s !== undefined && s.trim() === '') throw r.source.error(at(key), 'must not be empty');
    return s;
  };
  const settings: AuthSettings = {
    clockToleranceSeconds: r.number(a.clockToleranceSeconds, at('clockToleranceSeconds'), { optional: true, min: 0, max: 600 }) ?? AUTH_DEFAULTS.clockToleranceSeconds,
    anonymousRole: (r.string(a.anonymousRole, at('anonymousRole'), {
      optional: true,
      pattern: new RegExp(`^(${ANONYMOUS_ROLES.join('|')})$`),
      hint: `one of ${ANONYMOUS_ROLES.join(', ')}`,
    }) ?? AUTH_DEFAULTS.anonymousRole) as Role,
  };
  const set = <K extends keyof AuthSettings>(key: K, v: AuthSettings[K] | undefined) => {
    if (v !== undefined) settings[key] = v;
  };
  set('issuer', text('issuer'));
  set('audience', text('audience'));
  set('hs256Secret', secret(r, text('hs256Secret'), at('hs256Secret')));
  set('identitySecret', secret(r, text('identitySecret'), at('identitySecret')));
  const jwksFile = text('jwksFile');
  if (jwksFile !== undefined) {
    const file = resolve(baseDir, jwksFile);
    if (!isFile(file)) throw r.source.error(at('jwksFile'), `file not found: ${file}`);
    settings.jwksFile = file;
  }
  const jwksUrl = text('jwksUrl');
  if (jwksUrl !== undefined) {
    if (!/^https?:\/\/\S+$/.test(jwksUrl)) throw r.source.error(at('jwksUrl'), `expected an http(s) URL, got ${JSON.stringify(jwksUrl)}`);
    settings.jwksUrl = jwksUrl;
  }
  const sources = (['hs256Secret', 'jwksFile', 'jwksUrl'] as const).filter((k) => settings[k] !== undefined);
  if (sources.length > 1) throw r.source.error(at(sources[1]), `only one key source allowed (also ${sources[0]})`);
  if (sources.length === 1) {
    for (const key of ['issuer', 'audience'] as const) {
      if (settings[key] === undefined) throw r.source.error(path, `${key} is required with ${sources[0]} (tokens are checked against it)`);
    }
  }
  return settings;
}

function secret(r: ConfigReader, value: string | undefined, path: ConfigPath): string | undefined {
  if (value !== undefined && value.length < MIN_SECRET_LENGTH) throw r.source.error(path, `must be at least ${MIN_SECRET_LENGTH} characters`);
  return value;
}

/**
 * The settings the gateway runs with: the file's, with secrets from the
 * environment where the file has none (`SBNET_JWT_SECRET`, `SBNET_GATEWAY_SECRET`).
 */
export function effectiveAuthSettings(settings: AuthSettings | undefined, env: NodeJS.ProcessEnv = process.env): AuthSettings {
  const out: AuthSettings = { ...AUTH_DEFAULTS, ...settings };
  const keyless = !out.hs256Secret && !out.jwksFile && !out.jwksUrl;
  if (keyless && env.SBNET_JWT_SECRET && out.issuer && out.audience) out.hs256Secret = env.SBNET_JWT_SECRET;
  if (!out.identitySecret && env.SBNET_GATEWAY_SECRET) out.identitySecret = env.SBNET_GATEWAY_SECRET;
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
