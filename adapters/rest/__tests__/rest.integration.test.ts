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
import type { MarketplaceAdapter, ProductFilter } from '../../../subgraphs/marketplace/port';
import { createAdapterContext, type RowReport } from '../../types';
import { restAdapter } from '../index';
import { mallOrderTests, mallReadTests } from '../../shared/__tests__/mallTests';
import { callsDuring, configFor, oracleData } from '../../shared/__tests__/oracle';

const { dataset, defects } = generateDatasetWithDefects({
  id: 'kfurn', industry: 'furniture', productCount: 230, memberCount: 16, orderCount: 140, pricesIncludeVat: true, seed: 20260301,
});
const NOW = () => new Date('2026-11-02T10:00:00+09:00');

async function adapterFor(url: string, legacy: Record<string, unknown> = {}): Promise<MarketplaceAdapter & { reports: RowReport[] }> {
  const ctx = createAdapterContext(configFor(dataset, { url, ...legacy }), silentLogger);
  const adapter = await restAdapter.marketplace!(ctx);
  return Object.assign(adapter, { reports: ctx.reports });
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

  mallReadTests({
    adapter: () => adapter,
    oracle,
    dataset,
    defects,
    callsDuring: (fn) => callsDuring(legacy, fn),
    productFilters,
    supplierText: '가구',
    productStatsFilters: [{}, { classificationPrefix: '5610' }, { maxPrice: 200000 }],
    orderWalks: [['DESC', 23]],
  });

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

  it('answers first: 0 with the count and whether rows remain', async () => {
    const page = await adapter.searchProducts({ filter: { text: '책상' }, order: { field: 'PRICE', direction: 'DESC' }, first: 0, after: null });
    const expected = await oracle.searchProducts({ filter: { text: '책상' }, order: { field: 'PRICE', direction: 'DESC' }, first: 0, after: null });
    expect(page).toEqual(expected);
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.hasNextPage).toBe(true);
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

  mallOrderTests({ adapter: () => adapter, another: () => adapterFor(legacy.url), dataset, buyer, products: [p1, p2] });

  it('turns the mall’s refusals into BAD_USER_INPUT', async () => {
    await expect(adapter.placeOrder({ idempotencyKey: 'k6', buyer, lines: [{ productLocalId: 'P-99999', quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
    await expect(adapter.placeOrder({ idempotencyKey: 'k7', buyer: { ...buyer, businessNumber: '220-81-00128' }, lines: [{ productLocalId: p1.localId, quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
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
