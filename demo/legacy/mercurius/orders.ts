/**
 * `placeOrder` and `cancelOrder` (DESIGN.md §3 "Mutation"): every rule
 * checked before the store is touched; the same idempotency key retried
 * returns the first order, with another input it is `IDEMPOTENCY_CONFLICT`.
 */
import { badInput, sbnetError } from '../../../core/errors';
import { parseGlobalId } from '../../../core/ids';
import { businessNumberDigits, normalizeBusinessNumber } from '../../../core/domain/businessNumber';
import { isCancellable } from '../../../core/domain/orderStatus';
import type { OrderRecord, PlaceOrderRequest } from '../../../subgraphs/marketplace/port';
import { localIdOf } from './args';
import type { CooperativeStore } from './store';

export interface PlaceOrderArg {
  idempotencyKey: string;
  buyer: { businessNumber: string; name: string };
  lines: ReadonlyArray<{ productId: string; quantity: number }>;
}

const MAX_KEY_LENGTH = 200;

function checkedKey(key: string): string {
  if (key.trim() === '') throw badInput('idempotencyKey must not be empty', { field: 'idempotencyKey' });
  if (key.length > MAX_KEY_LENGTH) throw badInput(`idempotencyKey is longer than ${MAX_KEY_LENGTH} characters`, { field: 'idempotencyKey' });
  return key;
}

function checkedBuyer(buyer: PlaceOrderArg['buyer']): PlaceOrderRequest['buyer'] {
  const businessNumber = normalizeBusinessNumber(buyer.businessNumber);
  if (businessNumber === null) {
    throw badInput(`buyer.businessNumber ${JSON.stringify(buyer.businessNumber)} is not a valid 사업자등록번호`, { field: 'buyer.businessNumber' });
  }
  if (buyer.name.trim() === '') throw badInput('buyer.name must not be empty', { field: 'buyer.name' });
  return { businessNumber, name: buyer.name };
}

/** Lines in local terms: products of one cooperative (this one), existing, in whole quantities from the minimum up. */
function checkedLines(cooperativeId: string, store: CooperativeStore, lines: PlaceOrderArg['lines']): PlaceOrderRequest['lines'] {
  if (lines.length === 0) throw badInput('An order needs at least one line', { field: 'lines' });
  const others = [...new Set(lines.map((l) => parseGlobalId(l.productId).cooperativeId))].filter((id) => id !== cooperativeId);
  if (others.length) {
    throw sbnetError('CROSS_COOPERATIVE_ORDER', {
      message: `An order may only contain products of one cooperative (${cooperativeId} got products of ${others.sort().join(', ')})`,
      details: { cooperatives: [cooperativeId, ...others].sort(), cooperativeId },
    });
  }
  const local = lines.map((l) => ({ productLocalId: localIdOf(cooperativeId, l.productId)!, quantity: l.quantity }));
  const products = store.getProducts(local.map((l) => l.productLocalId));
  local.forEach(({ quantity }, i) => {
    const { productId } = lines[i];
    const product = products[i];
    if (!product) throw badInput(`Unknown product ${productId}`, { productId, line: i });
    if (!Number.isInteger(quantity) || quantity < Math.max(1, product.minOrderQuantity)) {
      throw badInput(`lines[${i}]: ${productId} is sold in whole quantities of at least ${product.minOrderQuantity} ${product.unit}, got ${quantity}`, {
        productId,
        line: i,
        minOrderQuantity: product.minOrderQuantity,
      });
    }
  });
  return local;
}

/** Quantity per product: line order and split lines do not make another order. */
function quantities(lines: ReadonlyArray<{ productLocalId: string; quantity: number }>): string {
  const sums = new Map<string, number>();
  for (const l of lines) sums.set(l.productLocalId, (sums.get(l.productLocalId) ?? 0) + l.quantity);
  return JSON.stringify([...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function sameInput(request: PlaceOrderRequest, order: OrderRecord): boolean {
  return businessNumberDigits(order.buyer.businessNumber) === businessNumberDigits(request.buyer.businessNumber) && quantities(order.lines) === quantities(request.lines);
}

export function placeOrder(cooperativeId: string, store: CooperativeStore, input: PlaceOrderArg): OrderRecord {
  const request: PlaceOrderRequest = {
    idempotencyKey: checkedKey(input.idempotencyKey),
    buyer: checkedBuyer(input.buyer),
    lines: checkedLines(cooperativeId, store, input.lines),
  };
  const order = store.placeOrder(request);
  if (!sameInput(request, order)) throw sbnetError('IDEMPOTENCY_CONFLICT', { details: { key: request.idempotencyKey, cooperativeId } });
  return order;
}

/** A SHIPPED or DELIVERED order is refused; a CANCELLED one comes back unchanged. */
export function cancelOrder(cooperativeId: string, store: CooperativeStore, id: string): OrderRecord {
  const localId = localIdOf(cooperativeId, id);
  if (localId === null) throw badInput(`Order ${id} is not an order of ${cooperativeId}`, { id });
  const [order] = store.getOrders([localId]);
  if (!order) throw badInput(`Unknown order ${id}`, { id });
  if (!isCancellable(order.status)) throw badInput(`Order ${id} has already shipped and can no longer be cancelled`, { id });
  return order.status === 'CANCELLED' ? order : store.cancelOrder(localId)!;
}
