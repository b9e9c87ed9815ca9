/**
 * The gateway's access guard: a tenant-router middleware applying the rules
 * of `subgraphs/shared/identityRules.ts` to every root field before anything
 * is sent, and signing the caller's identity onto every cooperative call.
 *
 * - `orders`, `orderStats`: refused outright (anonymous, analysts on orders);
 *   otherwise the fan-out is narrowed to the cooperatives the caller may see,
 *   a `cooperatives:` naming another one is FORBIDDEN, and a member's filter
 *   is pinned to its own buyer number;
 * - `order(id:)`: the owner cooperative must be visible; a member's answer is
 *   checked to be its own order (FORBIDDEN otherwise);
 * - `cancelOrder`: as `order(id:)`, with a member's ownership read before the
 *   mutation is sent;
 * - `placeOrder`: the owner cooperative and, for members, the buyer;
 * - `_entities`: Order representations of cooperatives the caller may not see
 *   answer null with an error at their index, the rest go through.
 *
 * Everything else (the catalogue) passes unchanged.
 */
import { tryParseGlobalId } from '../../core/ids';
import { Registry } from '../../core/registry';
import { ANONYMOUS, IDENTITY_HEADER, callerOf, signIdentity, type Identity } from '../../subgraphs/shared/identity';
import {
  accessError,
  allowsBuyer,
  orderAccess,
  orderStatsAccess,
  placeOrderAccess,
  requireAccess,
  sameBusinessNumber,
  type OrderAccess,
} from '../../subgraphs/shared/identityRules';
import type { FieldHandler, FieldMiddleware, FieldRequest, FieldResult } from '../router/context';
import { fromCooperative, routerError, unavailable } from '../router/errors';
import type { FieldRoute } from '../router/spec';
import { pinBuyer, takeBuyerProbe, withBuyerProbe } from './rewrite';

/** Entity types whose data is order data. */
const ORDER_TYPES = new Set(['Order']);

type Rule = (identity: Identity, cooperativeId: string) => OrderAccess;

export interface FieldAccessOptions {
  /** Signs `x-sbnet-identity` on every cooperative call (cooperatives' `gatewaySecret`). */
  identitySecret?: string;
}

export function fieldAccess(options: FieldAccessOptions = {}): FieldMiddleware {
  return async (incoming, route, next) => {
    const identity = callerOf(incoming.context)?.identity ?? ANONYMOUS;
    const req = options.identitySecret ? signCalls(incoming, identity, options.identitySecret) : incoming;
    if (route.kind === 'entities') return guardEntities(req, identity, next);
    switch (req.field.fieldName) {
      case 'orders':
        return guardList(req, identity, orderAccess, next);
      case 'orderStats':
        return guardList(req, identity, orderStatsAccess, next);
      case 'order':
        return guardOrderById(req, identity, next);
      case 'cancelOrder':
        return guardCancel(req, identity, next);
      case 'placeOrder':
        return guardPlace(req, identity, route, next);
      default:
        return next(req);
    }
  };
}

/** Every call of this field carries the caller, signed for the cooperative it goes to. */
function signCalls(req: FieldRequest, identity: Identity, secret: string): FieldRequest {
  return {
    ...req,
    call: (coop, query, variables, headers) => req.call(coop, query, variables, { ...headers, [IDENTITY_HEADER]: signIdentity(identity, secret, coop.id) }),
  };
}

/** Refuses callers who may see no cooperative's orders at all (anonymous, analysts…), before looking at arguments. */
function requireSomeAccess(identity: Identity, rule: Rule): OrderAccess {
  return requireAccess(rule(identity, identity.cooperativeId ?? ''));
}

async function guardList(req: FieldRequest, identity: Identity, rule: Rule, next: FieldHandler): Promise<FieldResult> {
  requireSomeAccess(identity, rule);
  const { registry, role } = req.deps;
  const access = new Map(registry.withRole(role).map((c) => [c.id, rule(identity, c.id)]));
  const named = Array.isArray(req.args.cooperatives) ? req.args.cooperatives.map(String) : [];
  for (const id of named) {
    const a = access.get(id);
    if (a) requireAccess(a, id);
  }
  const hidden = new Set([...access].filter(([, a]) => a.kind === 'denied').map(([id]) => id));
  let narrowed = req;
  if (hidden.size) narrowed = { ...req, deps: { ...req.deps, registry: new Registry(registry.list().filter((c) => !hidden.has(c.id))) } };
  const buyer = [...access.values()].find((a): a is Extract<OrderAccess, { kind: 'buyer' }> => a.kind === 'buyer');
  if (!buyer) return next(narrowed);
  const asked = (req.args.filter as { buyerBusinessNumber?: unknown } | null | undefined)?.buyerBusinessNumber;
  if (typeof asked === 'string' && !sameBusinessNumber(asked, buyer.businessNumber)) {
    throw forbidden('A member may only see its own orders (filter.buyerBusinessNumber is another company)');
  }
  return next(pinBuyer(narrowed, buyer.businessNumber));
}

/** The registered cooperative an id argument names, or undefined (the router then reports the bad id). */
function ownerOf(req: FieldRequest, id: unknown): string | undefined {
  const parsed = tryParseGlobalId(String(id ?? ''));
  return parsed && req.deps.registry.get(parsed.cooperativeId) ? parsed.cooperativeId : undefined;
}

async function guardOrderById(req: FieldRequest, identity: Identity, next: FieldHandler): Promise<FieldResult> {
  requireSomeAccess(identity, orderAccess);
  const owner = ownerOf(req, req.args.id);
  if (!owner) return next(req);
  const access = requireAccess(orderAccess(identity, owner), owner);
  if (access.kind === 'all') return next(req);
  const result = await next(withBuyerProbe(req));
  const { businessNumber, value } = takeBuyerProbe(result.value);
  if (value === null || value === undefined || allowsBuyer(access, businessNumber)) return { ...result, value };
  return { value: null, errors: [routerError('FORBIDDEN', [req.field.responseKey], { cooperativeId: owner }, 'A member may only see its own orders')] };
}

const ORDER_BUYER_QUERY = 'query SbnetOrderBuyer($id: ID!) { order(id: $id) { buyer { businessNumber } } }';

async function guardCancel(req: FieldRequest, identity: Identity, next: FieldHandler): Promise<FieldResult> {
  requireSomeAccess(identity, orderAccess);
  const owner = ownerOf(req, req.args.id);
  if (!owner) return next(req);
  const access = requireAccess(orderAccess(identity, owner), owner);
  if (access.kind === 'all') return next(req);
  // A member cancels only its own orders: read whose it is before anything is changed.
  const coop = req.deps.registry.get(owner)!;
  const path = [req.field.responseKey];
  const answer = await req.call(coop, ORDER_BUYER_QUERY, { id: req.args.id });
  if (!answer.ok) return { value: null, errors: [unavailable(owner, answer.reason, path)] };
  const order = answer.data?.order as { buyer?: { businessNumber?: unknown } } | null | undefined;
  if (!order && answer.errors?.length) return { value: null, errors: answer.errors.map((e) => fromCooperative(e, owner, path)) };
  if (order && !allowsBuyer(access, order.buyer?.businessNumber)) throw forbidden('A member may only cancel its own orders', owner);
  return next(req);
}

async function guardPlace(req: FieldRequest, identity: Identity, route: FieldRoute, next: FieldHandler): Promise<FieldResult> {
  if (identity.role === 'anonymous' || identity.role === 'analyst') requireAccess(placeOrderAccess(identity, '', ''));
  const buyer = (req.args.input as { buyer?: { businessNumber?: unknown } } | null | undefined)?.buyer?.businessNumber;
  const owners = route.kind === 'byInput' ? new Set(route.idsOf(req.args).map((id) => ownerOf(req, id))) : new Set<string | undefined>();
  const [owner] = owners;
  // Malformed input, unknown or several cooperatives: the order guard and router refuse it with the precise error.
  if (owners.size === 1 && owner && typeof buyer === 'string') requireAccess(placeOrderAccess(identity, owner, buyer), owner);
  return next(req);
}

async function guardEntities(req: FieldRequest, identity: Identity, next: FieldHandler): Promise<FieldResult> {
  const key = req.field.responseKey;
  const reps = (Array.isArray(req.args.representations) ? req.args.representations : []) as Array<Record<string, unknown> | null>;
  const refused = new Map<number, FieldResult['errors'][number]>();
  reps.forEach((rep, i) => {
    if (!ORDER_TYPES.has(String(rep?.__typename))) return;
    const parsed = tryParseGlobalId(String(rep?.id ?? ''));
    if (!parsed) return;
    const access = orderAccess(identity, parsed.cooperativeId);
    if (access.kind === 'denied') refused.set(i, routerError(access.code, [key, i], { cooperativeId: parsed.cooperativeId }, access.reason));
  });
  if (!refused.size) return next(req);
  const kept = reps.flatMap((_, i) => (refused.has(i) ? [] : [i]));
  const result = kept.length ? await next({ ...req, args: { ...req.args, representations: kept.map((i) => reps[i]) } }) : { value: [], errors: [] };
  const list = Array.isArray(result.value) ? result.value : [];
  const value: unknown[] = reps.map(() => null);
  kept.forEach((original, j) => (value[original] = list[j] ?? null));
  const errors = result.errors.map((e) => {
    const j = e.path && e.path[0] === key ? Number(e.path[1]) : NaN;
    return Number.isInteger(j) && kept[j] !== undefined ? { ...e, path: [key, kept[j], ...e.path!.slice(2)] } : e;
  });
  return { value, errors: [...errors, ...refused.values()] };
}

function forbidden(message: string, cooperativeId?: string) {
  return accessError({ kind: 'denied', code: 'FORBIDDEN', reason: message }, cooperativeId);
}
