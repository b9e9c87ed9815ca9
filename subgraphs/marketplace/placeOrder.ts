/**
 * `placeOrder` and `cancelOrder`: every rule checked before the adapter is
 * called (DESIGN.md §3 "Mutation"), then the adapter's answer checked against
 * the request so a reused idempotency key with another input is refused.
 */
import { badInput, sbnetError } from '../../core/errors';
import { parseGlobalId, type GlobalId } from '../../core/ids';
import { businessNumberDigits, normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { callAdapter } from '../shared/adapterCall';
import { accessOf, allowsBuyer, orderAccess, placeOrderAccess, requireAccess } from '../shared/identityRules';
import type { MarketplaceDeps } from './deps';
import type { OrderRecord, PlaceOrderRequest } from './port';

export const MAX_IDEMPOTENCY_KEY = 200;

export interface PlaceOrderInput {
  idempotencyKey: string;
  buyer: { businessNumber: string; name: string };
  lines: ReadonlyArray<{ productId: string; quantity: number }>;
}

function checkIdempotencyKey(key: string): void {
  if (key.trim().length === 0) throw badInput('idempotencyKey must not be empty', { field: 'idempotencyKey' });
  if (key.length > MAX_IDEMPOTENCY_KEY) {
    throw badInput(`idempotencyKey is ${key.length} characters, at most ${MAX_IDEMPOTENCY_KEY} allowed`, { field: 'idempotencyKey' });
  }
}

function checkBuyer(buyer: PlaceOrderInput['buyer']): PlaceOrderRequest['buyer'] {
  const businessNumber = normalizeBusinessNumber(buyer.businessNumber);
  if (!businessNumber) {
    throw badInput(`buyer.businessNumber ${JSON.stringify(buyer.businessNumber)} is not a valid 사업자등록번호 (XXX-XX-XXXXX with its check digit)`, {
      field: 'buyer.businessNumber',
    });
  }
  if (buyer.name.trim().length === 0) throw badInput('buyer.name must not be empty', { field: 'buyer.name' });
  return { businessNumber, name: buyer.name };
}

/** Parses the lines' product ids; products of another cooperative → CROSS_COOPERATIVE_ORDER. */
function checkLineIds(cooperativeId: string, lines: PlaceOrderInput['lines']): GlobalId[] {
  if (lines.length === 0) throw badInput('An order needs at least one line', { field: 'lines' });
  const parsed = lines.map((line) => parseGlobalId(line.productId));
  const cooperatives = [...new Set(parsed.map((id) => id.cooperativeId))].sort();
  if (cooperatives.some((id) => id !== cooperativeId)) {
    const all = [...new Set([cooperativeId, ...cooperatives])].sort();
    throw sbnetError('CROSS_COOPERATIVE_ORDER', {
      message: `An order may only contain products of one cooperative (${cooperativeId} got products of ${cooperatives.join(', ')})`,
      details: { cooperatives: all, cooperativeId },
    });
  }
  lines.forEach((line, i) => {
    if (!Number.isInteger(line.quantity) || line.quantity < 1) {
      throw badInput(`lines[${i}].quantity must be a whole number of at least 1, got ${line.quantity}`, { productId: line.productId, line: i });
    }
  });
  return parsed;
}

/** Each line's product exists here and its quantity reaches the product's minimum. */
async function checkProducts(deps: MarketplaceDeps, context: unknown, input: PlaceOrderInput, ids: GlobalId[]): Promise<void> {
  const products = await Promise.all(ids.map((id) => deps.loaders(context).products.load(id.localId)));
  products.forEach((product, i) => {
    const { productId, quantity } = input.lines[i];
    if (!product) throw badInput(`Unknown product ${productId}`, { productId, line: i });
    if (quantity < product.minOrderQuantity) {
      throw badInput(`lines[${i}]: ${productId} is sold in at least ${product.minOrderQuantity} ${product.unit}, ordered ${quantity}`, {
        productId,
        line: i,
        minOrderQuantity: product.minOrderQuantity,
      });
    }
  });
}

/** Quantity per product, so line order and split lines do not matter. */
function quantities(lines: ReadonlyArray<{ productLocalId: string; quantity: number }>): string {
  const byProduct = new Map<string, number>();
  for (const line of lines) byProduct.set(line.productLocalId, (byProduct.get(line.productLocalId) ?? 0) + line.quantity);
  return JSON.stringify([...byProduct.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Whether the order the adapter answered with is the one requested (it may be an earlier one with the same key). */
function sameOrder(request: PlaceOrderRequest, order: OrderRecord): boolean {
  return (
    businessNumberDigits(order.buyer.businessNumber) === businessNumberDigits(request.buyer.businessNumber) &&
    quantities(order.lines) === quantities(request.lines)
  );
}

export async function placeOrder(deps: MarketplaceDeps, context: unknown, input: PlaceOrderInput): Promise<OrderRecord> {
  checkIdempotencyKey(input.idempotencyKey);
  const buyer = checkBuyer(input.buyer);
  requireAccess(accessOf(context, (who, coop) => placeOrderAccess(who, coop, buyer.businessNumber), deps.cooperativeId), deps.cooperativeId);
  const ids = checkLineIds(deps.cooperativeId, input.lines);
  await checkProducts(deps, context, input, ids);
  const request: PlaceOrderRequest = {
    idempotencyKey: input.idempotencyKey,
    buyer,
    lines: input.lines.map((line, i) => ({ productLocalId: ids[i].localId, quantity: line.quantity })),
  };
  const order = await callAdapter(deps.scope, 'placeOrder', () => deps.adapter.placeOrder(request));
  if (!sameOrder(request, order)) {
    throw sbnetError('IDEMPOTENCY_CONFLICT', { details: { key: input.idempotencyKey, cooperativeId: deps.cooperativeId } });
  }
  deps.loaders(context).orders.prime(order.localId, order);
  return order;
}

export async function cancelOrder(deps: MarketplaceDeps, context: unknown, id: string, reason: string | null | undefined): Promise<OrderRecord> {
  const localId = deps.ids.ownLocalId(id);
  if (localId === null) throw badInput(`Order ${id} is not an order of ${deps.cooperativeId}`, { id });
  const access = requireAccess(accessOf(context, orderAccess, deps.cooperativeId), deps.cooperativeId);
  if (access.kind === 'buyer') {
    const existing = await deps.loaders(context).orders.load(localId);
    if (existing && !allowsBuyer(access, existing.buyer.businessNumber)) {
      throw sbnetError('FORBIDDEN', { message: 'A member may only cancel its own orders', details: { cooperativeId: deps.cooperativeId } });
    }
  }
  const order = await callAdapter(deps.scope, 'cancelOrder', () => deps.adapter.cancelOrder(localId, reason ?? null));
  deps.loaders(context).orders.clear(localId).prime(localId, order);
  return order;
}
