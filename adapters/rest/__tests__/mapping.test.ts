import type { RowReport } from '../../types';
import { mapGoods, mapOrder, mapVendor, type MappingContext } from '../mapping';
import { goodsParams, orderParams } from '../pushdown';
import { readRestSettings } from '../settings';
import type { CoopConfig } from '../../../core/coopConfig';

function context(pricesIncludeVat = false): MappingContext & { reports: RowReport[] } {
  const reports: RowReport[] = [];
  return {
    reports,
    config: { pricesIncludeVat, categories: { F01: '56101703', F02: '56101504', X01: '14111507' }, units: { 개: 'EA', 박스: 'XBX', 켤레: 'PR' } },
    report: (issue) => reports.push(issue),
  };
}

const goods = (over: Record<string, unknown> = {}) => ({
  goodsNo: 'P-10023',
  goodsNm: '사무용 책상 1200x700',
  goodsSpec: '1200x700x740',
  goodsDesc: 'KS 인증 제품입니다.',
  ctgryCd: 'F01',
  unitNm: '개',
  salePrc: '12,000',
  minOrdQty: '10',
  barcode: '8801234000017',
  vendorCd: 'M001',
  updDt: '20260301',
  ...over,
});

describe('mapGoods', () => {
  it('maps a clean row into the network terms', () => {
    const ctx = context();
    expect(mapGoods(goods(), ctx)).toEqual({
      localId: 'P-10023',
      sku: 'P-10023',
      name: '사무용 책상 1200x700',
      spec: '1200x700x740',
      description: 'KS 인증 제품입니다.',
      classificationCode: '56101703',
      gtin: '8801234000017',
      unit: 'EA',
      price: { amount: 12000, vat: 1200, currency: 'KRW' },
      minOrderQuantity: 10,
      supplierLocalId: 'M001',
      updatedAt: '2026-03-01T00:00:00+09:00',
    });
    expect(ctx.reports).toEqual([]);
  });

  it.each([
    ['12,000', 12000],
    ['12,000원', 12000],
    [' 1,234,500 ', 1234500],
    ['0', 0],
    [9900, 9900],
  ])('reads the price %p as %p KRW', (salePrc, amount) => {
    expect(mapGoods(goods({ salePrc }), context())!.price.amount).toBe(amount);
  });

  it.each([
    ['13,200', 12000, 1200],
    ['11,000원', 10000, 1000],
    ['12,345', 11223, 1122],
    ['1', 1, 0],
  ])('splits the VAT-inclusive price %p into supply %p + VAT %p', (salePrc, amount, vat) => {
    expect(mapGoods(goods({ salePrc }), context(true))!.price).toEqual({ amount, vat, currency: 'KRW' });
  });

  it.each(['', '가격문의', '12.000.000', '-5,000', null])('skips and reports the unreadable price %p', (salePrc) => {
    const ctx = context();
    expect(mapGoods(goods({ salePrc }), ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'goods P-10023', reason: expect.stringContaining('salePrc') }]);
  });

  it.each(['20260231', '20261301', '2026-03-01', '260301', '', null])('skips and reports the invalid date %p', (updDt) => {
    const ctx = context();
    expect(mapGoods(goods({ updDt }), ctx)).toBeNull();
    expect(ctx.reports[0].reason).toContain('updDt');
  });

  it('accepts a leap day and a date with a time', () => {
    expect(mapGoods(goods({ updDt: '20240229' }), context())!.updatedAt).toBe('2024-02-29T00:00:00+09:00');
    expect(mapGoods(goods({ updDt: '20260301093000' }), context())!.updatedAt).toBe('2026-03-01T09:30:00+09:00');
  });

  it('sets a bad-check-digit GTIN to null and reports it; an empty one is just missing', () => {
    const ctx = context();
    expect(mapGoods(goods({ barcode: '8801234000018' }), ctx)!.gtin).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'goods P-10023', reason: expect.stringContaining('not a valid GTIN') }]);
    const quiet = context();
    expect(mapGoods(goods({ barcode: '' }), quiet)!.gtin).toBeNull();
    expect(mapGoods(goods({ barcode: ' 8801234000017 ' }), quiet)!.gtin).toBe('8801234000017');
    expect(quiet.reports).toEqual([]);
  });

  it('keeps a product of an unmapped category without classification, and reports it', () => {
    const ctx = context();
    const p = mapGoods(goods({ ctgryCd: 'F99' }), ctx)!;
    expect(p.classificationCode).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'goods P-10023', reason: expect.stringContaining('"F99" has no UNSPSC mapping') }]);
  });

  it('skips a product whose unit word has no Rec 20 mapping, and reports it', () => {
    const ctx = context();
    expect(mapGoods(goods({ unitNm: '식' }), ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'goods P-10023', reason: expect.stringContaining('unit "식" has no Rec 20 mapping') }]);
  });

  it('maps table unit words and bare Rec 20 codes', () => {
    expect(mapGoods(goods({ unitNm: '켤레' }), context())!.unit).toBe('PR');
    expect(mapGoods(goods({ unitNm: 'set' }), context())!.unit).toBe('SET');
  });

  it('defaults an unreadable minimum order quantity to 1 with a report', () => {
    expect(mapGoods(goods({ minOrdQty: '1,000' }), context())!.minOrderQuantity).toBe(1000);
    expect(mapGoods(goods({ minOrdQty: undefined }), context())!.minOrderQuantity).toBe(1);
    const ctx = context();
    expect(mapGoods(goods({ minOrdQty: '0' }), ctx)!.minOrderQuantity).toBe(1);
    expect(ctx.reports[0].reason).toContain('minOrdQty');
  });

  it('skips rows without a code or a name', () => {
    const ctx = context();
    expect(mapGoods(goods({ goodsNo: ' ' }), ctx)).toBeNull();
    expect(mapGoods(goods({ goodsNm: '' }), ctx)).toBeNull();
    expect(ctx.reports.map((r) => r.row)).toEqual(['goods (no goodsNo)', 'goods P-10023']);
  });

  it('turns empty spec and description into null', () => {
    const p = mapGoods(goods({ goodsSpec: '  ', goodsDesc: undefined }), context())!;
    expect([p.spec, p.description]).toEqual([null, null]);
  });
});

describe('mapVendor', () => {
  const vendor = (bizrNo: unknown) => ({ vendorCd: 'M001', vendorNm: '(주)한빛가구', bizrNo, ceoNm: '김민준', areaNm: '경기' });

  it.each(['1248100998', '124-81-00998', ' 124 81 00998 '])('normalizes the valid 사업자등록번호 %p', (bizrNo) => {
    expect(mapVendor(vendor(bizrNo), context())).toEqual({
      localId: 'M001', businessNumber: '124-81-00998', name: '(주)한빛가구', representative: '김민준', region: '경기',
    });
  });

  it.each(['1248100997', '12481009', '', null])('skips and reports the supplier with the invalid number %p', (bizrNo) => {
    const ctx = context();
    expect(mapVendor(vendor(bizrNo), ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'vendor M001', reason: expect.stringContaining('사업자등록번호') }]);
  });
});

describe('mapOrder', () => {
  const order = (over: Record<string, unknown> = {}) => ({
    ordNo: 'ORD-20260301-0001',
    ordDt: '20260301143005',
    ordStat: '40',
    buyerBizrNo: '2208100127',
    buyerNm: '서울특별시교육청',
    vendorCd: 'M001',
    clientOrderKey: null,
    itemList: [
      { goodsNo: 'P-1', ordQty: '3', ordPrc: '13,200' },
      { goodsNo: 'P-2', ordQty: '1,000', ordPrc: '550원' },
    ],
    ...over,
  });

  it('maps lines as quantity × unit price and totals them (VAT-inclusive source)', () => {
    const o = mapOrder(order(), context(true))!;
    expect(o.lines).toEqual([
      { productLocalId: 'P-1', quantity: 3, unitPrice: { amount: 12000, vat: 1200, currency: 'KRW' }, amount: { amount: 36000, vat: 3600, currency: 'KRW' } },
      { productLocalId: 'P-2', quantity: 1000, unitPrice: { amount: 500, vat: 50, currency: 'KRW' }, amount: { amount: 500000, vat: 50000, currency: 'KRW' } },
    ]);
    expect(o.total).toEqual({ amount: 536000, vat: 53600, currency: 'KRW' });
    expect(o).toMatchObject({
      localId: 'ORD-20260301-0001',
      status: 'DELIVERED',
      orderedAt: '2026-03-01T14:30:05+09:00',
      buyer: { businessNumber: '220-81-00127', name: '서울특별시교육청' },
      supplierLocalId: 'M001',
      idempotencyKey: null,
    });
  });

  it.each([
    ['10', 'RECEIVED'],
    ['20', 'CONFIRMED'],
    ['30', 'SHIPPED'],
    ['40', 'DELIVERED'],
    ['90', 'CANCELLED'],
  ])('maps status code %p to %p', (ordStat, status) => {
    expect(mapOrder(order({ ordStat }), context())!.status).toBe(status);
  });

  it('keeps the client order key as the idempotency key', () => {
    expect(mapOrder(order({ clientOrderKey: 'k-1' }), context())!.idempotencyKey).toBe('k-1');
  });

  it.each([
    [{ ordStat: '99' }, 'ordStat'],
    [{ ordDt: '20260230120000' }, 'ordDt'],
    [{ buyerBizrNo: '2208100128' }, 'buyerBizrNo'],
    [{ itemList: [] }, 'itemList'],
    [{ itemList: [{ goodsNo: 'P-1', ordQty: '0', ordPrc: '1,000' }] }, 'item 1'],
  ])('skips and reports the unreadable order %p', (over, word) => {
    const ctx = context();
    expect(mapOrder(order(over), ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'order ORD-20260301-0001', reason: expect.stringContaining(word) }]);
  });
});

describe('push-down', () => {
  const categories = { F01: '56101703', F02: '56101504', F03: '56101706', X01: '14111507' };

  it('turns a classification prefix into the local category codes that map under it', () => {
    expect(goodsParams({ classificationPrefix: '56' }, categories)).toEqual({ ctgryCd: 'F01,F02,F03' });
    expect(goodsParams({ classificationPrefix: '561017' }, categories)).toEqual({ ctgryCd: 'F01,F03' });
    expect(goodsParams({ classificationPrefix: '14111507' }, categories)).toEqual({ ctgryCd: 'X01' });
    expect(goodsParams({ classificationPrefix: '30' }, categories)).toBeNull();
    expect(goodsParams({ supplierLocalId: 'M001', text: '책상', minPrice: 5 }, categories)).toEqual({ vendorCd: 'M001' });
  });

  it('widens order instants to the Seoul days the mall filters by', () => {
    expect(orderParams({ from: '2026-03-01T00:00:00+09:00', to: '2026-04-01T00:00:00+09:00' })).toEqual({ fromDt: '20260301', toDt: '20260331' });
    // 2026-02-28T15:30Z is 2026-03-01 00:30 in Seoul.
    expect(orderParams({ from: '2026-02-28T15:30:00Z', to: '2026-03-01T15:00:00.001Z' })).toEqual({ fromDt: '20260301', toDt: '20260302' });
    expect(orderParams({ status: 'SHIPPED', supplierLocalId: 'M002', buyerBusinessNumber: '220-81-00127' })).toEqual({
      ordStat: '30', vendorCd: 'M002', buyerBizrNo: '2208100127',
    });
  });
});

describe('readRestSettings', () => {
  const config = (legacy: Record<string, unknown>) => ({ legacy } as unknown as CoopConfig);

  it('reads url, pageSize and timeoutMs with defaults', () => {
    expect(readRestSettings(config({ url: 'http://mall.local:8080/' }))).toEqual({ baseUrl: 'http://mall.local:8080', pageSize: 100, timeoutMs: 10000 });
    expect(readRestSettings(config({ url: 'https://x.kr/mall', pageSize: 50, timeoutMs: 500 }))).toEqual({ baseUrl: 'https://x.kr/mall', pageSize: 50, timeoutMs: 500 });
  });

  it.each([
    [{}, 'legacy.url'],
    [{ url: 'not a url' }, 'not a URL'],
    [{ url: 'ftp://x' }, 'http'],
    [{ url: 'http://x', pageSize: 500 }, 'pageSize'],
    [{ url: 'http://x', timeoutMs: '5s' }, 'timeoutMs'],
    [{ url: 'http://x', pagesize: 10 }, 'unknown legacy key pagesize'],
  ])('refuses %p', (legacy, message) => {
    expect(() => readRestSettings(config(legacy))).toThrow(message);
  });
});
