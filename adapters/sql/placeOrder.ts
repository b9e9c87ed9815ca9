/**
 * Writing orders into the ERP: one transaction that looks up the idempotency
 * key, prices the lines from ITEM_MST, and inserts ORD_HDR + ORD_DTL. Two
 * concurrent requests with the same key race on IDEMP_KEY's unique index; the
 * loser retries and finds the winner's order, so a key never makes two orders.
 */
import { businessNumberDigits, isValidBusinessNumber } from '../../core/domain/businessNumber';
import { isCancellable } from '../../core/domain/orderStatus';
import { badInput, sbnetError } from '../../core/errors';
import type { OrderRecord, PlaceOrderRequest } from '../../subgraphs/marketplace/port';
import { toLegacyTimestamp } from './cursorKeys';
import type { SqlClient } from './dialect';
import { orderStatusOf, WORD_BY_ORDER_STATUS } from './layout';
import { mapItem, text, toInteger, type MappingContext } from './mapping';
import { fetchOrders } from './orders';
import { ITEM_COLUMNS } from './products';
import { inList, join, raw, sql } from './sql';

const ATTEMPTS = 5;

/** Orders placed through SB-NET are numbered SB<YYYYMMDD>-<seq>, apart from the ERP's own. */
const ORDER_PREFIX = 'SB';

export interface PlaceOrderDeps {
  client: SqlClient;
  ctx: MappingContext;
  now: () => Date;
}

export async function placeOrder(deps: PlaceOrderDeps, request: PlaceOrderRequest): Promise<OrderRecord> {
  validateRequest(request);
  for (let attempt = 1; ; attempt++) {
    try {
      return await deps.client.transaction((tx) => placeInTransaction({ ...deps, client: tx }, request));
    } catch (error) {
      // A concurrent insert took our ORD_NO or our key: the next attempt numbers anew or finds that order.
      if (!deps.client.dialect.isConflict(error) || attempt >= ATTEMPTS) throw error;
    }
  }
}

function validateRequest(request: PlaceOrderRequest): void {
  if (!request.idempotencyKey) throw badInput('placeOrder needs an idempotencyKey');
  if (request.lines.length === 0) throw badInput('An order needs at least one line');
  for (const line of request.lines) {
    if (!Number.isSafeInteger(line.quantity) || line.quantity < 1) {
      throw badInput(`Quantity ${line.quantity} of ${line.productLocalId} is not a positive integer`);
    }
  }
  if (!isValidBusinessNumber(request.buyer.businessNumber)) {
    throw badInput(`Buyer business number ${JSON.stringify(request.buyer.businessNumber)} is not a valid 사업자등록번호`);
  }
}

async function placeInTransaction(deps: PlaceOrderDeps, request: PlaceOrderRequest): Promise<OrderRecord> {
  const { client } = deps;
  const existing = await client.query(sql`SELECT ORD_NO FROM ORD_HDR WHERE IDEMP_KEY = ${request.idempotencyKey}`);
  if (existing.length) return readOrder(deps, text(existing[0].ORD_NO));
  const prices = await storedPrices(deps, request.lines.map((l) => l.productLocalId));
  const now = deps.now();
  const orderNo = await nextOrderNo(client, now);
  const first = prices.get(request.lines[0].productLocalId)!;
  await client.query(sql`
    INSERT INTO ORD_HDR (ORD_NO, BUYER_BIZ_NO, BUYER_NM, VEND_CD, ORD_STAT, ORD_DTM, IDEMP_KEY)
    VALUES (${orderNo}, ${businessNumberDigits(request.buyer.businessNumber)}, ${request.buyer.name}, ${first.vendor},
            ${WORD_BY_ORDER_STATUS.RECEIVED}, ${toLegacyTimestamp(now.getTime())}, ${request.idempotencyKey})`);
  const rows = request.lines.map(
    (line, i) => sql`(${orderNo}, ${i + 1}, ${line.productLocalId}, ${line.quantity}, ${prices.get(line.productLocalId)!.price})`,
  );
  await client.query(sql`INSERT INTO ORD_DTL (ORD_NO, LINE_NO, ITEM_CD, ORD_QTY, UNIT_PRC) VALUES ${join(rows, ', ')}`);
  return readOrder(deps, orderNo);
}

interface StoredPrice {
  /** SALE_PRC as stored (the ERP keeps line prices in its own VAT convention). */
  price: number;
  vendor: string | null;
}

/** The products ordered, read in one query; an unknown or unusable product refuses the order. */
async function storedPrices(deps: PlaceOrderDeps, localIds: readonly string[]): Promise<Map<string, StoredPrice>> {
  const rows = await deps.client.query(sql`SELECT ${ITEM_COLUMNS} FROM ITEM_MST i WHERE ${inList(raw('i.ITEM_CD'), [...new Set(localIds)])}`);
  const prices = new Map<string, StoredPrice>();
  for (const row of rows) {
    const product = mapItem(row, deps.ctx);
    if (product) prices.set(product.localId, { price: toInteger(row.SALE_PRC)!, vendor: product.supplierLocalId });
  }
  const unknown = localIds.find((id) => !prices.has(id));
  if (unknown !== undefined) throw badInput(`Unknown product ${unknown}`, { productId: unknown });
  return prices;
}

async function nextOrderNo(client: SqlClient, now: Date): Promise<string> {
  const prefix = `${ORDER_PREFIX}${toLegacyTimestamp(now.getTime()).slice(0, 8)}-`;
  const rows = await client.query(sql`SELECT MAX(ORD_NO) AS M FROM ORD_HDR WHERE ORD_NO LIKE ${`${prefix}%`}`);
  const last = rows[0]?.M == null ? 0 : Number(text(rows[0].M).slice(prefix.length)) || 0;
  return `${prefix}${String(last + 1).padStart(6, '0')}`;
}

async function readOrder(deps: PlaceOrderDeps, orderNo: string): Promise<OrderRecord> {
  const fetched = (await fetchOrders(deps.client, [orderNo], deps.ctx)).get(orderNo);
  if (!fetched) throw sbnetError('BAD_USER_INPUT', { message: `Order ${orderNo} exists but cannot be read` });
  return fetched.order;
}

/**
 * Marks an order cancelled (keeping the reason); cancelling twice changes
 * nothing; an order already shipped or delivered is refused (BAD_USER_INPUT).
 */
export async function cancelOrder(deps: PlaceOrderDeps, localId: string, reason: string | null): Promise<OrderRecord> {
  return deps.client.transaction(async (tx) => {
    const found = await tx.query(sql`SELECT ORD_NO, ORD_STAT FROM ORD_HDR WHERE ORD_NO = ${localId}`);
    if (found.length === 0) throw badInput(`Unknown order ${localId}`, { orderId: localId });
    const orderNo = text(found[0].ORD_NO); // as stored (a case-insensitive collation may have matched another spelling)
    const status = orderStatusOf(found[0].ORD_STAT);
    if (!isCancellable(status)) throw badInput(`Order ${localId} has already shipped and can no longer be cancelled`, { orderId: localId });
    if (status !== 'CANCELLED') {
      await tx.query(sql`UPDATE ORD_HDR SET ORD_STAT = ${WORD_BY_ORDER_STATUS.CANCELLED}, CNCL_RSN = ${reason} WHERE ORD_NO = ${orderNo}`);
    }
    return readOrder({ ...deps, client: tx }, orderNo);
  });
}
