/**
 * The marketplace role over the ERP tables: every search, count, sort, page
 * and aggregate runs in the database; TypeScript maps rows and merges stats
 * buckets. Works on any `SqlClient`, whatever its dialect.
 */
import type {
  MarketplaceAdapter,
  OrderDimension,
  OrderFilter,
  OrderRecord,
  OrderStatsRow,
  Page,
  PageRequest,
  PlaceOrderRequest,
  ProductDimension,
  ProductFilter,
  ProductOrderField,
  ProductRecord,
  ProductStatsRow,
  SupplierFilter,
  SupplierRecord,
} from '../../subgraphs/marketplace/port';
import type { SqlClient, SqlRow } from './dialect';
import { mapItem, mapVendor, text, type MappingContext } from './mapping';
import { fetchOrders, orderFilterConditions, orderIsReadable, orderSort } from './orders';
import { fetchPage } from './paging';
import { timestampKeyset, textKeyset } from './cursorKeys';
import { cancelOrder, placeOrder, type PlaceOrderDeps } from './placeOrder';
import { ITEM_COLUMNS, itemIsProduct, productFilterConditions, productKeyset, productSort, type ItemQueryContext } from './products';
import { and, inList, raw, sql, type Sql } from './sql';
import { orderStats, productStats } from './stats';
import { supplierFilterConditions, supplierSort, VEND_COLUMNS, vendorIsSupplier } from './suppliers';
import { loadInvalidBusinessNumbers, loadItemVocabulary, type ItemVocabulary } from './vocabulary';

export interface SqlMarketplaceOptions {
  /** Clock for placed orders (tests pin it). */
  now?: () => Date;
}

const NO_VOCABULARY: ItemVocabulary = { units: [], categories: new Map(), invalidDays: [] };

/** Rows in request order; null where absent or refused by the mapping. */
function inRequestOrder<T>(localIds: readonly string[], found: ReadonlyMap<string, T>): Array<T | null> {
  return localIds.map((id) => found.get(id) ?? null);
}

/** Rows failing any of `conditions` (a NULL counts as failing, which plain NOT would not do). */
function excluded(conditions: readonly Sql[]): Sql {
  return sql`CASE WHEN ${and(conditions)} THEN 0 ELSE 1 END = 1`;
}

function mapRows<T extends { localId: string }>(rows: readonly SqlRow[], map: (row: SqlRow) => T | null): T[] {
  return rows.map(map).filter((record): record is T => record !== null);
}

export class SqlMarketplace implements MarketplaceAdapter {
  readonly kind: string;
  private readonly now: () => Date;

  constructor(
    private readonly client: SqlClient,
    private readonly ctx: MappingContext,
    options: SqlMarketplaceOptions = {},
  ) {
    this.kind = client.dialect.name;
    this.now = options.now ?? (() => new Date());
  }

  private async itemContext(needed = true): Promise<ItemQueryContext> {
    const vocabulary = needed ? await loadItemVocabulary(this.client, this.ctx) : NO_VOCABULARY;
    return { dialect: this.client.dialect, vocabulary, pricesIncludeVat: this.ctx.config.pricesIncludeVat };
  }

  async searchProducts(request: PageRequest<ProductFilter, ProductOrderField>): Promise<Page<ProductRecord>> {
    const q = await this.itemContext();
    const { field, direction } = request.order;
    const page = await fetchPage(this.client, {
      columns: ITEM_COLUMNS,
      from: raw('ITEM_MST i'),
      where: and([...itemIsProduct(q), ...productFilterConditions(q, request.filter)]),
      sort: productSort(q, field, direction),
      first: request.first,
      after: request.after && productKeyset(field, request.after),
    });
    return { ...page, rows: mapRows(page.rows, (row) => mapItem(row, this.ctx)) };
  }

  async getProducts(localIds: readonly string[]): Promise<Array<ProductRecord | null>> {
    if (localIds.length === 0) return [];
    const rows = await this.client.query(sql`SELECT ${ITEM_COLUMNS} FROM ITEM_MST i WHERE ${inList(raw('i.ITEM_CD'), [...new Set(localIds)])}`);
    const found = new Map(mapRows(rows, (row) => mapItem(row, this.ctx)).map((p) => [p.localId, p]));
    return inRequestOrder(localIds, found);
  }

  async searchSuppliers(request: PageRequest<SupplierFilter, 'NAME'>): Promise<Page<SupplierRecord>> {
    const d = this.client.dialect;
    const invalid = await loadInvalidBusinessNumbers(this.client);
    const page = await fetchPage(this.client, {
      columns: VEND_COLUMNS,
      from: raw('VEND_MST v'),
      where: and([...vendorIsSupplier(d, invalid), ...supplierFilterConditions(d, request.filter)]),
      sort: supplierSort(d, request.order.direction),
      first: request.first,
      after: request.after && textKeyset(request.after),
    });
    return { ...page, rows: mapRows(page.rows, (row) => mapVendor(row, this.ctx)) };
  }

  async getSuppliers(localIds: readonly string[]): Promise<Array<SupplierRecord | null>> {
    if (localIds.length === 0) return [];
    const rows = await this.client.query(sql`SELECT ${VEND_COLUMNS} FROM VEND_MST v WHERE ${inList(raw('v.VEND_CD'), [...new Set(localIds)])}`);
    const found = new Map(mapRows(rows, (row) => mapVendor(row, this.ctx)).map((s) => [s.localId, s]));
    return inRequestOrder(localIds, found);
  }

  /** A page of order numbers first (LIMIT applies to headers), then those orders with their lines. */
  async searchOrders(request: PageRequest<OrderFilter, 'ORDERED_AT'>): Promise<Page<OrderRecord>> {
    const d = this.client.dialect;
    const page = await fetchPage(this.client, {
      columns: raw('h.ORD_NO AS ORD_NO'),
      from: raw('ORD_HDR h'),
      where: and([...orderIsReadable(d), ...orderFilterConditions(d, request.filter)]),
      sort: orderSort(d, request.order.direction),
      first: request.first,
      after: request.after && timestampKeyset(request.after),
    });
    const orderNos = page.rows.map((row) => text(row.ORD_NO));
    const fetched = await fetchOrders(this.client, orderNos, this.ctx);
    const rows = orderNos.map((no) => fetched.get(no)?.order).filter((o): o is OrderRecord => o !== undefined);
    return { ...page, rows };
  }

  async getOrders(localIds: readonly string[]): Promise<Array<OrderRecord | null>> {
    const fetched = await fetchOrders(this.client, localIds, this.ctx);
    return localIds.map((id) => fetched.get(id)?.order ?? null);
  }

  async productStats(filter: ProductFilter, groupBy: readonly ProductDimension[]): Promise<ProductStatsRow[]> {
    const q = await this.itemContext();
    const invalid = groupBy.includes('SUPPLIER_REGION') ? await loadInvalidBusinessNumbers(this.client) : [];
    return productStats(this.client, q, invalid, filter, groupBy);
  }

  async orderStats(filter: OrderFilter, groupBy: readonly OrderDimension[]): Promise<OrderStatsRow[]> {
    // Only the SEGMENT dimension looks at products (the first line's category).
    const q = await this.itemContext(groupBy.includes('SEGMENT'));
    return orderStats(this.client, q, filter, groupBy);
  }

  /**
   * Reports every row the searches leave out (unmapped unit, unreadable price
   * or date, invalid 사업자등록번호, unknown status…). Searches exclude those
   * rows in SQL and so never map them; this maps them once, for the report.
   * Rows that are served but repaired (bad GTIN, unmapped category) are
   * reported as they are served.
   */
  async audit(): Promise<void> {
    const d = this.client.dialect;
    const q = await this.itemContext();
    const items = await this.client.query(sql`SELECT ${ITEM_COLUMNS} FROM ITEM_MST i WHERE ${excluded(itemIsProduct(q))}`);
    for (const row of items) mapItem(row, this.ctx);
    const invalid = await loadInvalidBusinessNumbers(this.client);
    const vendors = await this.client.query(sql`SELECT ${VEND_COLUMNS} FROM VEND_MST v WHERE ${excluded(vendorIsSupplier(d, invalid))}`);
    for (const row of vendors) mapVendor(row, this.ctx);
    const orders = await this.client.query(sql`SELECT h.ORD_NO AS ORD_NO FROM ORD_HDR h WHERE ${excluded(orderIsReadable(d))}`);
    await fetchOrders(this.client, orders.map((row) => text(row.ORD_NO)), this.ctx);
  }

  placeOrder(request: PlaceOrderRequest): Promise<OrderRecord> {
    return placeOrder(this.deps(), request);
  }

  cancelOrder(localId: string, reason: string | null): Promise<OrderRecord> {
    return cancelOrder(this.deps(), localId, reason);
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private deps(): PlaceOrderDeps {
    return { client: this.client, ctx: this.ctx, now: this.now };
  }
}
