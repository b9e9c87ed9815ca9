/**
 * Who may see and do what with orders — the one statement of the rules,
 * applied by the gateway (which narrows its fan-out with them) and again by
 * every role subgraph that has a gateway secret (defence in depth).
 *
 * The catalogue (products, suppliers, productStats, classifications,
 * inventory) is open to everyone, anonymous callers included. Orders:
 *
 * | role             | orders, order(id), Order entities, cancelOrder | orderStats          | placeOrder                        |
 * |------------------|-----------------------------------------------|---------------------|-----------------------------------|
 * | anonymous        | UNAUTHENTICATED                               | UNAUTHENTICATED     | UNAUTHENTICATED                   |
 * | member           | its cooperative, its own orders (buyer = its 사업자등록번호) | same     | its cooperative, as itself as buyer |
 * | coop_admin       | its cooperative                               | its cooperative     | its cooperative                   |
 * | analyst          | FORBIDDEN                                     | every cooperative   | FORBIDDEN                         |
 * | federation_admin | every cooperative                             | every cooperative   | every cooperative                 |
 */
import { GraphQLError } from 'graphql';
import { businessNumberDigits } from '../../core/domain/businessNumber';
import { sbnetError } from '../../core/errors';
import { callerOf, type Identity } from './identity';

export type OrderAccess =
  | { kind: 'all' }
  /** Only orders whose buyer is this 사업자등록번호. */
  | { kind: 'buyer'; businessNumber: string }
  | { kind: 'denied'; code: 'UNAUTHENTICATED' | 'FORBIDDEN'; reason: string };

const ALL: OrderAccess = { kind: 'all' };

function denied(code: 'UNAUTHENTICATED' | 'FORBIDDEN', reason: string): OrderAccess {
  return { kind: 'denied', code, reason };
}

/** Individual orders of one cooperative: lists, `order(id)`, Order entities and their fulfilment, `cancelOrder`. */
export function orderAccess(identity: Identity, cooperativeId: string): OrderAccess {
  switch (identity.role) {
    case 'federation_admin':
      return ALL;
    case 'coop_admin':
      return identity.cooperativeId === cooperativeId ? ALL : denied('FORBIDDEN', `A coop_admin of ${identity.cooperativeId} may not see orders of ${cooperativeId}`);
    case 'member':
      return identity.cooperativeId === cooperativeId
        ? { kind: 'buyer', businessNumber: identity.businessNumber! }
        : denied('FORBIDDEN', `A member of ${identity.cooperativeId} may not see orders of ${cooperativeId}`);
    case 'analyst':
      return denied('FORBIDDEN', 'Analysts see the catalogue and statistics, not individual orders');
    case 'anonymous':
      return denied('UNAUTHENTICATED', 'Orders need a bearer token');
  }
}

/** `orderStats` over one cooperative: like orders, but analysts see every cooperative's. */
export function orderStatsAccess(identity: Identity, cooperativeId: string): OrderAccess {
  return identity.role === 'analyst' ? ALL : orderAccess(identity, cooperativeId);
}

/** `placeOrder` at one cooperative for `buyerBusinessNumber`: members only as themselves. */
export function placeOrderAccess(identity: Identity, cooperativeId: string, buyerBusinessNumber: string): OrderAccess {
  if (identity.role === 'analyst') return denied('FORBIDDEN', 'Analysts cannot place orders');
  const access = orderAccess(identity, cooperativeId);
  if (access.kind === 'buyer' && !sameBusinessNumber(access.businessNumber, buyerBusinessNumber)) {
    return denied('FORBIDDEN', `A member may only order as itself (buyer ${access.businessNumber})`);
  }
  return access;
}

/** Whether an order with this buyer is within `access`. */
export function allowsBuyer(access: OrderAccess, buyerBusinessNumber: unknown): boolean {
  if (access.kind === 'all') return true;
  if (access.kind === 'denied') return false;
  return typeof buyerBusinessNumber === 'string' && sameBusinessNumber(access.businessNumber, buyerBusinessNumber);
}

export function sameBusinessNumber(a: string, b: string): boolean {
  const x = businessNumberDigits(a);
  return x !== null && x === businessNumberDigits(b);
}

/** The error for a denial, naming the cooperative. */
export function accessError(access: Extract<OrderAccess, { kind: 'denied' }>, cooperativeId?: string): GraphQLError {
  return sbnetError(access.code, { message: access.reason, details: cooperativeId ? { cooperativeId } : {} });
}

/** Throws the denial, or returns the access granted. */
export function requireAccess(access: OrderAccess, cooperativeId?: string): Exclude<OrderAccess, { kind: 'denied' }> {
  if (access.kind === 'denied') throw accessError(access, cooperativeId);
  return access;
}

/**
 * The access of the request whose context this is, by `rule`: everything when
 * rules are not enforced there (a subgraph without a gateway secret).
 */
export function accessOf(context: unknown, rule: (identity: Identity, cooperativeId: string) => OrderAccess, cooperativeId: string): OrderAccess {
  const caller = callerOf(context);
  if (!caller?.enforced) return ALL;
  return rule(caller.identity, cooperativeId);
}

/**
 * An order filter within `access`: a member's filter is pinned to its own
 * buyer number; one naming another buyer matches nothing (null).
 */
export function scopeBuyerFilter<F extends { buyerBusinessNumber?: string | null }>(filter: F | null, access: OrderAccess): F | null {
  if (filter === null || access.kind !== 'buyer') return filter;
  const asked = filter.buyerBusinessNumber;
  if (asked != null && !sameBusinessNumber(asked, access.businessNumber)) return null;
  return { ...filter, buyerBusinessNumber: access.businessNumber };
}
