/**
 * `placeOrder`'s input checked at the gateway before anything is sent: the
 * idempotency key, the buyer's 사업자등록번호, the lines (well-formed product
 * ids of one cooperative, whole quantities of at least 1). Pure: returns the
 * order in canonical form or throws `BAD_USER_INPUT` / `CROSS_COOPERATIVE_ORDER`.
 * Products' existence and minimum quantities need the cooperative's catalogue
 * (`products.ts`).
 */
import { createHash } from 'node:crypto';
import { normalizeBusinessNumber } from '../../core/domain/businessNumber';
import { badInput, sbnetError } from '../../core/errors';
import { tryParseGlobalId } from '../../core/ids';
import { MAX_IDEMPOTENCY_KEY } from '../../subgraphs/marketplace/placeOrder';

/** More lines than any real purchase order has; protects cooperatives from giant orders. */
export const MAX_ORDER_LINES = 200;

export interface OrderLineCheck {
  productId: string;
  quantity: number;
}

export interface CheckedOrder {
  idempotencyKey: string;
  /** The one cooperative owning every product. */
  cooperativeId: string;
  buyer: { businessNumber: string; name: string };
  lines: OrderLineCheck[];
}

export function checkPlaceOrderInput(raw: unknown): CheckedOrder {
  const input = (raw ?? {}) as { idempotencyKey?: unknown; buyer?: { businessNumber?: unknown; name?: unknown } | null; lines?: unknown };
  const key = typeof input.idempotencyKey === 'string' ? input.idempotencyKey : '';
  if (key.trim() === '') throw badInput('idempotencyKey must not be empty', { field: 'idempotencyKey' });
  if (key.length > MAX_IDEMPOTENCY_KEY) throw badInput(`idempotencyKey is ${key.length} characters, at most ${MAX_IDEMPOTENCY_KEY} allowed`, { field: 'idempotencyKey' });
  const given = input.buyer?.businessNumber;
  const businessNumber = typeof given === 'string' ? normalizeBusinessNumber(given) : null;
  if (!businessNumber) {
    throw badInput(`buyer.businessNumber ${JSON.stringify(given ?? null)} is not a valid 사업자등록번호 (XXX-XX-XXXXX with its check digit)`, { field: 'buyer.businessNumber' });
  }
  const name = typeof input.buyer?.name === 'string' ? input.buyer.name : '';
  if (name.trim() === '') throw badInput('buyer.name must not be empty', { field: 'buyer.name' });
  const lines = Array.isArray(input.lines) ? (input.lines as Array<{ productId?: unknown; quantity?: unknown } | null>) : [];
  if (lines.length === 0) throw badInput('An order needs at least one line', { field: 'lines' });
  if (lines.length > MAX_ORDER_LINES) throw badInput(`An order has at most ${MAX_ORDER_LINES} lines, got ${lines.length}`, { field: 'lines' });
  const checked = lines.map((line, i) => checkLine(line, i));
  return { idempotencyKey: key, cooperativeId: oneCooperative(checked), buyer: { businessNumber, name }, lines: checked };
}

function checkLine(line: { productId?: unknown; quantity?: unknown } | null, i: number): OrderLineCheck {
  const productId = typeof line?.productId === 'string' ? line.productId : String(line?.productId ?? '');
  if (!tryParseGlobalId(productId)) throw badInput(`lines[${i}].productId ${JSON.stringify(productId)} is not an id ("<cooperativeId>:<localId>")`, { productId, line: i });
  const quantity = line?.quantity;
  if (typeof quantity !== 'number' || !Number.isSafeInteger(quantity) || quantity < 1) {
    throw badInput(`lines[${i}].quantity must be a whole number of at least 1, got ${JSON.stringify(quantity ?? null)}`, { productId, line: i });
  }
  return { productId, quantity };
}

function oneCooperative(lines: readonly OrderLineCheck[]): string {
  const owners = [...new Set(lines.map((l) => tryParseGlobalId(l.productId)!.cooperativeId))].sort();
  if (owners.length > 1) throw sbnetError('CROSS_COOPERATIVE_ORDER', { details: { cooperatives: owners } });
  return owners[0];
}

/**
 * The request's fingerprint under its idempotency key: buyer (number and
 * name) and the quantity per product, so line order and split lines do not
 * make a retry look different.
 */
export function orderFingerprint(order: CheckedOrder): string {
  const quantities = new Map<string, number>();
  for (const line of order.lines) quantities.set(line.productId, (quantities.get(line.productId) ?? 0) + line.quantity);
  const canonical = {
    cooperative: order.cooperativeId,
    buyer: [order.buyer.businessNumber, order.buyer.name.normalize('NFC').trim()],
    lines: [...quantities].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
