/**
 * `placeOrder` at the gateway, as a tenant-router middleware: the input is
 * checked (`input.ts`), the products are checked against the owning
 * cooperative's catalogue (`products.ts`), and only then is the order sent,
 * under its idempotency key (`idempotency.ts`).
 */
import type { Logger } from '../../core/log';
import type { StateStore } from '../state/store';
import type { FieldMiddleware, FieldResult } from '../router/context';
import { IdempotencyKeys, type AttemptOutcome } from './idempotency';
import { checkPlaceOrderInput, orderFingerprint } from './input';
import { checkOrderProducts } from './products';

/** Time a lock may be held beyond the call's own deadline (queueing, a slow answer). */
const LEASE_MARGIN_MS = 5000;

/** Errors after which nothing was created: the key may be used again. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'CROSS_COOPERATIVE_ORDER', 'FORBIDDEN', 'UNAUTHENTICATED']);

export interface OrderGuardOptions {
  store: StateStore;
  /** How long idempotency keys are remembered (default 24 h). */
  idempotencyTtlMs?: number;
  log?: Logger;
}

export function orderGuard(options: OrderGuardOptions): FieldMiddleware {
  const keys = new IdempotencyKeys(options.store, { ttlMs: options.idempotencyTtlMs, log: options.log });
  return async (req, route, next) => {
    if (route.kind !== 'byInput' || req.field.fieldName !== 'placeOrder') return next(req);
    const order = checkPlaceOrderInput(req.args.input);
    const coop = req.deps.registry.get(order.cooperativeId);
    // Unknown cooperative, or one without this role: the router answers that (nothing is sent).
    if (!coop || !coop.subgraphs[req.deps.role]) return next(req);
    const attempt = {
      cooperativeId: coop.id,
      idempotencyKey: order.idempotencyKey,
      fingerprint: orderFingerprint(order),
      leaseMs: (coop.deadlineMs ?? req.deps.defaultDeadlineMs) + LEASE_MARGIN_MS,
    };
    // A key already used with another input is refused before the cooperative hears of it. A key is
    // recorded only after its input passed the catalogue check, so a retry of it needs no second check.
    if (!(await keys.isRetry(attempt))) {
      const refused = await checkOrderProducts(req, coop, order.lines);
      if (refused) return refused;
    }
    return keys.run(attempt, () => next(req), outcomeOf);
  };
}

export function outcomeOf(result: FieldResult): AttemptOutcome {
  if (result.value !== null && result.value !== undefined) return 'placed';
  const codes = result.errors.map((e) => e.extensions?.code);
  return codes.length > 0 && codes.every((c) => typeof c === 'string' && REFUSALS.has(c)) ? 'refused' : 'unknown';
}
