/** The simulated SOAP mall on its own: contract, encodings, paging, business rules and injected faults. */
import { XMLParser } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import { compareCodePoints } from '../../../../core/order';
import { generateDataset } from '../../../data/generate';
import { startSoapLegacy, type SoapLegacyHandle } from '../server';

const dataset = generateDataset({ id: 'klight', industry: 'lighting', productCount: 130, memberCount: 8, orderCount: 30, pricesIncludeVat: false, seed: 9 });
const NS = 'http://bizmall.example/ws/MallService';
const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, htmlEntities: true, isArray: (name) => ['Item', 'Member', 'Order', 'OrderItem'].includes(name) });

const envelope = (op: string, inner: string, encoding = 'EUC-KR') =>
  `<?xml version="1.0" encoding="${encoding}"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><m:${op} xmlns:m="${NS}">${inner}</m:${op}></soapenv:Body></soapenv:Envelope>`;

describe('simulated SOAP mall', () => {
  let mall: SoapLegacyHandle;

  /** Posts an envelope (EUC-KR unless told) and returns status, headers, raw bytes and the parsed Body. */
  const call = async (op: string, inner = '', charset: 'euc-kr' | 'utf-8' = 'euc-kr') => {
    const xml = envelope(op, inner, charset.toUpperCase());
    const res = await fetch(mall.url, {
      method: 'POST',
      body: new Uint8Array(charset === 'utf-8' ? Buffer.from(xml, 'utf8') : iconv.encode(xml, 'euc-kr')),
      headers: { 'content-type': `text/xml; charset=${charset}`, soapaction: `"${NS}/${op}"` },
    });
    const bytes = Buffer.from(await res.arrayBuffer());
    const text = iconv.decode(bytes, 'euc-kr');
    const body = (parser.parse(text) as any).Envelope?.Body;
    return { status: res.status, contentType: res.headers.get('content-type'), bytes, text, body, result: body?.[`${op}Response`]?.[`${op}Result`], fault: body?.Fault };
  };

  beforeAll(async () => {
    mall = await startSoapLegacy({ dataset, port: 0, now: () => new Date('2026-11-02T01:00:00Z') });
  });
  afterAll(() => mall.close());

  it('serves its WSDL at ?wsdl, in EUC-KR, with every operation and its SOAPAction', async () => {
    expect(mall.wsdlUrl).toBe(`${mall.url}?wsdl`);
    const res = await fetch(mall.wsdlUrl);
    expect(res.headers.get('content-type')).toBe('text/xml; charset=euc-kr');
    const wsdl = iconv.decode(Buffer.from(await res.arrayBuffer()), 'euc-kr');
    for (const op of ['GetItemList', 'GetItemsByCode', 'GetMemberList', 'GetMembersByCode', 'GetOrderList', 'GetOrdersByNo', 'RegisterOrder', 'CancelOrder']) {
      expect(wsdl).toContain(`<wsdl:operation name="${op}">`);
      expect(wsdl).toContain(`soapAction="${NS}/${op}"`);
    }
    expect(wsdl).toContain(`<soap:address location="${mall.url}"/>`);
    expect(wsdl).toContain('조합 B2B 쇼핑몰');
    expect(parser.parse(wsdl).definitions).toBeDefined();
  });

  it('answers in EUC-KR bytes, labelled so', async () => {
    const { contentType, bytes, text } = await call('GetItemsByCode', `<ItemCd>${dataset.products[0].code}</ItemCd>`);
    expect(contentType).toBe('text/xml; charset=euc-kr');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(text).toContain(`<ItemNm>${dataset.products[0].name}</ItemNm>`);
    expect(text.startsWith('<?xml version="1.0" encoding="EUC-KR"?>')).toBe(true);
  });

  it('pages 1-based, refuses PageSize above 100 with a client Fault', async () => {
    const { result } = await call('GetItemList', '<PageNo>2</PageNo><PageSize>100</PageSize>');
    expect(result).toMatchObject({ TotalCount: '130', PageNo: '2', PageSize: '100' });
    expect(result.ItemList.Item).toHaveLength(30);
    expect((await call('GetItemList', '<PageNo>9</PageNo><PageSize>50</PageSize>')).result.ItemList).toBe('');
    const tooBig = await call('GetItemList', '<PageSize>101</PageSize>');
    expect(tooBig.status).toBe(500);
    expect(tooBig.fault).toMatchObject({ faultcode: 'soap:Client', faultstring: expect.stringContaining('PageSize=101'), detail: { MallFault: { ErrorCode: 'E9001' } } });
  });

  it('shows items in its own fields and formats, in its own order (not code-point order of names)', async () => {
    const { result } = await call('GetItemList', '<PageSize>100</PageSize><CategoryCode>L01</CategoryCode><CategoryCode>L02</CategoryCode>');
    const items = result.ItemList.Item as Array<Record<string, string>>;
    expect(items.every((i) => i.CtgrCd === 'L01' || i.CtgrCd === 'L02')).toBe(true);
    const p = dataset.products.find((x) => x.code === items[0].ItemCd)!;
    expect(items[0]).toMatchObject({ ItemNm: p.name, ItemSpec: p.spec, UnitNm: p.unitWord, SalePrice: p.price.toLocaleString('en-US'), Barcode: p.gtin, VendorCd: p.supplierCode, UpdDate: p.updatedDate });
    const names = items.map((i) => i.ItemNm);
    expect(names).not.toEqual([...names].sort(compareCodePoints));
  });

  it('looks up batches, ignoring unknown codes', async () => {
    const { result } = await call('GetMembersByCode', '<MemberCd>M002</MemberCd><MemberCd>NOPE</MemberCd><MemberCd>M001</MemberCd>');
    expect(result.MemberList.Member.map((m: any) => m.MemberCd)).toEqual(['M001', 'M002']);
    expect(result.MemberList.Member[0].BizNo).toBe(dataset.members[0].businessNumber);
  });

  it('registers orders read from EUC-KR or UTF-8 requests, priced from its items, once per ClientOrderKey', async () => {
    const [a, b] = dataset.products;
    const lines = `<OrderItemList><OrderItem><ItemCd>${a.code}</ItemCd><OrderQty>2</OrderQty></OrderItem><OrderItem><ItemCd>${b.code}</ItemCd><OrderQty>1</OrderQty></OrderItem></OrderItemList>`;
    const placed = await call('RegisterOrder', `<ClientOrderKey>k-1</ClientOrderKey><BuyerBizNo>2208100127</BuyerBizNo><BuyerNm>경기도 수원시청 &#x2615;</BuyerNm>${lines}`);
    expect(placed.result.Order[0]).toMatchObject({ OrderStatus: '주문접수', BuyerNm: '경기도 수원시청 ☕', ClientOrderKey: 'k-1', OrderDate: '20261102100000' });
    expect(placed.result.Order[0].OrderItemList.OrderItem.map((l: any) => l.UnitPrice)).toEqual([a.price, b.price].map((x) => x.toLocaleString('en-US')));
    const utf8 = await call('RegisterOrder', `<ClientOrderKey>k-2</ClientOrderKey><BuyerBizNo>2208100127</BuyerBizNo><BuyerNm>한국철도공사</BuyerNm>${lines}`, 'utf-8');
    expect(utf8.result.Order[0].BuyerNm).toBe('한국철도공사');
    const again = await call('RegisterOrder', `<ClientOrderKey>k-1</ClientOrderKey><BuyerBizNo>2208100127</BuyerBizNo><BuyerNm>x</BuyerNm>${lines}`);
    expect(again.fault).toMatchObject({ faultcode: 'soap:Client', detail: { MallFault: { ErrorCode: 'E2001' } } });
    const byKey = await call('GetOrderList', '<PageNo>1</PageNo><PageSize>1</PageSize><ClientOrderKey>k-1</ClientOrderKey>');
    expect(byKey.result).toMatchObject({ TotalCount: '1' });
    expect(byKey.result.OrderList.Order[0].OrderNo).toBe(placed.result.Order[0].OrderNo);
    const cancelled = await call('CancelOrder', `<OrderNo>${placed.result.Order[0].OrderNo}</OrderNo><CancelReason>중복 주문</CancelReason>`);
    expect(cancelled.result.Order[0]).toMatchObject({ OrderStatus: '주문취소', CancelReason: '중복 주문' });
  });

  it.each([
    ['an unknown item', 'RegisterOrder', '<BuyerBizNo>2208100127</BuyerBizNo><BuyerNm>x</BuyerNm><OrderItemList><OrderItem><ItemCd>NOPE</ItemCd><OrderQty>1</OrderQty></OrderItem></OrderItemList>', 'E1002'],
    ['no items', 'RegisterOrder', '<BuyerBizNo>2208100127</BuyerBizNo><BuyerNm>x</BuyerNm>', 'E1001'],
    ['an unknown order', 'CancelOrder', '<OrderNo>NOPE</OrderNo>', 'E1004'],
    ['an unknown operation', 'DeleteEverything', '', 'E9003'],
    ['a missing parameter', 'GetOrdersByNo', '', 'E9001'],
  ])('answers %s with a client Fault', async (_label, op, inner, code) => {
    const { status, fault } = await call(op, inner);
    expect(status).toBe(500);
    expect(fault).toMatchObject({ faultcode: 'soap:Client', detail: { MallFault: { ErrorCode: code } } });
  });

  it('answers malformed XML with a Fault', async () => {
    const res = await fetch(mall.url, { method: 'POST', body: '<soapenv:Envelope><oops>', headers: { 'content-type': 'text/xml; charset=euc-kr' } });
    expect(res.status).toBe(500);
    expect(iconv.decode(Buffer.from(await res.arrayBuffer()), 'euc-kr')).toContain('<ErrorCode>E9002</ErrorCode>');
  });

  describe('injected faults', () => {
    afterEach(() => mall.setFault(null));

    it('soapFault: every call answers a server Fault', async () => {
      mall.setFault('soapFault');
      const { status, fault } = await call('GetMemberList');
      expect(status).toBe(500);
      expect(fault).toMatchObject({ faultcode: 'soap:Server', faultstring: '데이터베이스 연결 오류입니다 (ORA-12541: TNS:no listener)' });
    });

    it('wrongEncoding: UTF-8 bytes under an EUC-KR header and declaration', async () => {
      mall.setFault('wrongEncoding');
      const { contentType, bytes } = await call('GetMembersByCode', '<MemberCd>M001</MemberCd>');
      expect(contentType).toBe('text/xml; charset=euc-kr');
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(text.startsWith('<?xml version="1.0" encoding="EUC-KR"?>')).toBe(true);
      expect(text).toContain(`<MemberNm>${dataset.members[0].name}</MemberNm>`);
    });

    it('http500: the app server’s HTML error page; the WSDL is still served', async () => {
      mall.setFault('http500');
      const { status, text, body } = await call('GetMemberList');
      expect(status).toBe(500);
      expect(text).toContain('Internal Server Error');
      expect(body).toBeUndefined();
      expect((await fetch(mall.wsdlUrl)).status).toBe(200);
    });
  });

  it('counts every request it serves', async () => {
    const before = mall.calls();
    await call('GetMemberList');
    await fetch(mall.wsdlUrl).then((r) => r.arrayBuffer());
    expect(mall.calls() - before).toBe(2);
  });
});
