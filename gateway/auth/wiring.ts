/**
 * Authentication, tenant isolation, order safety and query limits, put
 * together for `startGateway` from `gateway.auth` and `gateway.limits`:
 * - `inspect` / `context` for the HTTP server (token, batch, nesting, rate limit; caller on the context);
 * - Apollo options (limits plugin, batching, parser token limit);
 * - the tenant-router middleware: access guard, then the placeOrder guard.
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { staticTokenCheck, type AdminCheck } from '../admin';
import { federationAdminCheck } from './adminCheck';
import type { Logger } from '../../core/log';
import type { Registry } from '../../core/registry';
import { ANONYMOUS, callerOf } from '../../subgraphs/shared/identity';
import { orderAccess, orderStatsAccess } from '../../subgraphs/shared/identityRules';
import type { SupergraphConfig } from '../config/supergraphConfig';
import { fanOutCounter } from '../limits/fanOut';
import { limitsPlugin } from '../limits/plugin';
import { RateLimiter } from '../limits/rateLimit';
import { effectiveLimits, type LimitSettings } from '../limits/settings';
import { orderGuard } from '../orders/orderGuard';
import { routingFor } from '../roles';
import type { FieldMiddleware } from '../router/context';
import type { StateStore } from '../state/store';
import { composeMiddleware } from './compose';
import { fieldAccess } from './fieldAccess';
import { requestGate, type RequestGate } from './gate';
import { effectiveAuthSettings, type AuthSettings } from './settings';
import { createTokenVerifier } from './verifier';

export interface GatewaySecurity extends RequestGate {
  auth: AuthSettings;
  limits: LimitSettings;
  middleware: FieldMiddleware;
  plugins: ApolloServerPlugin<BaseContext>[];
  allowBatchedHttpRequests: boolean;
  parseOptions: { maxTokens: number };
  /** Who may use `/admin/*`: `SBNET_ADMIN_TOKEN`, or a `federation_admin` token. */
  adminChecks: AdminCheck[];
}

/** Fields whose reach depends on who asks (the rest reach every cooperative in scope). */
const ACCESS_RULES = { orders: orderAccess, orderStats: orderStatsAccess } as const;

export function gatewaySecurity(deps: { config: SupergraphConfig; registry: Registry; store: StateStore; log: Logger }): GatewaySecurity {
  const { config, registry, store, log } = deps;
  const auth = effectiveAuthSettings(config.gateway.auth);
  const limits = effectiveLimits(config.gateway.limits);
  const verifier = createTokenVerifier(auth);
  warnAboutOpenings(auth, Boolean(verifier), log);
  const gate = requestGate({
    verifier,
    anonymousRole: auth.anonymousRole,
    limits,
    rateLimiter: limits.rateLimit ? new RateLimiter(store, limits.rateLimit, log) : null,
  });
  const fanOut = fanOutCounter(
    config.subgraphs.filter((s) => s.tenantGroup).map((s) => routingFor(s.name)),
    registry,
  );
  return {
    ...gate,
    auth,
    limits,
    middleware: composeMiddleware(fieldAccess({ identitySecret: auth.identitySecret }), orderGuard({ store, log })),
    plugins: [
      limitsPlugin({
        limits,
        fanOut: (field, args, context) => {
          const identity = callerOf(context)?.identity ?? ANONYMOUS;
          const rule = ACCESS_RULES[field as keyof typeof ACCESS_RULES];
          return fanOut(field, args, rule ? (_, coop) => rule(identity, coop).kind !== 'denied' : undefined);
        },
      }),
    ],
    allowBatchedHttpRequests: limits.maxBatch > 1,
    parseOptions: { maxTokens: limits.maxTokens },
    adminChecks: [staticTokenCheck(), federationAdminCheck(verifier)],
  };
}

function warnAboutOpenings(auth: AuthSettings, canVerify: boolean, log: Logger): void {
  if (auth.anonymousRole !== 'anonymous') {
    log.warn({ anonymousRole: auth.anonymousRole }, `gateway.auth.anonymousRole is ${auth.anonymousRole}: requests without a token get that role (closed development networks only)`);
  }
  if (!canVerify) log.info('gateway.auth has no key: every caller is anonymous (catalogue only) and tokens are refused');
  if (!auth.identitySecret) {
    log.warn('no gateway.auth.identitySecret (or SBNET_GATEWAY_SECRET): calls to cooperatives are not signed, so cooperatives cannot check who is calling');
  }
}
