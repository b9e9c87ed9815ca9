/**
 * The WSDL 1.1 the simulated SOAP mall serves at `?wsdl`: document/literal
 * wrapped, one port type, SOAP 1.1 over HTTP. It is the contract the `soap`
 * adapter was written against (operations, element names, SOAPAction).
 */
export const SERVICE_NS = 'http://bizmall.example/ws/MallService';
export const SERVICE_NAME = 'MallService';

type Field = readonly [name: string, type: string, occurs?: '0..1' | '0..n' | '1..n'];

interface Operation {
  doc: string;
  input: readonly Field[];
  result: readonly Field[];
}

const PAGING: readonly Field[] = [['PageNo', 'xsd:int', '0..1'], ['PageSize', 'xsd:int', '0..1']];
const PAGE: readonly Field[] = [['TotalCount', 'xsd:int'], ['PageNo', 'xsd:int'], ['PageSize', 'xsd:int']];

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetItemList: { doc: '상품 목록 (PageSize 최대 100)', input: [...PAGING, ['CategoryCode', 'xsd:string', '0..n']], result: [...PAGE, ['ItemList', 'tns:ItemList']] },
  GetItemsByCode: { doc: '상품 일괄 조회', input: [['ItemCd', 'xsd:string', '1..n']], result: [['ItemList', 'tns:ItemList']] },
  GetMemberList: { doc: '조합원사(공급사) 목록', input: PAGING, result: [...PAGE, ['MemberList', 'tns:MemberList']] },
  GetMembersByCode: { doc: '조합원사 일괄 조회', input: [['MemberCd', 'xsd:string', '1..n']], result: [['MemberList', 'tns:MemberList']] },
  GetOrderList: { doc: '주문 목록 (최근 주문 순)', input: [...PAGING, ['ClientOrderKey', 'xsd:string', '0..1']], result: [...PAGE, ['OrderList', 'tns:OrderList']] },
  GetOrdersByNo: { doc: '주문 일괄 조회', input: [['OrderNo', 'xsd:string', '1..n']], result: [['OrderList', 'tns:OrderList']] },
  RegisterOrder: {
    doc: '주문 등록 (단가는 상품 판매가로 계산)',
    input: [['ClientOrderKey', 'xsd:string', '0..1'], ['BuyerBizNo', 'xsd:string'], ['BuyerNm', 'xsd:string'], ['OrderItemList', 'tns:NewOrderItemList']],
    result: [['Order', 'tns:Order']],
  },
  CancelOrder: { doc: '주문 취소 (배송 전까지)', input: [['OrderNo', 'xsd:string'], ['CancelReason', 'xsd:string', '0..1']], result: [['Order', 'tns:Order']] },
};

const ROW_TYPES: Readonly<Record<string, readonly Field[]>> = {
  Item: ['ItemCd', 'ItemNm', 'ItemSpec', 'ItemDesc', 'CtgrCd', 'UnitNm', 'SalePrice', 'MinOrdQty', 'Barcode', 'VendorCd', 'StockQty', 'SaleYn', 'UpdDate'].map((n) => [n, 'xsd:string'] as const),
  Member: ['MemberCd', 'MemberNm', 'BizNo', 'CeoNm', 'AreaNm', 'UseYn'].map((n) => [n, 'xsd:string'] as const),
  OrderItem: ['SeqNo', 'ItemCd', 'ItemNm', 'OrderQty', 'UnitPrice', 'Amount'].map((n) => [n, 'xsd:string'] as const),
  Order: [
    ...['OrderNo', 'OrderDate', 'OrderStatus', 'BuyerBizNo', 'BuyerNm', 'VendorCd', 'TotalAmt', 'ClientOrderKey'].map((n) => [n, 'xsd:string'] as const),
    ['OrderItemList', 'tns:OrderItemList'],
    ...['DlvCompany', 'InvoiceNo', 'CancelReason'].map((n) => [n, 'xsd:string'] as const),
  ],
  NewOrderItem: [['ItemCd', 'xsd:string'], ['OrderQty', 'xsd:int']],
  ItemList: [['Item', 'tns:Item', '0..n']],
  MemberList: [['Member', 'tns:Member', '0..n']],
  OrderList: [['Order', 'tns:Order', '0..n']],
  OrderItemList: [['OrderItem', 'tns:OrderItem', '0..n']],
  NewOrderItemList: [['OrderItem', 'tns:NewOrderItem', '1..n']],
  MallFault: [['ErrorCode', 'xsd:string'], ['ErrorMsg', 'xsd:string']],
};

function element([name, type, occurs]: Field): string {
  const min = occurs === '0..1' || occurs === '0..n' ? ' minOccurs="0"' : '';
  const max = occurs === '0..n' || occurs === '1..n' ? ' maxOccurs="unbounded"' : '';
  return `<xsd:element name="${name}" type="${type}"${min}${max}/>`;
}

function sequence(fields: readonly Field[]): string {
  return `<xsd:sequence>${fields.map(element).join('')}</xsd:sequence>`;
}

/** The WSDL document for an endpoint URL. */
export function wsdlFor(endpoint: string): string {
  const ops = Object.entries(OPERATIONS);
  const types = [
    ...Object.entries(ROW_TYPES).map(([name, fields]) => `<xsd:complexType name="${name}">${sequence(fields)}</xsd:complexType>`),
    ...ops.flatMap(([op, o]) => [
      `<xsd:element name="${op}"><xsd:complexType>${sequence(o.input)}</xsd:complexType></xsd:element>`,
      `<xsd:element name="${op}Response"><xsd:complexType><xsd:sequence><xsd:element name="${op}Result"><xsd:complexType>${sequence(o.result)}</xsd:complexType></xsd:element></xsd:sequence></xsd:complexType></xsd:element>`,
    ]),
    `<xsd:element name="MallFault" type="tns:MallFault"/>`,
  ];
  return [
    '<?xml version="1.0" encoding="EUC-KR"?>',
    `<wsdl:definitions name="${SERVICE_NAME}" targetNamespace="${SERVICE_NS}" xmlns:tns="${SERVICE_NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" xmlns:xsd="http://www.w3.org/2001/XMLSchema">`,
    '<wsdl:documentation>조합 B2B 쇼핑몰 연동 서비스 (SOAP 1.1, EUC-KR)</wsdl:documentation>',
    `<wsdl:types><xsd:schema targetNamespace="${SERVICE_NS}" elementFormDefault="unqualified">${types.join('')}</xsd:schema></wsdl:types>`,
    ...ops.map(([op]) => `<wsdl:message name="${op}Request"><wsdl:part name="parameters" element="tns:${op}"/></wsdl:message><wsdl:message name="${op}Response"><wsdl:part name="parameters" element="tns:${op}Response"/></wsdl:message>`),
    '<wsdl:message name="MallFault"><wsdl:part name="fault" element="tns:MallFault"/></wsdl:message>',
    `<wsdl:portType name="${SERVICE_NAME}PortType">`,
    ...ops.map(([op, o]) => `<wsdl:operation name="${op}"><wsdl:documentation>${o.doc}</wsdl:documentation><wsdl:input message="tns:${op}Request"/><wsdl:output message="tns:${op}Response"/><wsdl:fault name="MallFault" message="tns:MallFault"/></wsdl:operation>`),
    '</wsdl:portType>',
    `<wsdl:binding name="${SERVICE_NAME}Binding" type="tns:${SERVICE_NAME}PortType"><soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>`,
    ...ops.map(([op]) => `<wsdl:operation name="${op}"><soap:operation soapAction="${SERVICE_NS}/${op}"/><wsdl:input><soap:body use="literal"/></wsdl:input><wsdl:output><soap:body use="literal"/></wsdl:output><wsdl:fault name="MallFault"><soap:fault name="MallFault" use="literal"/></wsdl:fault></wsdl:operation>`),
    '</wsdl:binding>',
    `<wsdl:service name="${SERVICE_NAME}"><wsdl:port name="${SERVICE_NAME}Port" binding="tns:${SERVICE_NAME}Binding"><soap:address location="${escapeAttr(endpoint)}"/></wsdl:port></wsdl:service>`,
    '</wsdl:definitions>',
  ].join('\n');
}

function escapeAttr(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}
