/**
 * A simulated SOAP 1.1 shopping-mall service of the kind Korean cooperatives
 * still run (the `soap` legacy kind), on node:http, for the demo network and
 * the SOAP adapter's tests.
 *
 *   POST /ws/MallService        text/xml; charset=euc-kr, SOAPAction "<ns>/<Operation>"
 *   GET  /ws/MallService?wsdl   the WSDL (wsdl.ts)
 *
 * Operations: GetItemList (PageNo, PageSize ≤ 100, CategoryCode*),
 * GetItemsByCode (ItemCd+), GetMemberList, GetMembersByCode (MemberCd+),
 * GetOrderList (paging, ClientOrderKey?), GetOrdersByNo (OrderNo+),
 * RegisterOrder, CancelOrder. Requests and answers are EUC-KR (characters
 * EUC-KR lacks travel as numeric character references); the request is read
 * in the charset its Content-Type (else its XML declaration) names.
 *
 * Quirks adapters must cope with: 1-based paging in its own row order,
 * amounts as "12,000" strings, dates YYYYMMDD, status as Korean words, every
 * error a SOAP Fault with HTTP 500 (`faultcode` soap:Client for the caller's
 * mistakes with `detail/MallFault/ErrorCode`, soap:Server for its own).
 *
 * Failures a test can switch on with setFault (SOAP calls only; the WSDL is
 * always served):
 * - `soapFault`: every call answers a soap:Server Fault (a database outage);
 * - `wrongEncoding`: answers are UTF-8 bytes while the Content-Type header and
 *   the XML declaration both still say EUC-KR (a mis-configured app server);
 * - `http500`: every call answers HTTP 500 with the app server's HTML page.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';
import iconv from 'iconv-lite';
import type { LegacyDataset } from '../../data/types';
import { ERROR_CODES, MallFault, SoapMallStore, type NewOrder } from './store';
import { SERVICE_NS, wsdlFor } from './wsdl';

export const SERVICE_PATH = '/ws/MallService';
export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;
const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

export type SoapLegacyFault = 'soapFault' | 'wrongEncoding' | 'http500' | null;

export interface SoapLegacyOptions {
  dataset: LegacyDataset;
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Clock for new orders (tests pin it). */
  now?: () => Date;
}

export interface SoapLegacyHandle {
  /** The SOAP endpoint, e.g. http://127.0.0.1:41234/ws/MallService */
  url: string;
  /** The endpoint with `?wsdl`. */
  wsdlUrl: string;
  close(): Promise<void>;
  /** HTTP requests served so far (every path, including errors and the WSDL). */
  calls(): number;
  /** Makes every following SOAP call fail in the given way (null = healthy again). */
  setFault(f: SoapLegacyFault): void;
}

type Params = Record<string, unknown>;
type Operation = (store: SoapMallStore, params: Params) => unknown;

export async function startSoapLegacy(opts: SoapLegacyOptions): Promise<SoapLegacyHandle> {
  const store = new SoapMallStore(opts.dataset, opts.now);
  let calls = 0;
  let fault: SoapLegacyFault = null;
  let endpoint = '';
  const server = createServer((req, res) => {
    calls++;
    void handle(req, res, { store, fault, endpoint });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  endpoint = `http://${host}:${port}${SERVICE_PATH}`;
  return {
    url: endpoint,
    wsdlUrl: `${endpoint}?wsdl`,
    calls: () => calls,
    setFault: (f) => {
      fault = f;
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Keep-alive sockets would hold close() open: drop them.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

// ───────────────────────────── HTTP ─────────────────────────────

interface State {
  store: SoapMallStore;
  fault: SoapLegacyFault;
  endpoint: string;
}

async function handle(req: IncomingMessage, res: ServerResponse, state: State): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mall');
  if (url.pathname !== SERVICE_PATH) return sendHtml(res, 404, '<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>');
  if (req.method === 'GET' && [...url.searchParams.keys()].some((k) => k.toLowerCase() === 'wsdl')) return sendXml(res, 200, wsdlFor(state.endpoint));
  if (req.method !== 'POST') return sendHtml(res, 405, '<html><body><h1>MallService</h1><p>SOAP 1.1 서비스입니다. WSDL: ?wsdl</p></body></html>');
  if (state.fault === 'http500') return sendHtml(res, 500, '<html><head><title>Error 500--Internal Server Error</title></head><body><h2>Error 500--Internal Server Error</h2></body></html>');
  let body: { xml: string; status: number };
  try {
    const text = decodeRequest(await readBody(req), req.headers['content-type']);
    if (state.fault === 'soapFault') throw new MallFault(ERROR_CODES.system, '데이터베이스 연결 오류입니다 (ORA-12541: TNS:no listener)', 'Server');
    const { operation, params } = parseRequest(text);
    body = { status: 200, xml: responseXml(operation, OPERATIONS[operation](state.store, params)) };
  } catch (err) {
    const fault = err instanceof MallFault ? err : new MallFault(ERROR_CODES.system, `시스템 오류: ${(err as Error)?.message ?? err}`, 'Server');
    body = { status: 500, xml: faultXml(fault) }; // SOAP 1.1 over HTTP: a Fault goes with status 500
  }
  sendXml(res, body.status, body.xml, state.fault === 'wrongEncoding' ? 'utf-8' : 'euc-kr');
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The request's charset: its Content-Type, else its XML declaration, else EUC-KR (the mall's own). */
function decodeRequest(bytes: Buffer, contentType: string | undefined): string {
  const declared = /charset\s*=\s*"?([\w.:-]+)/i.exec(contentType ?? '')?.[1] ?? /^<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)/.exec(bytes.subarray(0, 200).toString('latin1'))?.[1] ?? 'euc-kr';
  if (!iconv.encodingExists(declared)) throw new MallFault(ERROR_CODES.badRequest, `지원하지 않는 문자셋입니다: ${declared}`);
  return iconv.decode(bytes, declared);
}

/** Answers are written in `charset` but always labelled EUC-KR (the `wrongEncoding` fault sends UTF-8 bytes). */
function sendXml(res: ServerResponse, status: number, xml: string, charset: 'euc-kr' | 'utf-8' = 'euc-kr'): void {
  const bytes = charset === 'utf-8' ? Buffer.from(xml, 'utf8') : encodeEucKr(xml);
  res.writeHead(status, { 'content-type': 'text/xml; charset=euc-kr', 'content-length': bytes.length });
  res.end(bytes);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  const bytes = encodeEucKr(html);
  res.writeHead(status, { 'content-type': 'text/html; charset=euc-kr', 'content-length': bytes.length });
  res.end(bytes);
}

/** EUC-KR (CP949) bytes; characters it lacks become numeric character references. */
function encodeEucKr(xml: string): Buffer {
  const bytes = iconv.encode(xml, 'euc-kr');
  if (iconv.decode(bytes, 'euc-kr') === xml) return bytes;
  return iconv.encode(xml.replace(/[^\u0000-\u007f]/gu, (ch) => (iconv.decode(iconv.encode(ch, 'euc-kr'), 'euc-kr') === ch ? ch : `&#x${ch.codePointAt(0)!.toString(16).toUpperCase()};`)), 'euc-kr');
}

// ───────────────────────────── SOAP ─────────────────────────────

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false, ignoreDeclaration: true, htmlEntities: true, jPath: false });
const builder = new XMLBuilder({ ignoreAttributes: false, suppressEmptyNode: true });

function parseRequest(text: string): { operation: string; params: Params } {
  if (/<!DOCTYPE/i.test(text) || XMLValidator.validate(text) !== true) throw new MallFault(ERROR_CODES.badRequest, 'XML 형식 오류');
  const envelope = (parser.parse(text) as Params).Envelope as Params | undefined;
  const body = envelope && typeof envelope === 'object' ? (envelope.Body as Params | undefined) : undefined;
  const operation = body && typeof body === 'object' ? Object.keys(body)[0] : undefined;
  if (!operation) throw new MallFault(ERROR_CODES.badRequest, 'SOAP Envelope/Body가 없습니다');
  if (!Object.hasOwn(OPERATIONS, operation)) throw new MallFault(ERROR_CODES.unknownOperation, `알 수 없는 오퍼레이션: ${operation}`);
  const params = body![operation];
  return { operation, params: params && typeof params === 'object' ? (params as Params) : {} };
}

function envelopeXml(content: unknown): string {
  return `<?xml version="1.0" encoding="EUC-KR"?>\n${builder.build({ 'soap:Envelope': { '@_xmlns:soap': SOAP_ENV_NS, 'soap:Body': content } })}`;
}

function responseXml(operation: string, result: unknown): string {
  return envelopeXml({ [`ns1:${operation}Response`]: { '@_xmlns:ns1': SERVICE_NS, [`ns1:${operation}Result`]: result } });
}

function faultXml(fault: MallFault): string {
  return envelopeXml({
    'soap:Fault': {
      faultcode: `soap:${fault.side}`,
      faultstring: fault.message,
      detail: { 'ns1:MallFault': { '@_xmlns:ns1': SERVICE_NS, ErrorCode: fault.errorCode, ErrorMsg: fault.message } },
    },
  });
}

// ───────────────────────────── operations ─────────────────────────────

const OPERATIONS: Readonly<Record<string, Operation>> = {
  GetItemList: (s, p) => paged(p, s.listItems(strings(p.CategoryCode)), 'ItemList', 'Item'),
  GetItemsByCode: (s, p) => ({ ItemList: { Item: s.itemsByCode(required(p, 'ItemCd')) } }),
  GetMemberList: (s, p) => paged(p, s.listMembers(), 'MemberList', 'Member'),
  GetMembersByCode: (s, p) => ({ MemberList: { Member: s.membersByCode(required(p, 'MemberCd')) } }),
  GetOrderList: (s, p) => paged(p, s.listOrders(strings(p.ClientOrderKey)[0]), 'OrderList', 'Order'),
  GetOrdersByNo: (s, p) => ({ OrderList: { Order: s.ordersByNo(required(p, 'OrderNo')) } }),
  RegisterOrder: (s, p) => ({ Order: s.registerOrder(newOrder(p)) }),
  CancelOrder: (s, p) => ({ Order: s.cancelOrder(required(p, 'OrderNo')[0], strings(p.CancelReason)[0] ?? null) }),
};

/** 1-based paging; PageSize above 100 is refused, not capped. */
function paged(p: Params, rows: readonly unknown[], list: string, row: string): unknown {
  const pageNo = intParam(p, 'PageNo', 1, Infinity);
  const pageSize = intParam(p, 'PageSize', DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { TotalCount: rows.length, PageNo: pageNo, PageSize: pageSize, [list]: { [row]: rows.slice((pageNo - 1) * pageSize, pageNo * pageSize) } };
}

function intParam(p: Params, name: string, fallback: number, max: number): number {
  const raw = strings(p[name])[0];
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) throw new MallFault(ERROR_CODES.badParameter, `파라미터 오류: ${name}=${raw}${max < Infinity ? ` (1~${max})` : ''}`);
  return n;
}

/** Non-empty trimmed strings of an element that may repeat. */
function strings(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number').map((v) => String(v).trim()).filter(Boolean);
}

function required(p: Params, name: string): string[] {
  const list = strings(p[name]);
  if (list.length === 0) throw new MallFault(ERROR_CODES.badParameter, `필수 파라미터 누락: ${name}`);
  return list;
}

function newOrder(p: Params): NewOrder {
  const list = p.OrderItemList as Params | undefined;
  const rows = list && typeof list === 'object' ? list.OrderItem : undefined;
  const items = (Array.isArray(rows) ? rows : rows === undefined ? [] : [rows]) as Params[];
  return {
    clientOrderKey: strings(p.ClientOrderKey)[0] ?? null,
    buyerBizNo: required(p, 'BuyerBizNo')[0],
    buyerNm: required(p, 'BuyerNm')[0],
    items: items.map((i) => ({ itemCd: strings(i?.ItemCd)[0] ?? '', orderQty: Number(strings(i?.OrderQty)[0]) })),
  };
}
