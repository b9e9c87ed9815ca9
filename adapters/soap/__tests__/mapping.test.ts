/** SOAP rows → records by the REST adapter's rules, with reports in the SOAP mall's names; settings; push-down. */
import type { CoopConfig } from '../../../core/coopConfig';
import { mapGoods, mapOrder, mapVendor } from '../../rest/mapping';
import type { RowReport } from '../../types';
import { codeOf, mapItem, mapMember, mapOrderRow, type MappingContext } from '../mapping';
import { categoryCodesFor } from '../pushdown';
import { readSoapSettings } from '../settings';

function context(pricesIncludeVat = false): MappingContext & { reports: RowReport[] } {
  const reports: RowReport[] = [];
  return {
    reports,
    config: { pricesIncludeVat, categories: { E01: '26121524', E02: '39111603', X01: '14111507' }, units: { 개: 'EA', 롤: 'XRO', m: 'MTR' } },
    report: (issue) => reports.push(issue),
  };
}

const item = (over: Record<string, string | undefined> = {}) => ({
  ItemCd: 'P-10023',
  ItemNm: 'HFIX 전선 2.5SQ',
  ItemSpec: '450/750V 적색',
  ItemDesc: 'KS 인증 제품입니다.',
  CtgrCd: 'E01',
  UnitNm: '롤',
  SalePrice: '13,200',
  MinOrdQty: '5',
  Barcode: '8801234000017',
  VendorCd: 'M001',
  StockQty: '120',
  SaleYn: 'Y',
  UpdDate: '20260301',
  ...over,
});

/** The same row in the REST mall's names, to check both adapters apply one set of rules. */
const asGoods = (i: Record<string, string | undefined>) => ({
  goodsNo: i.ItemCd, goodsNm: i.ItemNm, goodsSpec: i.ItemSpec, goodsDesc: i.ItemDesc, ctgryCd: i.CtgrCd, unitNm: i.UnitNm,
  salePrc: i.SalePrice, minOrdQty: i.MinOrdQty, barcode: i.Barcode, vendorCd: i.VendorCd, updDt: i.UpdDate,
});

describe('mapItem', () => {
  it('maps a clean row into the network terms (VAT-inclusive price split)', () => {
    const ctx = context(true);
    expect(mapItem(item(), ctx)).toEqual({
      localId: 'P-10023',
      sku: 'P-10023',
      name: 'HFIX 전선 2.5SQ',
      spec: '450/750V 적색',
      description: 'KS 인증 제품입니다.',
      classificationCode: '26121524',
      gtin: '8801234000017',
      unit: 'XRO',
      price: { amount: 12000, vat: 1200, currency: 'KRW' },
      minOrderQuantity: 5,
      supplierLocalId: 'M001',
      updatedAt: '2026-03-01T00:00:00+09:00',
    });
    expect(ctx.reports).toEqual([]);
  });

  it.each<[string, Record<string, string | undefined>]>([
    ['clean', {}],
    ['price with 원', { SalePrice: '1,234,500원' }],
    ['unreadable price', { SalePrice: '가격문의' }],
    ['impossible date', { UpdDate: '20260231' }],
    ['bad GTIN', { Barcode: '8801234000018' }],
    ['empty GTIN', { Barcode: '' }],
    ['unmapped category', { CtgrCd: 'E99' }],
    ['unmapped unit', { UnitNm: '식' }],
    ['bad MOQ', { MinOrdQty: '0' }],
    ['missing MOQ', { MinOrdQty: undefined }],
    ['empty name', { ItemNm: ' ' }],
    ['no code', { ItemCd: '' }],
    ['empty spec', { ItemSpec: '' }],
  ])('applies the REST adapter’s rules to a row with %s', (_label, over) => {
    const soap = context();
    const rest = context();
    expect(mapItem(item(over), soap)).toEqual(mapGoods(asGoods(item(over)), rest));
    expect(soap.reports.length).toBe(rest.reports.length);
  });

  it.each([
    [{ SalePrice: '가격문의' }, 'item P-10023', /^SalePrice "가격문의" is not an amount$/],
    [{ UpdDate: '2026-03-01' }, 'item P-10023', /^UpdDate "2026-03-01" is not a valid YYYYMMDD date$/],
    [{ Barcode: '8801234000018' }, 'item P-10023', /^Barcode "8801234000018" is not a valid GTIN; gtin set to null$/],
    [{ CtgrCd: '' }, 'item P-10023', /^CtgrCd is empty; classification set to null$/],
    [{ MinOrdQty: '1.5' }, 'item P-10023', /^MinOrdQty "1.5" is not a positive integer; using 1$/],
    [{ ItemNm: '' }, 'item P-10023', /^ItemNm is empty$/],
    [{ ItemCd: '' }, 'item (no ItemCd)', /^item row without ItemCd$/],
  ])('reports %p in the SOAP mall’s names', (over, row, reason) => {
    const ctx = context();
    mapItem(item(over), ctx);
    expect(ctx.reports).toEqual([{ row, reason: expect.stringMatching(reason) }]);
  });

  it('skips rows that are not elements', () => {
    const ctx = context();
    expect(mapItem('P-10023', ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'item (no ItemCd)', reason: 'item row without ItemCd' }]);
  });

  it('reads a code for de-duplication only from an element', () => {
    expect(codeOf(item(), 'ItemCd')).toBe('P-10023');
    expect(codeOf('x', 'ItemCd')).toBeNull();
  });
});

describe('mapMember', () => {
  const member = (over: Record<string, string> = {}) => ({ MemberCd: 'M001', MemberNm: '(주)한빛전기', BizNo: '220-81-00127', CeoNm: '김민준', AreaNm: '경기', UseYn: 'Y', ...over });

  it('maps a member with its 사업자등록번호 as typed (hyphens or not)', () => {
    const expected = { localId: 'M001', businessNumber: '220-81-00127', name: '(주)한빛전기', representative: '김민준', region: '경기' };
    expect(mapMember(member(), context())).toEqual(expected);
    expect(mapMember(member({ BizNo: '2208100127' }), context())).toEqual(expected);
    expect(mapMember(member(), context())).toEqual(mapVendor({ vendorCd: 'M001', vendorNm: '(주)한빛전기', bizrNo: '220-81-00127', ceoNm: '김민준', areaNm: '경기' }, context()));
  });

  it('skips and reports a member whose 사업자등록번호 fails its check', () => {
    const ctx = context();
    expect(mapMember(member({ BizNo: '220-81-00128' }), ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'member M001', reason: 'BizNo "220-81-00128" is not a valid 사업자등록번호; supplier skipped' }]);
  });
});

describe('mapOrderRow', () => {
  const order = (over: Record<string, unknown> = {}) => ({
    OrderNo: 'ORD-20260301-0001',
    OrderDate: '20260301143000',
    OrderStatus: '배송완료',
    BuyerBizNo: '2208100127',
    BuyerNm: '서울특별시교육청',
    VendorCd: 'M001',
    TotalAmt: '999원', // not trusted: the total is the sum of the lines
    ClientOrderKey: '',
    OrderItemList: { OrderItem: [{ SeqNo: '1', ItemCd: 'P-1', OrderQty: '3', UnitPrice: '11,000' }, { SeqNo: '2', ItemCd: 'P-2', OrderQty: '1', UnitPrice: '2,200' }] },
    ...over,
  });

  it('maps an order, its lines and its total (VAT-inclusive prices)', () => {
    expect(mapOrderRow(order(), context(true))).toEqual({
      localId: 'ORD-20260301-0001',
      buyer: { businessNumber: '220-81-00127', name: '서울특별시교육청' },
      supplierLocalId: 'M001',
      lines: [
        { productLocalId: 'P-1', quantity: 3, unitPrice: { amount: 10000, vat: 1000, currency: 'KRW' }, amount: { amount: 30000, vat: 3000, currency: 'KRW' } },
        { productLocalId: 'P-2', quantity: 1, unitPrice: { amount: 2000, vat: 200, currency: 'KRW' }, amount: { amount: 2000, vat: 200, currency: 'KRW' } },
      ],
      total: { amount: 32000, vat: 3200, currency: 'KRW' },
      status: 'DELIVERED',
      orderedAt: '2026-03-01T14:30:00+09:00',
      idempotencyKey: null,
    });
  });

  it.each([
    ['주문접수', 'RECEIVED'],
    ['주문확인', 'CONFIRMED'],
    ['배송중', 'SHIPPED'],
    ['배송완료', 'DELIVERED'],
    ['주문취소', 'CANCELLED'],
  ])('reads the status word %s as %s', (word, status) => {
    expect(mapOrderRow(order({ OrderStatus: word }), context())!.status).toBe(status);
  });

  it('reads a single line (one element, not a list) and the client order key', () => {
    const one = mapOrderRow(order({ ClientOrderKey: 'k-1', OrderItemList: { OrderItem: { ItemCd: 'P-1', OrderQty: '2', UnitPrice: '500' } } }), context())!;
    expect(one.lines).toHaveLength(1);
    expect(one.idempotencyKey).toBe('k-1');
    expect(one.total.amount).toBe(1000);
  });

  it.each([
    [{ OrderStatus: '보류' }, /^OrderStatus "보류" is not a known status word$/],
    [{ OrderStatus: 'constructor' }, /^OrderStatus "constructor" is not a known status word$/],
    [{ OrderStatus: '' }, /^OrderStatus "" is not a known status word$/],
    [{ OrderDate: '20260230120000' }, /^OrderDate "20260230120000" is not a valid date$/],
    [{ BuyerBizNo: '1234567890' }, /^BuyerBizNo "1234567890" is not a valid 사업자등록번호$/],
    [{ OrderItemList: '' }, /^OrderItemList is empty$/],
    [{ OrderItemList: { OrderItem: [{ ItemCd: 'P-1', OrderQty: '0', UnitPrice: '500' }] } }, /^item 1 is unreadable \(ItemCd "P-1", OrderQty "0", UnitPrice "500"\)$/],
  ])('skips and reports %p in the SOAP mall’s names', (over, reason) => {
    const ctx = context();
    expect(mapOrderRow(order(over), ctx)).toBeNull();
    expect(ctx.reports).toEqual([{ row: 'order ORD-20260301-0001', reason: expect.stringMatching(reason) }]);
  });

  it('agrees with the REST mapping on the same order', () => {
    const rest = {
      ordNo: 'ORD-20260301-0001', ordDt: '20260301143000', ordStat: '40', buyerBizrNo: '2208100127', buyerNm: '서울특별시교육청', vendorCd: 'M001', clientOrderKey: '',
      itemList: [{ goodsNo: 'P-1', ordQty: '3', ordPrc: '11,000' }, { goodsNo: 'P-2', ordQty: '1', ordPrc: '2,200' }],
    };
    expect(mapOrderRow(order(), context(true))).toEqual(mapOrder(rest, context(true)));
  });
});

describe('categoryCodesFor', () => {
  const categories = { E01: '26121524', E02: '39111603', L01: '39111603', X: 'bad' };
  it.each([
    [{}, undefined],
    [{ classificationPrefix: '26' }, ['E01']],
    [{ classificationPrefix: '391116' }, ['E02', 'L01']],
    [{ classificationPrefix: '56' }, []],
  ])('pushes %p down as %p', (filter, codes) => {
    expect(categoryCodesFor(filter, categories)).toEqual(codes);
  });
});

describe('readSoapSettings', () => {
  const config = (legacy: Record<string, unknown>): CoopConfig => ({ cooperative: 'kelec', legacy, pricesIncludeVat: false, categories: {}, units: {}, baseDir: '.' });

  it('reads the endpoint with defaults, and accepts the WSDL address', () => {
    expect(readSoapSettings(config({ url: 'http://mall.example:8080/ws/MallService' }))).toEqual({ endpoint: 'http://mall.example:8080/ws/MallService', pageSize: 100, timeoutMs: 10000 });
    expect(readSoapSettings(config({ url: ' http://mall.example/ws/MallService?WSDL ', pageSize: 40, timeoutMs: 500 }))).toEqual({ endpoint: 'http://mall.example/ws/MallService', pageSize: 40, timeoutMs: 500 });
    expect(readSoapSettings(config({ url: 'https://mall.example/ws?wsdl&site=3' })).endpoint).toBe('https://mall.example/ws?site=3');
  });

  it.each([
    [{}, 'legacy.url'],
    [{ url: 'not a url' }, 'not a URL'],
    [{ url: 'ftp://x' }, 'http'],
    [{ url: 'http://x', pageSize: 101 }, 'pageSize'],
    [{ url: 'http://x', pageSize: 0 }, 'pageSize'],
    [{ url: 'http://x', timeoutMs: '5s' }, 'timeoutMs'],
    [{ url: 'http://x', encoding: 'euc-kr' }, 'unknown legacy key encoding'],
  ])('refuses %p', (legacy, message) => {
    expect(() => readSoapSettings(config(legacy))).toThrow(message);
  });
});
