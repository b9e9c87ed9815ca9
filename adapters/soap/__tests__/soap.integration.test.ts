/**
 * The SOAP adapter against the simulated EUC-KR mall (demo/legacy/soap) over
 * real HTTP, compared with the in-memory reference adapter over the records
 * the dataset should map to (an oracle built from legacy terms, not from the
 * SOAP field names).
 */
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { silentLogger } from '../../../core/log';
import { mapCategory } from '../../../core/domain/unspsc';
import { generateDatasetWithDefects } from '../../../demo/data/generate';
import { startSoapLegacy, type SoapLegacyHandle } from '../../../demo/legacy/soap/server';
import { InMemoryMarketplace } from '../../../subgraphs/marketplace/inMemoryAdapter';
import type { MarketplaceAdapter, ProductFilter } from '../../../subgraphs/marketplace/port';
import { mallOrderTests, mallReadTests } from '../../shared/__tests__/mallTests';
import { callsDuring, configFor, oracleData } from '../../shared/__tests__/oracle';
import { createAdapterContext, type RowReport } from '../../types';
import { soapAdapter } from '../index';

const { dataset, defects } = generateDatasetWithDefects({
  id: 'kelec', industry: 'electrical', productCount: 230, memberCount: 16, orderCount: 140, pricesIncludeVat: true, seed: 20260415,
});
const NOW = () => new Date('2026-11-02T10:00:00+09:00');
const FAULTSTRING = '데이터베이스 연결 오류입니다 (ORA-12541: TNS:no listener)';

type TestAdapter = MarketplaceAdapter & { reports: RowReport[] };

async function adapterFor(url: string, legacy: Record<string, unknown> = {}): Promise<TestAdapter> {
  const ctx = createAdapterContext(configFor(dataset, { url, ...legacy }), silentLogger);
  const adapter = await soapAdapter.marketplace!(ctx);
  return Object.assign(adapter, { reports: ctx.reports });
}

/** Rows of the dataset in the given local categories (what GetItemList pages through). */
const itemsIn = (prefix: string) =>
  dataset.products.filter((p) => {
    const mapped = mapCategory(p.categoryCode, dataset.categories);
    return mapped.ok && mapped.value.startsWith(prefix);
  }).length;

describe('soap adapter — reads', () => {
  let legacy: SoapLegacyHandle;
  let adapter: TestAdapter;
  const oracle = new InMemoryMarketplace(oracleData(dataset));
  const products = oracleData(dataset).products;

  beforeAll(async () => {
    legacy = await startSoapLegacy({ dataset, port: 0, now: NOW });
    adapter = await adapterFor(legacy.url);
  });
  afterAll(async () => {
    await adapter.close?.();
    await legacy.close();
  });

  const sample = products.find((p) => p.gtin !== null)!;
  const productFilters: Array<[string, ProductFilter]> = [
    ['none', {}],
    ['text (Hangul)', { text: '전선' }],
    ['text (Latin, other case)', { text: 'hfix' }],
    ['text (sku)', { text: 'p-1002' }],
    ['text (spec)', { text: '450/750v' }],
    ['segment', { classificationPrefix: '26' }],
    ['family', { classificationPrefix: '2612' }],
    ['class', { classificationPrefix: '261215' }],
    ['commodity', { classificationPrefix: '39111603' }],
    ['prefix nothing maps to', { classificationPrefix: '56' }],
    ['supplier', { supplierLocalId: 'M003' }],
    ['gtin', { gtin: sample.gtin }],
    ['min price', { minPrice: 200000 }],
    ['max price', { maxPrice: 60000 }],
    ['price range + text', { minPrice: 100000, maxPrice: 400000, text: 'led' }],
    ['everything', { text: '전', classificationPrefix: '26', supplierLocalId: sample.supplierLocalId, minPrice: 1, maxPrice: 10_000_000 }],
  ];

  mallReadTests({
    adapter: () => adapter,
    oracle,
    dataset,
    defects,
    callsDuring: (fn) => callsDuring(legacy, fn),
    productFilters,
    supplierText: '전기',
    productStatsFilters: [{}, { classificationPrefix: '39' }, { maxPrice: 200000 }, { classificationPrefix: '56' }],
    orderWalks: [['DESC', 23], ['ASC', 41]],
  });

  it('reports the dataset’s deliberate bad rows in the mall’s names and maps the rest', async () => {
    const all = await adapter.searchProducts({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 100, after: null });
    expect(all.totalCount).toBe(dataset.products.length - defects.unmappedUnitProducts.length);
    await adapter.searchSuppliers({ filter: {}, order: { field: 'NAME', direction: 'ASC' }, first: 10, after: null });
    const rows = (reason: RegExp) => adapter.reports.filter((r) => reason.test(r.reason)).map((r) => r.row).sort();
    expect(rows(/^Barcode .* GTIN/)).toEqual(defects.invalidGtins.map((c) => `item ${c}`).sort());
    expect(rows(/UNSPSC/)).toEqual(defects.unmappedCategoryProducts.map((c) => `item ${c}`).sort());
    expect(rows(/Rec 20/)).toEqual(defects.unmappedUnitProducts.map((c) => `item ${c}`).sort());
    expect(rows(/^BizNo .*사업자등록번호/)).toEqual(defects.invalidBusinessNumbers.map((c) => `member ${c}`).sort());
  });

  it('answers first: 0 with the count and whether rows remain', async () => {
    const request = { filter: { text: '케이블' }, order: { field: 'PRICE' as const, direction: 'DESC' as const }, first: 0, after: null };
    const page = await adapter.searchProducts(request);
    expect(page).toEqual(await oracle.searchProducts(request));
    expect(page.totalCount).toBeGreaterThan(0);
    expect(page.hasNextPage).toBe(true);
  });

  it('reads a whole list in the fewest calls (PageSize 100) and pushes categories down', async () => {
    const request = { order: { field: 'NAME' as const, direction: 'ASC' as const }, first: 20, after: null };
    expect(await callsDuring(legacy, () => adapter.searchProducts({ ...request, filter: {} }))).toBe(Math.ceil(dataset.products.length / 100));
    expect(await callsDuring(legacy, () => adapter.searchProducts({ ...request, filter: { classificationPrefix: '26' } }))).toBe(Math.ceil(itemsIn('26') / 100));
    expect(await callsDuring(legacy, () => adapter.searchProducts({ ...request, filter: { classificationPrefix: '56' } }))).toBe(0);
    expect(await callsDuring(legacy, () => adapter.searchSuppliers({ ...request, filter: {} }))).toBe(1);
    expect(await callsDuring(legacy, () => adapter.searchOrders({ ...request, order: { field: 'ORDERED_AT', direction: 'DESC' }, filter: {} }))).toBe(Math.ceil(dataset.orders.length / 100));
  });

  it('gets products in one legacy call, in input order, null for unknown or unusable ones', async () => {
    const ids = [products[5].localId, 'P-99999', products[2].localId, defects.unmappedUnitProducts[0], products[5].localId, 'P-1,P-2', '<&>', ''];
    let answer: unknown;
    expect(await callsDuring(legacy, async () => (answer = await adapter.getProducts(ids)))).toBe(1);
    expect(answer).toEqual(await oracle.getProducts(ids));
    expect(answer).toEqual([products[5], null, products[2], null, products[5], null, null, null]);
    expect(await callsDuring(legacy, () => adapter.getProducts([]))).toBe(0);
    expect(await callsDuring(legacy, () => adapter.getProducts(['', ' ']))).toBe(0);
  });

  it('gets a large batch in one legacy call too', async () => {
    const ids = products.slice(0, 180).map((p) => p.localId);
    let answer: unknown;
    expect(await callsDuring(legacy, async () => (answer = await adapter.getProducts(ids)))).toBe(1);
    expect(answer).toEqual(products.slice(0, 180));
  });

  it('honours a smaller configured page size', async () => {
    const small = await adapterFor(legacy.url, { pageSize: 40 });
    const request = { filter: {}, order: { field: 'NAME' as const, direction: 'ASC' as const }, first: 5, after: null };
    let page: unknown;
    expect(await callsDuring(legacy, async () => (page = await small.searchProducts(request)))).toBe(Math.ceil(dataset.products.length / 40));
    expect(page).toEqual(await oracle.searchProducts(request));
    await small.close?.();
  });

  it('reads answers sent as UTF-8 under an EUC-KR label without mojibake', async () => {
    legacy.setFault('wrongEncoding');
    try {
      const request = { filter: { text: '전선' }, order: { field: 'NAME' as const, direction: 'ASC' as const }, first: 50, after: null };
      expect(await adapter.searchProducts(request)).toEqual(await oracle.searchProducts(request));
      expect(await adapter.getSuppliers(['M001', 'M002'])).toEqual(await oracle.getSuppliers(['M001', 'M002']));
      const orders = { filter: {}, order: { field: 'ORDERED_AT' as const, direction: 'DESC' as const }, first: 100, after: null };
      expect(await adapter.searchOrders(orders)).toEqual(await oracle.searchOrders(orders));
    } finally {
      legacy.setFault(null);
    }
  });
});

describe('soap adapter — orders', () => {
  let legacy: SoapLegacyHandle;
  let adapter: TestAdapter;
  const buyer = { businessNumber: '220-81-00127', name: '서울특별시교육청 (행정지원과)' };
  const [p1, p2] = oracleData(dataset).products.filter((p) => p.supplierLocalId === 'M001');

  beforeEach(async () => {
    legacy = await startSoapLegacy({ dataset, port: 0, now: NOW });
    adapter = await adapterFor(legacy.url);
  });
  afterEach(async () => {
    await adapter.close?.();
    await legacy.close();
  });

  const place = (key: string, quantity = 3, by = buyer) =>
    adapter.placeOrder({ idempotencyKey: key, buyer: by, lines: [{ productLocalId: p1.localId, quantity }, { productLocalId: p2.localId, quantity: 1 }] });

  mallOrderTests({ adapter: () => adapter, another: () => adapterFor(legacy.url), dataset, buyer, products: [p1, p2] });

  it('sends characters EUC-KR lacks as references and gets them back', async () => {
    const order = await place('key-emoji', 1, { ...buyer, name: '카페☕ 협동조합 – 본점' });
    expect(order.buyer.name).toBe('카페☕ 협동조합 – 본점');
  });

  it('looks the key up before registering: a known key costs one call (GetOrderList by key, no RegisterOrder)', async () => {
    const first = await place('key-2');
    let again: unknown;
    expect(await callsDuring(legacy, async () => (again = await place('key-2')))).toBe(1);
    expect(again).toEqual(first);
  });

  it('turns the mall’s refusals into BAD_USER_INPUT; an unknown product is refused before the mall is asked to register', async () => {
    await expect(adapter.placeOrder({ idempotencyKey: 'k6', buyer, lines: [{ productLocalId: 'P-99999', quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: 'Unknown product P-99999',
    });
    await expect(adapter.placeOrder({ idempotencyKey: 'k6', buyer, lines: [{ productLocalId: p1.localId, quantity: 0 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      message: expect.stringContaining('주문수량이 올바르지 않습니다'),
    });
    await expect(adapter.placeOrder({ idempotencyKey: 'k7', buyer: { ...buyer, businessNumber: '220-81-00128' }, lines: [{ productLocalId: p1.localId, quantity: 1 }] })).rejects.toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });
});

describe('soap adapter — a legacy that fails', () => {
  const request = { filter: {}, order: { field: 'NAME' as const, direction: 'ASC' as const }, first: 10, after: null };

  it('answers COOPERATIVE_UNAVAILABLE when the mall is down', async () => {
    const legacy = await startSoapLegacy({ dataset, port: 0 });
    const url = legacy.url;
    await legacy.close();
    const adapter = await adapterFor(url);
    await expect(adapter.searchProducts(request)).rejects.toMatchObject({
      extensions: { code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: 'kelec', reason: expect.stringContaining('connection refused') },
    });
    await expect(adapter.getProducts(['P-10001'])).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE' } });
    await adapter.close?.();
  });

  it('answers COOPERATIVE_UNAVAILABLE with the faultstring on a SOAP Fault, and recovers', async () => {
    const legacy = await startSoapLegacy({ dataset, port: 0 });
    const adapter = await adapterFor(legacy.url);
    legacy.setFault('soapFault');
    const unavailable = { extensions: { code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: 'kelec', reason: FAULTSTRING } };
    await expect(adapter.searchProducts(request)).rejects.toMatchObject(unavailable);
    await expect(adapter.productStats({}, [])).rejects.toMatchObject(unavailable);
    await expect(adapter.getOrders(['x'])).rejects.toMatchObject(unavailable);
    await expect(adapter.placeOrder({ idempotencyKey: 'k', buyer: { businessNumber: '220-81-00127', name: '구매처' }, lines: [{ productLocalId: 'P-10001', quantity: 1 }] })).rejects.toMatchObject(unavailable);
    await expect(adapter.cancelOrder(dataset.orders[0].code, null)).rejects.toMatchObject(unavailable);
    legacy.setFault(null);
    expect((await adapter.searchProducts(request)).rows).toHaveLength(10);
    await adapter.close?.();
    await legacy.close();
  });

  it('answers COOPERATIVE_UNAVAILABLE on an HTTP 500 that is not a SOAP answer', async () => {
    const legacy = await startSoapLegacy({ dataset, port: 0 });
    const adapter = await adapterFor(legacy.url);
    legacy.setFault('http500');
    await expect(adapter.searchSuppliers(request)).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: 'HTTP 500 from GetMemberList (not a SOAP answer)' } });
    legacy.setFault(null);
    expect((await adapter.searchSuppliers(request)).rows).toHaveLength(10);
    await adapter.close?.();
    await legacy.close();
  });

  it('answers COOPERATIVE_UNAVAILABLE on a wrong endpoint (HTML 404)', async () => {
    const legacy = await startSoapLegacy({ dataset, port: 0 });
    const adapter = await adapterFor(`${legacy.url}/wrong`);
    await expect(adapter.getSuppliers(['M001'])).rejects.toMatchObject({ extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: expect.stringContaining('HTTP 404') } });
    await adapter.close?.();
    await legacy.close();
  });

  it('gives up after timeoutMs when the mall does not answer', async () => {
    const sockets: Array<{ destroy(): void }> = [];
    const silent: Server = createServer((socket) => void sockets.push(socket)); // accepts, never answers
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const adapter = await adapterFor(`http://127.0.0.1:${(silent.address() as AddressInfo).port}/ws/MallService`, { timeoutMs: 200 });
    await expect(adapter.searchOrders({ ...request, order: { field: 'ORDERED_AT', direction: 'DESC' } })).rejects.toMatchObject({
      extensions: { code: 'COOPERATIVE_UNAVAILABLE', reason: 'no answer within 200 ms to GetOrderList' },
    });
    await adapter.close?.();
    await new Promise<void>((resolve) => {
      silent.close(() => resolve());
      for (const s of sockets) s.destroy();
    });
  });
});
