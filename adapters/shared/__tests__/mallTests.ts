/**
 * The tests both mall adapters (rest, soap) share, each against its own
 * simulated mall and dataset. Reads: every search paged to the end like the
 * oracle, ties broken by id, batch gets in one legacy call, stats like the
 * oracle. Orders: priced from the mall excluding VAT, placed once per
 * idempotency key, cancelled once. Each adapter's test file calls these
 * inside its own `describe` (whose hooks start the mall) and keeps what only
 * its legacy system has (call counts per endpoint, encodings, faults).
 */
import type { DatasetDefects } from '../../../demo/data/generate';
import type { LegacyDataset } from '../../../demo/data/types';
import type { InMemoryMarketplace } from '../../../subgraphs/marketplace/inMemoryAdapter';
import { orderSortKey, productSortKey, supplierSortKey } from '../../../subgraphs/marketplace/memory';
import type {
  MarketplaceAdapter,
  OrderDimension,
  OrderFilter,
  ProductDimension,
  ProductFilter,
  ProductOrderField,
  ProductRecord,
  SupplierFilter,
} from '../../../subgraphs/marketplace/port';
import { sortBuckets, walkPages } from './oracle';

export interface MallReadTestsSpec {
  /** The adapter under test (started in the caller's `beforeAll`). */
  adapter(): MarketplaceAdapter;
  oracle: InMemoryMarketplace;
  dataset: LegacyDataset;
  defects: DatasetDefects;
  /** Calls the mall served while `fn` ran. */
  callsDuring(fn: () => Promise<unknown>): Promise<number>;
  /** Product filters that select something in this mall's industry. */
  productFilters: Array<[string, ProductFilter]>;
  /** A supplier-name text that matches in this mall's dataset. */
  supplierText: string;
  /** Product filters for the stats comparisons. */
  productStatsFilters: ProductFilter[];
  /** Order directions the order searches are walked in, with the page size of each. */
  orderWalks: Array<['ASC' | 'DESC', number]>;
}

const PRODUCT_ORDERS: Array<[ProductOrderField, 'ASC' | 'DESC']> = [
  ['NAME', 'ASC'], ['NAME', 'DESC'], ['PRICE', 'ASC'], ['PRICE', 'DESC'], ['UPDATED_AT', 'ASC'], ['UPDATED_AT', 'DESC'],
];

export function mallReadTests(spec: MallReadTestsSpec): void {
  const { oracle, dataset, defects } = spec;

  describe.each(spec.productFilters)('searchProducts with filter %s', (_label, filter) => {
    it.each(PRODUCT_ORDERS)('pages %s %s to the end with keyset cursors, every row once, like the oracle', async (field, direction) => {
      const visited = await walkPages(
        (r) => spec.adapter().searchProducts(r),
        (r) => oracle.searchProducts(r),
        { filter, order: { field, direction } },
        37,
        productSortKey,
      );
      const expected = (await oracle.searchProducts({ filter, order: { field, direction }, first: 100_000, after: null })).rows;
      expect(visited).toEqual(expected.map((p) => p.localId));
      expect(new Set(visited).size).toBe(visited.length);
    });
  });

  it('breaks ties in name by id (the mall’s own order is not the network’s)', async () => {
    const page = await spec.adapter().searchProducts({ filter: {}, order: { field: 'NAME', direction: 'DESC' }, first: 100, after: null });
    const tied = page.rows.filter((p, i) => i > 0 && p.name === page.rows[i - 1].name);
    expect(tied.length).toBeGreaterThan(0);
    page.rows.forEach((p, i) => {
      if (i > 0 && p.name === page.rows[i - 1].name) expect(p.localId > page.rows[i - 1].localId).toBe(true);
    });
  });

  it('gets suppliers and orders in one legacy call each', async () => {
    const supplierIds = ['M002', defects.invalidBusinessNumbers[0], 'M404', 'M001'];
    let suppliers: unknown;
    expect(await spec.callsDuring(async () => (suppliers = await spec.adapter().getSuppliers(supplierIds)))).toBe(1);
    expect(suppliers).toEqual(await oracle.getSuppliers(supplierIds));
    expect((suppliers as unknown[])[1]).toBeNull();
    const orderIds = [dataset.orders[3].code, 'ORD-NONE', dataset.orders[0].code];
    let orders: unknown;
    expect(await spec.callsDuring(async () => (orders = await spec.adapter().getOrders(orderIds)))).toBe(1);
    expect(orders).toEqual(await oracle.getOrders(orderIds));
  });

  it.each<[string, SupplierFilter]>([
    ['none', {}],
    ['text', { text: spec.supplierText }],
    ['region', { region: '경기' }],
    ['business number', { businessNumber: dataset.members[4].businessNumber.replace(/-/g, '') }],
  ])('searches suppliers with filter %s like the oracle', async (_label, filter) => {
    await walkPages((r) => spec.adapter().searchSuppliers(r), (r) => oracle.searchSuppliers(r), { filter, order: { field: 'NAME', direction: 'ASC' } }, 5, supplierSortKey);
  });

  it.each<[string, OrderFilter]>([
    ['none', {}],
    ['status', { status: 'DELIVERED' }],
    ['from/to (mid-day bounds)', { from: '2026-03-01T12:00:00+09:00', to: '2026-07-15T09:30:00Z' }],
    ['buyer', { buyerBusinessNumber: dataset.orders[7].buyerBusinessNumber }],
    ['supplier', { supplierLocalId: dataset.orders[9].supplierCode }],
    ['status + range', { status: 'CANCELLED', from: '2025-06-01T00:00:00+09:00' }],
  ])('searches orders with filter %s like the oracle', async (_label, filter) => {
    for (const [direction, first] of spec.orderWalks) {
      await walkPages((r) => spec.adapter().searchOrders(r), (r) => oracle.searchOrders(r), { filter, order: { field: 'ORDERED_AT', direction } }, first, orderSortKey);
    }
  });

  it.each<ProductDimension[]>([[], ['SEGMENT'], ['FAMILY'], ['SUPPLIER_REGION'], ['COOPERATIVE', 'FAMILY', 'SUPPLIER_REGION']])(
    'computes product stats grouped by %p like the oracle',
    async (...groupBy) => {
      for (const filter of spec.productStatsFilters) {
        expect(sortBuckets(await spec.adapter().productStats(filter, groupBy))).toEqual(sortBuckets(await oracle.productStats(filter, groupBy)));
      }
    },
  );

  it.each<OrderDimension[]>([[], ['MONTH'], ['SEGMENT'], ['STATUS'], ['COOPERATIVE', 'MONTH', 'SEGMENT', 'STATUS']])(
    'computes order stats grouped by %p like the oracle',
    async (...groupBy) => {
      for (const filter of [{}, { status: 'DELIVERED' }, { from: '2026-01-01T00:00:00+09:00' }] as OrderFilter[]) {
        expect(sortBuckets(await spec.adapter().orderStats(filter, groupBy))).toEqual(sortBuckets(await oracle.orderStats(filter, groupBy)));
      }
    },
  );
}

export interface MallOrderTestsSpec {
  /** The adapter under test (a fresh mall per test, started in the caller's `beforeEach`). */
  adapter(): MarketplaceAdapter;
  /** Another adapter instance over the same mall. */
  another(): Promise<MarketplaceAdapter>;
  dataset: LegacyDataset;
  buyer: { businessNumber: string; name: string };
  /** Two products of supplier M001. */
  products: ProductRecord[];
}

export function mallOrderTests(spec: MallOrderTestsSpec): void {
  const { buyer, products: [p1, p2] } = spec;
  const lines = (quantity: number) => [{ productLocalId: p1.localId, quantity }, { productLocalId: p2.localId, quantity: 1 }];
  const place = (key: string, quantity = 3) => spec.adapter().placeOrder({ idempotencyKey: key, buyer, lines: lines(quantity) });

  it('places an order priced from the mall’s products, excluding VAT', async () => {
    const order = await place('key-1');
    expect(order).toMatchObject({
      buyer,
      supplierLocalId: 'M001',
      status: 'RECEIVED',
      orderedAt: '2026-11-02T10:00:00+09:00',
      idempotencyKey: 'key-1',
      lines: [
        { productLocalId: p1.localId, quantity: 3, unitPrice: p1.price, amount: { amount: p1.price.amount * 3, vat: p1.price.vat * 3, currency: 'KRW' } },
        { productLocalId: p2.localId, quantity: 1, unitPrice: p2.price },
      ],
    });
    expect(order.total.amount).toBe(p1.price.amount * 3 + p2.price.amount);
    expect((await spec.adapter().getOrders([order.localId]))[0]).toEqual(order);
  });

  it('returns the same order for the same key, sequentially and concurrently, and creates one', async () => {
    const first = await place('key-2');
    expect(await place('key-2')).toEqual(first);
    const [a, b] = await Promise.all([place('key-3'), place('key-3')]);
    expect(a).toEqual(b);
    const all = await spec.adapter().searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after: null });
    expect(all.totalCount).toBe(spec.dataset.orders.length + 2);
  });

  it('finds an order another adapter instance placed with the key', async () => {
    const other = await spec.another();
    const first = await other.placeOrder({ idempotencyKey: 'key-4', buyer, lines: lines(3) });
    await other.close?.();
    expect(await place('key-4')).toEqual(first);
  });

  it('returns the earlier order for a reused key even with other lines (the role server flags the conflict)', async () => {
    const first = await place('key-5', 3);
    expect(await place('key-5', 4)).toEqual(first);
  });

  it('cancels an order once it exists, and refuses unknown or shipped ones', async () => {
    const adapter = spec.adapter();
    const order = await place('key-8');
    const cancelled = await adapter.cancelOrder(order.localId, '수량 변경');
    expect(cancelled).toEqual({ ...order, status: 'CANCELLED' });
    expect(await adapter.cancelOrder(order.localId, null)).toEqual(cancelled);
    expect((await adapter.getOrders([order.localId]))[0]).toEqual(cancelled);
    await expect(adapter.cancelOrder('ORD-NONE', null)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const delivered = spec.dataset.orders.find((o) => o.status === 'DELIVERED')!;
    await expect(adapter.cancelOrder(delivered.code, null)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
}
