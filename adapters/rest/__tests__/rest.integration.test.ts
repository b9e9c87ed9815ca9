/**
 * The REST adapter against the simulated mall (demo/legacy/rest) over real
 * HTTP, compared with the in-memory reference adapter over the same dataset.
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../core/log';
import { generateDatasetWithDefects } from '../../../demo/data/generate';
import { startRestLegacy, type RestLegacyHandle } from '../../../demo/legacy/rest/server';
import { InMemoryMarketplace } from '../../../subgraphs/marketplace/inMemoryAdapter';
import { orderSortKey, productSortKey, supplierSortKey } from '../../../subgraphs/marketplace/memory';
import type {
  MarketplaceAdapter,
  OrderDimension,
  OrderFilter,
  ProductDimension,
  ProductFilter,
  ProductOrderField,
  SupplierFilter,
} from '../../../subgraphs/marketplace/port';
import { createAdapterContext, type RowReport } from '../../types';
import { restAdapter } from '../index';
import { configFor, oracleData, sortBuckets, walkPages } from '../../shared/__tests__/oracle';

const { dataset, defects } = generateDatasetWithDefects({
  id: 'kfurn', industry: 'furniture', productCount: 230, memberCount: 16, orderCount: 140, pricesIncludeVat: true, seed: 20260301,
});
const NOW = () => new Date('2026-11-02T10:00:00+09:00');

async function adapterFor(url: string, legacy: Record<string, unknown> = {}): Promise<MarketplaceAdapter & { reports: RowReport[] }> {
  const ctx = createAdapterContext(configFor(dataset, { url, ...legacy }), silentLogger);
  const adapter = await restAdapter.marketplace!(ctx);
  return Object.assign(adapter, { reports: ctx.reports });
}

/** Calls the mall served while `fn` ran. */
async function callsDuring(legacy: RestLegacyHandle, fn: () => Promise<unknown>): Promise<number> {
  const before = legacy.calls();
  await fn();
  return legacy.calls() - before;
}

describe('rest adapter — reads', () => {
  let legacy: RestLegacyHandle;
  let adapter: MarketplaceAdapter & { reports: RowReport[] };
  const oracle = new InMemoryMarketplace(oracleData(dataset));
  const products = oracleData(dataset).products;

  beforeAll(async () => {
    legacy = await startRestLegacy({ dataset, port: 0, now: NOW });
    adapter = await adapterFor(legacy.url);
  });
  afterAll(async () => {
    await adapter.close?.();
    await legacy.close();
  });

  const sample = products[17];
  const productFilters: Array<[string, ProductFilter]> = [
    ['none', {}],
    ['text (Hangul)', { text: '책상' }],
    ['text (Latin, other case)', { text: 'oa 데' }],
    ['text (sku)', { text: 'p-1002' }],
    ['text (spec)', { text: '1200x700' }],
    ['segment', { classificationPrefix: '56' }],
    ['family', { classificationPrefix: '5610' }],
    ['class', { classificationPrefix: '561017' }],
    ['commodity', { classificationPrefix: '56101504' }],
    ['prefix nothing maps to', { classificationPrefix: '30' }],
    ['supplier', { supplierLocalId: 'M003' }],
    ['gtin', { gtin: sample.gtin }],
    ['min price', { minPrice: 200000 }],
    ['max price', { maxPrice: 150000 }],
    ['price range + text', { minPrice: 100000, maxPrice: 400000, text: '의자' }],
    ['everything', { text: '사', classificationPrefix: '5610', supplierLocalId: sample.supplierLocalId, minPrice: 1, maxPrice: 10_000_000 }],
  ];
  const orders: Array<[ProductOrderField, 'ASC' | 'DESC']> = [
    ['NAME', 'ASC'], ['NAME', 'DESC'], ['PRICE', 'ASC'], ['PRICE', 'DESC'], ['UPDATED_AT', 'ASC'], ['UPDATED_AT', 'DESC'],
  ];

  it('reports the dataset’s deliberate bad rows and maps the rest', async () => {
    const all = await adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 100, after: null });
    expect(all.totalCount).toBe(dataset.products.length - defects.unmappedUnitProducts.length);
    await adapter.searchSuppliers({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 10, after: null });
    const rows = (reason: RegExp) => adapter.reports.filter((r) => reason.test(r.reason)).map((r) => r.row).sort();
    expect(rows(/GTIN/)).toEqual(defects.invalidGtins.map((c) => `goods ${c}`).sort());
    expect(rows(/UNSPSC/)).toEqual(defects.unmappedCategoryProducts.map((c) => `goods ${c}`).sort());
    expect(rows(/Rec 20/)).toEqual(defects.unmappedUnitProducts.map((c) => `goods ${c}`).sort());
    expect(rows(/사업자등록번호/)).toEqual(defects.invalidBusinessNumbers.map((c) => `vendor ${c}`).sort());
  });

  describe.each(productFilters)('searchProducts with filter %s', (_label, filter) => {
    it.each(orders)('pages %s %s to the end with keyset cursors, like the oracle', async (field, direction) => {
      const visited = await walkPages(
        (r) => adapter.searchProducts(r),
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

  it('answers first: 0 with the count and whether rows remain', async () => {
    const page = await adapter.searchProducts({ filter: { text: '책상' }, order: { field: 'PRICE', direction: 'DESC' }, first: 0, after: null });
    const expected = await oracle.searchProducts({ filter: { text: '책상' }, order: { field: 'PRICE', direction: 'DESC' }, first: 0, after: null });
    expect(page).toEqual(expected);
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.hasNextPage).toBe(true);
  });

  it('breaks ties in name and price by id', async () => {
    const page = await adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'DESC' }, first: 100, after: null });
    const tied = page.rows.filter((p, i) => i > 0 && p.name === page.rows[i - 1].name);
    expect(tied.length).toBeGreaterThan(0);
    page.rows.forEach((p, i) => {
      if (i > 0 && p.name === page.rows[i - 1].name) expect(p.localId > page.rows[i - 1].localId).toBe(true);
    });
  });

  it('reads a whole list in the fewest calls (size 100) and pushes categories down', async () => {
    const request = { order: { field: 'NAME' as const, direction: 'ASC' as const }, first: 20, after: null };
    expect(await callsDuring(legacy, () => adapter.searchProducts({ ...request, filter: {} }))).toBe(Math.ceil(dataset.products.length / 100));
    expect(await callsDuring(legacy, () => adapter.searchProducts({ ...request, filter: { classificationPrefix: '56101703' } }))).toBe(1);
    expect(await callsDuring(legacy, () => adapter.searchProducts({ ...request, filter: { classificationPrefix: '30' } }))).toBe(0);
  });

  it('gets products in one legacy call, in input order, null for unknown or unusable ones', async () => {
    const ids = [products[5].localId, 'P-99999', products[2].localId, defects.unmappedUnitProducts[0], products[5].localId, 'P-1,P-2', ''];
    let answer: unknown;
    expect(await callsDuring(legacy, async () => (answer = await adapter.getProducts(ids)))).toBe(1);
    expect(answer).toEqual(await oracle.getProducts(ids));
    expect(answer).toEqual([products[5], null, products[2], null, products[5], null, null]);
    expect(await callsDuring(legacy, () => adapter.getProducts([]))).toBe(0);
  });

  it('gets suppliers and orders in one legacy call each', async () => {
    const supplierIds = ['M002', defects.invalidBusinessNumbers[0], 'M404', 'M001'];
    let suppliers: unknown;
    expect(await callsDuring(legacy, async () => (suppliers = await adapter.getSuppliers(supplierIds)))).toBe(1);
    expect(suppliers).toEqual(await oracle.getSuppliers(supplierIds));
    expect((suppliers as unknown[])[1]).toBeNull();
    const orderIds = [dataset.orders[3].code, 'ORD-NONE', dataset.orders[0].code];
    let orders: unknown;
    expect(await callsDuring(legacy, async () => (orders = await adapter.getOrders(orderIds)))).toBe(1);
    expect(orders).toEqual(await oracle.getOrders(orderIds));
  });

  it.each<[string, SupplierFilter]>([
    ['none', {}],
    ['text', { text: '가구' }],
    ['region', { region: '경기' }],
    ['business number', { businessNumber: dataset.members[4].businessNumber.replace(/-/g, '') }],
  ])('searches suppliers with filter %s like the oracle', async (_label, filter) => {
    await walkPages((r) => adapter.searchSuppliers(r), (r) => oracle.searchSuppliers(r), { filter, order: { field: 'NAME', direction: 'ASC' } }, 5, supplierSortKey);
  });

  it.each<[string, OrderFilter]>([
    ['none', {}],
    ['status', { status: 'DELIVERED' }],
    ['from/to (mid-day bounds)', { from: '2026-03-01T12:00:00+09:00', to: '2026-07-15T09:30:00Z' }],
    ['buyer', { buyerBusinessNumber: dataset.orders[7].buyerBusinessNumber }],
    ['supplier', { supplierLocalId: dataset.orders[9].supplierCode }],
    ['status + range', { status: 'CANCELLED', from: '2025-06-01T00:00:00+09:00' }],
  ])('searches orders with filter %s like the oracle (newest first)', async (_label, filter) => {
    await walkPages((r) => adapter.searchOrders(r), (r) => oracle.searchOrders(r), { filter, order: { field: 'ORDERED_AT', direction: 'DESC' } }, 23, orderSortKey);
  });

  it.each<ProductDimension[]>([[], ['SEGMENT'], ['FAMILY'], ['SUPPLIER_REGION'], ['COOPERATIVE', 'FAMILY', 'SUPPLIER_REGION']])(
    'computes product stats grouped by %p like the oracle',
    async (...groupBy) => {
      for (const filter of [{}, { classificationPrefix: '5610' }, { maxPrice: 200000 }] as ProductFilter[]) {
        expect(sortBuckets(await adapter.productStats(filter, groupBy))).toEqual(sortBuckets(await oracle.productStats(filter, groupBy)));
      }
    },
  );

  it.each<OrderDimension[]>([[], ['MONTH'], ['SEGMENT'], ['STATUS'], ['COOPERATIVE', 'MONTH', 'SEGMENT', 'STATUS']])(
    'computes order stats grouped by %p like the oracle',
    async (...groupBy) => {
      for (const filter of [{}, { status: 'DELIVERED' }, { from: '2026-01-01T00:00:00+09:00' }] as OrderFilter[]) {
        expect(sortBuckets(await adapter.orderStats(filter, groupBy))).toEqual(sortBuckets(await oracle.orderStats(filter, groupBy)));
      }
    },
  );

  it('honours a smaller configured page size', async () => {
    const small = await adapterFor(legacy.url, { pageSize: 40 });
    const calls = await callsDuring(legacy, () => small.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 5, after: null }));
    expect(calls).toBe(Math.ceil(dataset.products.length / 40));
    await small.close?.();
  });
});

describe('rest adapter — orders', () => {
  let legacy: RestLegacyHandle;
  let adapter: MarketplaceAdapter;
  const buyer = { businessNumber: '220-81-00127', name: '서울특별시교육청' };
  const [p1, p2] = oracleData(dataset).products.filter((p) => p.supplierLocalId === 'M001');

  beforeEach(async () => {
    legacy = await startRestLegacy({ dataset, port: 0, now: NOW });
    adapter = await adapterFor(legacy.url);
  });
  afterEach(async () => {
    await adapter.close?.();
    await legacy.close();
  });

  const place = (key: string, quantity = 3) =>
    adapter.placeOrder({ idempotencyKey: key, buyer, lines: [{ productLocalId: p1.localId, quantity }, { productLocalId: p2.localId, quantity: 1 }] });

  it('places an order priced from the mall’s goods, excluding VAT', async () => {
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
    expect((await adapter.getOrders([order.localId]))[0]).toEqual(order);
  });

  it('returns the same order for the same key, sequentially and concurrently, and creates one', async () => {
    const first = await place('key-2');
    expect(await place('key-2')).toEqual(first);
    const [a, b] = await Promise.all([place('key-3'), place('key-3')]);
    expect(a).toEqual(b);
    const all = await adapter.searchOrders({ filter: {}, order: { field: 'ORDERED_AT', direction: 'DESC' }, first: 100, after: null });
    expect(all.totalCount).toBe(dataset.orders.length + 2);
  });

  it('finds an order another adapter instance placed with the key', async () => {
    const other = await adapterFor(legacy.url);
    const first = await other.placeOrder({ idempotencyKey: 'key-4', buyer, lines: [{ productLocalId: p1.localId, quantity: 3 }, { productLocalId: p2.localId, quantity: 1 }] });
    await other.close?.();
    expect(await place('key-4')).toEqual(first);
  });

  it('returns the earlier order for a reused key even with other lines (the role server flags the conflict)', async () => {
    const first = await place('key-5', 3);
    expect(await place('key-5', 4)).toEqual(first);
  });

  it('turns the mall’s refusals into BAD_USER_INPUT', async () => {
    await expect(adapter.placeOrder({ idempotencyKey: 'k6', buyer, lines: [{ productLocalId: 'P-99999', quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(adapter.placeOrder({ idempotencyKey: 'k7', buyer: { ...buyer, businessNumber: '220-81-00128' }, lines: [{ productLocalId: p1.localId, quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('cancels an order once it exists, and refuses unknown or shipped ones', async () => {
    const order = await place('key-8');
    const cancelled = await adapter.cancelOrder(order.localId, '수량 변경');
    expect(cancelled).toEqual({ ...order, status: 'CANCELLED' });
    expect(await adapter.cancelOrder(order.localId, null)).toEqual(cancelled);
    await expect(adapter.cancelOrder('ORD-NONE', null)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    const delivered = dataset.orders.find((o) => o.status === 'DELIVERED')!;
    await expect(adapter.cancelOrder(delivered.code, null)).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  });
});

describe('rest adapter — a legacy that fails', () => {
  const request = { filter: {}, order: { field: 'NAME' as const, direction: 'ASC' as const }, first: 10, after: null };

  it('answers COOPERATIVE_UNAVAILABLE when the mall is down', async () => {
    const legacy = await startRestLegacy({ dataset, port: 0 });
    const url = legacy.url;
    await legacy.close();
    const adapter = await adapterFor(url);
    await expect(adapter.searchProducts(request)).rejects.toMatchObject({
      extensions: { code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: 'kfurn', reason: expect.stringContaining('connection refused') },
    });
    await expect(adapter.getProducts(['P-10001'])).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE' } });
    await adapter.close?.();
  });

  it.each([
    ['http500', /HTTP 500/],
    ['badJson', /invalid JSON/],
    ['resultCode', /resultCode 9999: DB 연결 오류/],
  ] as const)('answers COOPERATIVE_UNAVAILABLE on %s', async (fault, reason) => {
    const legacy = await startRestLegacy({ dataset, port: 0 });
    const adapter = await adapterFor(legacy.url);
    legacy.setFault(fault);
    await expect(adapter.productStats({}, [])).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: expect.stringMatching(reason) } });
    await expect(adapter.getOrders(['x'])).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE' } });
    legacy.setFault(null);
    expect((await adapter.searchProducts(request)).rows).toHaveLength(10);
    await adapter.close?.();
    await legacy.close();
  });

  it('answers COOPERATIVE_UNAVAILABLE on an unknown path (HTML 404)', async () => {
    const legacy = await startRestLegacy({ dataset, port: 0 });
    const adapter = await adapterFor(`${legacy.url}/wrong-prefix`);
    await expect(adapter.searchSuppliers(request)).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: expect.stringContaining('HTTP 404') } });
    await adapter.close?.();
    await legacy.close();
  });

  it('gives up after timeoutMs when the mall does not answer', async () => {
    const sockets: Array<{ destroy(): void }> = [];
    const silent: Server = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const adapter = await adapterFor(`http://127.0.0.1:${(silent.address() as AddressInfo).port}`, { timeoutMs: 200 });
    await expect(adapter.searchOrders({ ...request, order: { field: 'ORDERED_AT', direction: 'DESC' } })).rejects.toMatchObject({
      extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: expect.stringContaining('no answer within 200 ms') },
    });
    await adapter.close?.();
    await new Promise<void>((resolve) => {
      silent.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  });
});
