/** Bytes, charsets and envelopes: what the adapter writes and how it reads whatever the mall sends back. */
import iconv from 'iconv-lite';
import { generateDataset } from '../../../demo/data/generate';
import type { CoopProfile } from '../../../demo/data/types';
import { charsetOfContentType, decodeXml, declaredXmlEncoding, encodeXml } from '../encoding';
import { buildRequest, EnvelopeError, listAt, objectAt, parseResponse, textOf } from '../envelope';

const KOREAN = '서울경인가구공업협동조합 사무용 책상 1200x700 (E0 등급) ㎜ ㈜한빛 「KS」 12,000원';
const euckr = (s: string) => iconv.encode(s, 'euc-kr');
const xmlDoc = (text: string, encoding = 'EUC-KR') => `<?xml version="1.0" encoding="${encoding}"?><a>${text}</a>`;

describe('encodeXml / decodeXml', () => {
  it('writes EUC-KR bytes, not UTF-8', () => {
    expect(encodeXml('<a>한글</a>')).toEqual(Buffer.concat([Buffer.from('<a>'), Buffer.from([0xc7, 0xd1, 0xb1, 0xdb]), Buffer.from('</a>')]));
  });

  it('round-trips Korean text through EUC-KR', () => {
    const bytes = encodeXml(xmlDoc(KOREAN));
    expect(decodeXml(bytes, 'text/xml; charset=euc-kr')).toEqual({ text: xmlDoc(KOREAN), charset: 'euc-kr', declared: 'euc-kr' });
  });

  it.each<CoopProfile['industry']>(['furniture', 'steel-wire', 'metal', 'textiles', 'printing', 'soy', 'electrical', 'lighting', 'gloves', 'sauce'])(
    'round-trips every string of a %s dataset',
    (industry) => {
      const d = generateDataset({ id: 'x', industry, productCount: 120, memberCount: 20, orderCount: 60, pricesIncludeVat: false, seed: 11 });
      const strings = [...d.products.flatMap((p) => [p.name, p.spec, p.description, p.unitWord]), ...d.members.flatMap((m) => [m.name, m.representative, m.region]), ...d.orders.map((o) => o.buyerName)];
      const text = strings.join('\n');
      expect(decodeXml(encodeXml(xmlDoc(text)), null).text).toBe(xmlDoc(text));
    },
  );

  it('writes characters EUC-KR lacks as character references, never as "?"', () => {
    const bytes = encodeXml('<a>커피☕ – 😀 Ω</a>');
    expect(bytes.includes(0x3f)).toBe(false);
    const text = iconv.decode(bytes, 'euc-kr');
    expect(text).toBe('<a>커피&#x2615; &#x2013; &#x1F600; Ω</a>');
    const parsed = parseResponse(`<Envelope><Body><OpResponse><OpResult><v>${text.slice(3, -4)}</v></OpResult></OpResponse></Body></Envelope>`, 'Op');
    expect(parsed).toEqual({ result: { v: '커피☕ – 😀 Ω' } });
  });

  it('reads UTF-8 bytes labelled EUC-KR (header and declaration) as UTF-8', () => {
    const bytes = Buffer.from(xmlDoc(KOREAN), 'utf8');
    expect(decodeXml(bytes, 'text/xml; charset=euc-kr')).toEqual({ text: xmlDoc(KOREAN), charset: 'utf-8', declared: 'euc-kr' });
  });

  it('reads EUC-KR bytes labelled UTF-8 as EUC-KR', () => {
    const bytes = euckr(xmlDoc(KOREAN, 'UTF-8'));
    expect(decodeXml(bytes, 'text/xml;charset=UTF-8')).toMatchObject({ text: xmlDoc(KOREAN, 'UTF-8'), charset: 'euc-kr' });
    expect(decodeXml(bytes, null)).toMatchObject({ text: xmlDoc(KOREAN, 'UTF-8'), charset: 'euc-kr', declared: 'utf-8' });
  });

  it('takes the declaration when there is no header, and the header over the declaration', () => {
    expect(decodeXml(euckr(xmlDoc('가나다')), undefined)).toMatchObject({ text: xmlDoc('가나다'), declared: 'euc-kr' });
    expect(decodeXml(euckr(xmlDoc('가나다', 'UTF-8')), 'text/xml; charset="ks_c_5601-1987"')).toMatchObject({ text: xmlDoc('가나다', 'UTF-8'), declared: 'ks_c_5601-1987' });
  });

  it('keeps EUC-KR when its bytes happen to be valid UTF-8 too ("책" is C3 A5, "å" in UTF-8)', () => {
    const bytes = euckr(xmlDoc('책'));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toContain('å'); // the trap
    expect(decodeXml(bytes, 'text/xml; charset=euc-kr').text).toBe(xmlDoc('책'));
    // …while valid UTF-8 declared as UTF-8 stays UTF-8, even when it would also read as CP949.
    expect(decodeXml(Buffer.from(xmlDoc('café', 'UTF-8'), 'utf8'), 'text/xml; charset=utf-8').text).toBe(xmlDoc('café', 'UTF-8'));
  });

  it('honours a BOM and passes pure ASCII through', () => {
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xmlDoc('한글'), 'utf8')]);
    expect(decodeXml(withBom, 'text/xml; charset=euc-kr')).toMatchObject({ text: xmlDoc('한글'), charset: 'utf-8' });
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xmlDoc('한글', 'UTF-16'), 'utf16le')]);
    expect(decodeXml(utf16, null).text).toBe(xmlDoc('한글', 'UTF-16'));
    expect(decodeXml(Buffer.from(xmlDoc('P-10023')), 'text/xml; charset=euc-kr')).toMatchObject({ text: xmlDoc('P-10023'), charset: 'ascii' });
  });

  it('reads another declared charset as declared, unless its bytes are valid UTF-8', () => {
    expect(decodeXml(iconv.encode(xmlDoc('café', 'ISO-8859-1'), 'latin1'), null)).toMatchObject({ text: xmlDoc('café', 'ISO-8859-1'), charset: 'iso-8859-1' });
    expect(decodeXml(Buffer.from(xmlDoc('한글'), 'utf8'), 'text/xml; charset=iso-8859-1')).toMatchObject({ text: xmlDoc('한글'), charset: 'utf-8' });
  });

  it('reads bytes valid in neither charset as declared, with replacement characters where they break', () => {
    const broken = Buffer.concat([euckr('<a>가나'), Buffer.from([0xff]), euckr('다</a>')]);
    expect(decodeXml(broken, 'text/xml; charset=euc-kr').text).toBe('<a>가나\uFFFD다</a>');
  });

  it('finds the charset of a Content-Type and of an XML declaration', () => {
    expect(charsetOfContentType('text/xml; charset=EUC-KR')).toBe('euc-kr');
    expect(charsetOfContentType('text/xml;charset="utf-8"; action="x"')).toBe('utf-8');
    expect(charsetOfContentType('text/xml')).toBeNull();
    expect(charsetOfContentType(undefined)).toBeNull();
    expect(declaredXmlEncoding(Buffer.from(`<?xml version='1.0' encoding='CP949' standalone='yes'?><a/>`))).toBe('cp949');
    expect(declaredXmlEncoding(Buffer.from('<a encoding="x"/>'))).toBeNull();
  });
});

describe('buildRequest', () => {
  it('wraps the operation in a SOAP 1.1 envelope with unqualified, escaped, repeated children', () => {
    const xml = buildRequest('urn:mall', 'GetItemsByCode', { ItemCd: ['P-1', 'A&B<C>'], Empty: '', Skipped: undefined });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="EUC-KR"?>\n' +
        '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>' +
        '<m:GetItemsByCode xmlns:m="urn:mall"><ItemCd>P-1</ItemCd><ItemCd>A&amp;B&lt;C&gt;</ItemCd><Empty/></m:GetItemsByCode>' +
        '</soap:Body></soap:Envelope>',
    );
  });

  it('nests elements and keeps Korean text for the encoder', () => {
    const xml = buildRequest('urn:mall', 'RegisterOrder', { BuyerNm: '서울특별시교육청', OrderItemList: { OrderItem: [{ ItemCd: 'P-1', OrderQty: 3 }, { ItemCd: 'P-2', OrderQty: 1 }] } });
    expect(xml).toContain('<BuyerNm>서울특별시교육청</BuyerNm><OrderItemList><OrderItem><ItemCd>P-1</ItemCd><OrderQty>3</OrderQty></OrderItem><OrderItem><ItemCd>P-2</ItemCd><OrderQty>1</OrderQty></OrderItem></OrderItemList>');
    expect(parseResponse(iconv.decode(encodeXml(xml.replace(/RegisterOrder/g, 'RegisterOrderResponse')), 'euc-kr'), 'RegisterOrder')).toEqual({
      result: { BuyerNm: '서울특별시교육청', OrderItemList: { OrderItem: [{ ItemCd: 'P-1', OrderQty: '3' }, { ItemCd: 'P-2', OrderQty: '1' }] } },
    });
  });
});

describe('parseResponse', () => {
  const envelope = (body: string) =>
    `<?xml version="1.0" encoding="EUC-KR"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;

  it('returns the result element, whatever the prefixes, with text kept as text', () => {
    const xml = envelope('<ns1:GetItemListResponse xmlns:ns1="urn:x"><ns1:GetItemListResult><TotalCount>2</TotalCount><ItemList><Item><ItemCd>00123</ItemCd><SalePrice>12,000</SalePrice><Barcode/></Item></ItemList></ns1:GetItemListResult></ns1:GetItemListResponse>');
    expect(parseResponse(xml, 'GetItemList')).toEqual({ result: { TotalCount: '2', ItemList: { Item: { ItemCd: '00123', SalePrice: '12,000', Barcode: '' } } } });
  });

  it('accepts a response without the Result wrapper', () => {
    expect(parseResponse(envelope('<CancelOrderResponse><Order><OrderNo>O-1</OrderNo></Order></CancelOrderResponse>'), 'CancelOrder')).toEqual({ result: { Order: { OrderNo: 'O-1' } } });
  });

  it('reads a Fault with its faultstring and the mall’s error code', () => {
    const xml = envelope('<soapenv:Fault><faultcode>soapenv:Client</faultcode><faultstring>상품코드 P-9이(가) 존재하지 않습니다</faultstring><detail><ns1:MallFault xmlns:ns1="urn:x"><ErrorCode>E1002</ErrorCode></ns1:MallFault></detail></soapenv:Fault>');
    expect(parseResponse(xml, 'RegisterOrder')).toEqual({ fault: { faultcode: 'soapenv:Client', faultstring: '상품코드 P-9이(가) 존재하지 않습니다', errorCode: 'E1002' } });
    expect(parseResponse(envelope('<Fault><faultcode>Server</faultcode><faultstring>오류</faultstring></Fault>'), 'X')).toEqual({ fault: { faultcode: 'Server', faultstring: '오류', errorCode: null } });
  });

  it('decodes XML entities and character references, but not HTML entities', () => {
    const xml = envelope('<OpResponse><OpResult><v>A&amp;B &lt;&#xD55C;&#44544;&gt; &quot;&apos; &nbsp;</v></OpResult></OpResponse>');
    expect(parseResponse(xml, 'Op')).toEqual({ result: { v: 'A&B <한글> "\' &nbsp;' } });
  });

  it.each([
    ['an HTML error page', '<html><head><title>Error 500</title></head><body><h2>Internal Server Error</h2></body></html>', /no SOAP Envelope/],
    ['truncated XML', envelope('<OpResponse><OpResult><v>1</v>'), /malformed XML/],
    ['not XML at all', 'Service Unavailable', /malformed XML/],
    ['a DOCTYPE (entity expansion)', '<!DOCTYPE x [<!ENTITY a "aaaa">]><Envelope><Body><OpResponse>&a;</OpResponse></Body></Envelope>', /DOCTYPE/],
    ['another operation’s answer', envelope('<OtherResponse/>'), /no OpResponse/],
  ])('refuses %s', (_label, xml, message) => {
    expect(() => parseResponse(xml, 'Op')).toThrow(EnvelopeError);
    expect(() => parseResponse(xml, 'Op')).toThrow(message);
  });
});

describe('node helpers', () => {
  const node = { One: { A: '1' }, Many: [{ A: '1' }, { A: '2' }], Empty: '', Text: ' x ' };
  it('reads repeated elements as lists and empty elements as nothing', () => {
    expect(listAt(node, 'One')).toEqual([{ A: '1' }]);
    expect(listAt(node, 'Many')).toHaveLength(2);
    expect(listAt(node, 'Missing')).toEqual([]);
    expect(listAt(null, 'One')).toEqual([]);
    expect(objectAt(node, 'Empty')).toEqual({});
    expect(objectAt(node, 'Text')).toBeNull();
    expect(textOf(node.Text)).toBe('x');
    expect(textOf(node.One)).toBeNull();
  });
});
