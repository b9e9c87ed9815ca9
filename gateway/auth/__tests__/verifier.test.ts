import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { ConfigReader, parseYamlSource } from '../../../core/yamlConfig';
import { issueToken, parseTtl } from '../../../cli/token';
import { AUTH_DEFAULTS, effectiveAuthSettings, readAuthSettings, type AuthSettings } from '../settings';
import { createTokenVerifier } from '../verifier';
import { federationAdminCheck } from '../adminCheck';
import type { IncomingMessage } from 'node:http';

const SECRET = 'hs256-secret-for-the-tests-0123456789abcdef';
const BASE: AuthSettings = { ...AUTH_DEFAULTS, issuer: 'https://login.sbnet.kr', audience: 'sbnet-gateway', clockToleranceSeconds: 0 };
const now = () => Math.floor(Date.now() / 1000);

function jwt(claims: Record<string, unknown>, opts: { iss?: string; aud?: string; exp?: number | null; alg?: string; kid?: string } = {}) {
  const builder = new SignJWT(claims)
    .setProtectedHeader({ alg: opts.alg ?? 'HS256', ...(opts.kid ? { kid: opts.kid } : {}) })
    .setIssuer(opts.iss ?? BASE.issuer!)
    .setAudience(opts.aud ?? BASE.audience!)
    .setIssuedAt();
  return opts.exp === null ? builder : builder.setExpirationTime(opts.exp ?? now() + 300);
}

const reason = (p: Promise<unknown>) => p.then(() => 'accepted', (e: { extensions?: { code?: string; reason?: string } }) => `${e.extensions?.code}: ${e.extensions?.reason}`);

describe('HS256', () => {
  const verifier = createTokenVerifier({ ...BASE, hs256Secret: SECRET })!;
  const key = new TextEncoder().encode(SECRET);

  it('accepts a valid token and maps its claims', async () => {
    const token = await jwt({ role: 'member', coop: 'sgfurn', business_number: '1058612348', sub: 'u1' }).sign(key);
    expect(await verifier.verify(token)).toEqual({ role: 'member', cooperativeId: 'sgfurn', businessNumber: '105-86-12348', subject: 'u1' });
  });

  it.each<[string, () => Promise<string>, RegExp]>([
    ['expired', () => jwt({ role: 'analyst' }, { exp: now() - 5 }).sign(key), /expired/],
    ['no expiry', () => jwt({ role: 'analyst' }, { exp: null }).sign(key), /exp/],
    ['wrong audience', () => jwt({ role: 'analyst' }, { aud: 'other' }).sign(key), /aud/],
    ['wrong issuer', () => jwt({ role: 'analyst' }, { iss: 'other' }).sign(key), /iss/],
    ['forged', () => jwt({ role: 'analyst' }).sign(new TextEncoder().encode('x'.repeat(40))), /signature/],
    ['another algorithm', () => jwt({ role: 'analyst' }, { alg: 'HS512' }).sign(key), /algorithm/],
    ['unusable claims', () => jwt({ role: 'coop_admin' }).sign(key), /claims/],
  ])('refuses a token that is %s (UNAUTHENTICATED)', async (_name, make, why) => {
    const result = await reason(verifier.verify(await make()));
    expect(result).toMatch(/^UNAUTHENTICATED: /);
    expect(result).toMatch(why);
  });
});

describe('JWKS', () => {
  let dir: string;
  let server: Server;
  let jwks: { keys: JWK[] };
  let privateKey: CryptoKey;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' }] };
    dir = mkdtempSync(join(tmpdir(), 'sbnet-jwks-'));
    writeFileSync(join(dir, 'jwks.json'), JSON.stringify(jwks));
    server = createServer((_, res) => res.end(JSON.stringify(jwks)));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((r) => server.close(r));
  });

  it('verifies against a JWKS file and a JWKS URL', async () => {
    const token = await jwt({ role: 'federation_admin' }, { alg: 'ES256', kid: 'k1' }).sign(privateKey);
    const fromFile = createTokenVerifier({ ...BASE, jwksFile: join(dir, 'jwks.json') })!;
    const fromUrl = createTokenVerifier({ ...BASE, jwksUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json` })!;
    expect(await fromFile.verify(token)).toEqual({ role: 'federation_admin' });
    expect(await fromUrl.verify(token)).toEqual({ role: 'federation_admin' });
  });

  it('refuses HMAC tokens when keys are public (no algorithm confusion)', async () => {
    const fromFile = createTokenVerifier({ ...BASE, jwksFile: join(dir, 'jwks.json') })!;
    const confused = await jwt({ role: 'federation_admin' }, { kid: 'k1' }).sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0])));
    expect(await reason(fromFile.verify(confused))).toMatch(/UNAUTHENTICATED/);
  });
});

describe('gateway.auth settings', () => {
  const read = (yaml: string, baseDir = tmpdir()) => {
    const source = parseYamlSource('supergraph.yaml', yaml);
    return readAuthSettings(new ConfigReader(source), (source.value as { auth: unknown }).auth, ['auth'], baseDir);
  };

  it('reads a full section', () => {
    expect(read(`auth:\n  issuer: i\n  audience: a\n  hs256Secret: ${SECRET}\n  identitySecret: ${SECRET}\n  anonymousRole: analyst\n`)).toEqual({
      issuer: 'i',
      audience: 'a',
      hs256Secret: SECRET,
      identitySecret: SECRET,
      anonymousRole: 'analyst',
      clockToleranceSeconds: 30,
    });
  });

  it.each([
    [`auth:\n  issuer: i\n  audience: a\n  hs256Secret: short\n`, /^supergraph\.yaml:4: auth\.hs256Secret: must be at least 32 characters/],
    [`auth:\n  hs256Secret: ${SECRET}\n`, /issuer is required with hs256Secret/],
    [`auth:\n  issuer: i\n  audience: a\n  hs256Secret: ${SECRET}\n  jwksUrl: https://x/jwks\n`, /^supergraph\.yaml:5: auth\.jwksUrl: only one key source/],
    [`auth:\n  jwksFile: nowhere.json\n`, /file not found/],
    [`auth:\n  anonymousRole: member\n`, /anonymousRole: invalid value "member"/],
    [`auth:\n  secret: x\n`, /auth\.secret: unknown key/],
  ])('refuses %#', (yaml, message) => {
    expect(() => read(yaml)).toThrow(message);
  });

  it('takes secrets from the environment where the file has none', () => {
    const env = { SBNET_JWT_SECRET: SECRET, SBNET_GATEWAY_SECRET: 'g'.repeat(32) };
    expect(effectiveAuthSettings({ ...BASE }, env)).toMatchObject({ hs256Secret: SECRET, identitySecret: 'g'.repeat(32) });
    expect(effectiveAuthSettings(undefined, env).hs256Secret).toBeUndefined(); // no issuer/audience: no key
  });
});

describe('sbnet token', () => {
  it('issues tokens the gateway accepts', async () => {
    const verifier = createTokenVerifier({ ...BASE, hs256Secret: SECRET })!;
    const opts = { secret: SECRET, issuer: BASE.issuer, audience: BASE.audience };
    const member = await issueToken({ ...opts, role: 'member', coop: 'sgfurn', businessNumber: '105-86-12348', ttl: '15m' }, {});
    expect(await verifier.verify(member)).toEqual({ role: 'member', cooperativeId: 'sgfurn', businessNumber: '105-86-12348', subject: 'member:sgfurn:105-86-12348' });
    const analyst = await issueToken({ ...opts, role: 'analyst', subject: 'kim' }, {});
    expect(await verifier.verify(analyst)).toEqual({ role: 'analyst', subject: 'kim' });
  });

  it('expires after --ttl', async () => {
    const token = await issueToken({ secret: SECRET, issuer: 'i', audience: 'a', role: 'analyst', ttl: '90s' }, {}, Date.now() - 120_000);
    const verifier = createTokenVerifier({ ...BASE, issuer: 'i', audience: 'a', hs256Secret: SECRET })!;
    expect(await reason(verifier.verify(token))).toMatch(/expired/);
  });

  it('explains what is missing', async () => {
    await expect(issueToken({ role: 'member', coop: 'sgfurn', secret: SECRET, issuer: 'i', audience: 'a' }, {})).rejects.toThrow(/--business-number/);
    await expect(issueToken({ role: 'coop_admin', secret: SECRET, issuer: 'i', audience: 'a' }, {})).rejects.toThrow(/--coop/);
    await expect(issueToken({ role: 'analyst' }, {})).rejects.toThrow(/secret/);
    await expect(issueToken({ secret: SECRET, issuer: 'i', audience: 'a' }, {})).rejects.toThrow(/--role/);
    expect(parseTtl('1h')).toBe(3600);
    expect(parseTtl('7d')).toBe(604_800);
    expect(() => parseTtl('forever')).toThrow(/--ttl/);
    expect(() => parseTtl('90d')).toThrow(/30d/);
  });
});

describe('admin routes', () => {
  it('open to a federation_admin token, to no other role and no bad token', async () => {
    const verifier = createTokenVerifier({ ...BASE, hs256Secret: SECRET });
    const check = federationAdminCheck(verifier);
    const key = new TextEncoder().encode(SECRET);
    const req = (authorization?: string) => ({ headers: { authorization } }) as unknown as IncomingMessage;
    expect(await check(req(`Bearer ${await jwt({ role: 'federation_admin' }).sign(key)}`))).toBe(true);
    expect(await check(req(`Bearer ${await jwt({ role: 'analyst' }).sign(key)}`))).toBe(false);
    expect(await check(req(`Bearer ${await jwt({ role: 'federation_admin' }, { exp: now() - 10 }).sign(key)}`))).toBe(false);
    expect(await check(req())).toBe(false);
    expect(await federationAdminCheck(null)(req('Bearer x'))).toBe(false);
  });
});
