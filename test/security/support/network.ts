/**
 * A secured test network: cooperatives' role subgraphs over HTTP that check
 * the gateway's signed identity (`gatewaySecret`), and the real gateway in
 * front with bearer-token auth, limits and a recording sender underneath
 * (every call that leaves the gateway, with its query text and headers).
 */
import { SignJWT } from 'jose';
import type { CooperativeEntry } from '../../../core/registry';
import { silentLogger } from '../../../core/log';
import type { ResilienceSettings } from '../../../core/resilienceSettings';
import type { SupergraphConfig } from '../../../gateway/config/supergraphConfig';
import type { LimitOverrides } from '../../../gateway/limits/settings';
import { HttpSender, type CallObserver, type CooperativeCall, type SendResult, type Sender } from '../../../gateway/router/send';
import { startGateway, type RunningGateway } from '../../../gateway/server';
import { MemoryStore } from '../../../gateway/state/memoryStore';
import type { StateStore } from '../../../gateway/state/store';
import type { ErpAdapter } from '../../../subgraphs/erp/port';
import type { MarketplaceAdapter } from '../../../subgraphs/marketplace/port';
import { serveRoleAdapter, type RunningSubgraph } from '../../../subgraphs/serve';
import type { Role } from '../../../subgraphs/shared/identity';
import { testSupergraphConfig } from '../../helpers/network';

export const AUTH = {
  issuer: 'sbnet-test',
  audience: 'sbnet-gateway',
  hs256Secret: 'test-token-secret-0123456789abcdefghij',
  identitySecret: 'test-gateway-secret-0123456789abcdefghij',
} as const;

export interface SecureCoop {
  id: string;
  marketplace?: MarketplaceAdapter;
  erp?: ErpAdapter;
}

export interface NetworkOptions {
  limits?: LimitOverrides;
  store?: StateStore;
  /** Wraps the recording HTTP sender (e.g. to lose answers). */
  wrapSender?: (sender: Sender) => Sender;
  deadlineMs?: number;
  resilience?: ResilienceSettings;
  introspection?: boolean;
  /** Cooperatives served elsewhere (e.g. a legacy system's own subgraph). */
  extra?: CooperativeEntry[];
  /** Subgraphs serve without a gateway secret (an operator who forgot it). */
  unsignedSubgraphs?: boolean;
}

export interface SecureNetwork {
  gateway: RunningGateway;
  url: string;
  config: SupergraphConfig;
  /** Role subgraph URLs by `<coop>-<role>`. */
  subgraphUrls: Map<string, string>;
  /** Every call that left the gateway for a cooperative, in order. */
  sent: CooperativeCall[];
  /** Calls to `coop` whose text is a mutation. */
  mutationsSent(coop?: string): CooperativeCall[];
  close(): Promise<void>;
}

/** The base sender of the test gateway: real HTTP, every call recorded. */
export class RecordingSender implements Sender {
  readonly sent: CooperativeCall[] = [];
  private readonly inner = new HttpSender();

  send(call: CooperativeCall): Promise<SendResult> {
    this.sent.push(call);
    return this.inner.send(call);
  }

  onCall(observer: CallObserver): () => void {
    return this.inner.onCall(observer);
  }

  close(): Promise<void> {
    return this.inner.close();
  }
}

export async function startSubgraphs(coops: SecureCoop[], gatewaySecret: string | undefined): Promise<RunningSubgraph[]> {
  const started = await Promise.allSettled(
    coops.flatMap((c) => [
      ...(c.marketplace ? [serveRoleAdapter({ role: 'marketplace', cooperativeId: c.id, adapter: c.marketplace, log: silentLogger, gatewaySecret })] : []),
      ...(c.erp ? [serveRoleAdapter({ role: 'erp', cooperativeId: c.id, adapter: c.erp, log: silentLogger, gatewaySecret })] : []),
    ]),
  );
  const subgraphs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  if (failed) {
    await Promise.all(subgraphs.map((s) => s.close()));
    throw failed.reason;
  }
  return subgraphs;
}

export function secureConfig(entries: CooperativeEntry[], options: NetworkOptions = {}): SupergraphConfig {
  const base = testSupergraphConfig(entries, options.deadlineMs ?? 2000);
  return {
    ...base,
    gateway: {
      ...base.gateway,
      introspection: options.introspection ?? false,
      auth: { ...AUTH, clockToleranceSeconds: 0, anonymousRole: 'anonymous' },
      limits: { rateLimit: null, ...options.limits },
      ...(options.resilience ? { resilience: options.resilience } : {}),
    },
  };
}

export async function startSecureNetwork(coops: SecureCoop[], options: NetworkOptions = {}): Promise<SecureNetwork> {
  const subgraphs = await startSubgraphs(coops, options.unsignedSubgraphs ? undefined : AUTH.identitySecret);
  const subgraphUrls = new Map(subgraphs.map((s) => [s.name, s.url]));
  const entries: CooperativeEntry[] = coops.map((c) => ({
    id: c.id,
    name: c.id,
    subgraphs: Object.fromEntries(
      (['marketplace', 'erp'] as const).flatMap((role) => (subgraphUrls.has(`${c.id}-${role}`) ? [[role, subgraphUrls.get(`${c.id}-${role}`)!]] : [])),
    ),
  }));
  const recording = new RecordingSender();
  const config = secureConfig([...entries, ...(options.extra ?? [])], options);
  // In-process state unless a test brings its own store (REDIS_URL in the environment must not change these tests).
  const store = options.store ?? new MemoryStore();
  let gateway: RunningGateway;
  try {
    gateway = await startGateway({
      config,
      port: 0,
      log: silentLogger,
      sender: options.wrapSender ? options.wrapSender(recording) : recording,
      store,
    });
  } catch (err) {
    await Promise.all(subgraphs.map((s) => s.close()));
    await recording.close();
    throw err;
  }
  const sent = recording.sent;
  return {
    gateway,
    url: gateway.url,
    config,
    subgraphUrls,
    sent,
    mutationsSent: (coop) => sent.filter((c) => /^\s*mutation\b/.test(c.query) && (!coop || c.cooperativeId === coop)),
    close: async () => {
      await gateway.close();
      await recording.close();
      if (!options.store) await store.close();
      await Promise.all(subgraphs.map((s) => s.close()));
    },
  };
}

export interface TokenOptions {
  secret?: string;
  issuer?: string;
  audience?: string;
  /** Seconds from now (negative: already expired). */
  expiresIn?: number;
  subject?: string;
}

/** A bearer token for `role` (claims as the gateway expects them). */
export async function tokenFor(role: Role, claims: { coop?: string; business_number?: string } = {}, options: TokenOptions = {}): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ role, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(options.subject ?? `${role}:${claims.coop ?? ''}:${claims.business_number ?? ''}`)
    .setIssuer(options.issuer ?? AUTH.issuer)
    .setAudience(options.audience ?? AUTH.audience)
    .setIssuedAt(now - 5)
    .setExpirationTime(now + (options.expiresIn ?? 600))
    .sign(new TextEncoder().encode(options.secret ?? AUTH.hs256Secret));
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
