/**
 * A simulated Korean shopping-mall / ERP REST API (the `rest` legacy kind), on
 * node:http, for the demo network and the REST adapter's tests.
 *
 *   GET  /api/v1/goods?page=1&size=50[&ctgryCd=F01,F02][&vendorCd=M001]
 *   GET  /api/v1/goods/batch?goodsNo=A,B,C
 *   GET  /api/v1/vendors?page&size          GET /api/v1/vendors/batch?vendorCd=…
 *   GET  /api/v1/orders?page&size[&clientOrderKey&ordStat&vendorCd&buyerBizrNo&fromDt&toDt]
 *   GET  /api/v1/orders/batch?ordNo=…
 *   POST /api/v1/orders                     POST /api/v1/orders/{ordNo}/cancel
 *
 * Quirks real systems have and adapters must cope with: 1-based page/size
 * paging with `size` silently capped at 100, amounts as strings ("12,000",
 * "1,320,000원"), dates YYYYMMDD, its own row order, business errors as
 * `{"resultCode":"9999","resultMsg":"…"}` with HTTP 200, crashes as HTTP 500
 * and an HTML 404 page for unknown paths.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LegacyDataset } from '../../data/types';
import { MallError, MallStore, STATUS_CODES, type NewOrder } from './store';

export const MAX_PAGE_SIZE = 100;
const DEFAULT_PAGE_SIZE = 20;

/** Failures a test can switch on to see how an adapter copes. */
export type RestLegacyFault = 'http500' | 'badJson' | 'resultCode' | null;

export interface RestLegacyOptions {
  dataset: LegacyDataset;
  /** 0 (default) = any free port. */
  port?: number;
  host?: string;
  /** Clock for new orders (tests pin it). */
  now?: () => Date;
}

export interface RestLegacyHandle {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:41234 */
  url: string;
  close(): Promise<void>;
  /** Requests served so far (every path, including errors). */
  calls: () => number;
  /** Makes every following request fail in the given way (null = healthy again). */
  setFault(fault: RestLegacyFault): void;
}

type Query = URLSearchParams;
type Reply = { status: number; body: unknown } | { status: number; html: string };

export async function startRestLegacy(opts: RestLegacyOptions): Promise<RestLegacyHandle> {
  const store = new MallStore(opts.dataset, opts.now);
  let calls = 0;
  let fault: RestLegacyFault = null;
  const server = createServer((req, res) => {
    calls++;
    void handle(store, fault, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
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

async function handle(store: MallStore, fault: RestLegacyFault, req: IncomingMessage, res: ServerResponse): Promise<void> {
  let reply: Reply;
  try {
    const body = req.method === 'POST' ? await readBody(req) : '';
    reply = fault ? faultReply(fault) : route(store, req.method ?? 'GET', new URL(req.url ?? '/', 'http://mall'), body);
  } catch (err) {
    reply = err instanceof MallError ? ok({ resultCode: err.resultCode, resultMsg: err.message, ...err.extra }) : crash(err);
  }
  send(res, reply);
}

function faultReply(fault: Exclude<RestLegacyFault, null>): Reply {
  switch (fault) {
    case 'http500':
      return { status: 500, body: { resultCode: '9999', resultMsg: '시스템 오류가 발생했습니다' } };
    case 'badJson':
      return { status: 200, html: '<html><body><h1>점검 중입니다</h1></body></html>' };
    case 'resultCode':
      return ok({ resultCode: '9999', resultMsg: 'DB 연결 오류' });
  }
}

function route(store: MallStore, method: string, url: URL, body: string): Reply {
  const path = url.pathname.replace(/\/+$/, '');
  const q = url.searchParams;
  if (method === 'GET') {
    switch (path) {
      case '/api/v1/goods':
        return paged(q, store.listGoods({ ctgryCd: listParam(q, 'ctgryCd'), vendorCd: q.get('vendorCd') || undefined }));
      case '/api/v1/goods/batch':
        return listed(store.goodsByCodes(requiredList(q, 'goodsNo')));
      case '/api/v1/vendors':
        return paged(q, store.listVendors());
      case '/api/v1/vendors/batch':
        return listed(store.vendorsByCodes(requiredList(q, 'vendorCd')));
      case '/api/v1/orders':
        return paged(q, store.listOrders(orderQuery(q)));
      case '/api/v1/orders/batch':
        return listed(store.ordersByCodes(requiredList(q, 'ordNo')));
    }
  }
  if (method === 'POST') {
    if (path === '/api/v1/orders') return ok({ resultCode: '0000', resultMsg: '정상', data: store.placeOrder(parseNewOrder(body)) });
    const cancel = /^\/api\/v1\/orders\/([^/]+)\/cancel$/.exec(path);
    if (cancel) {
      const reason = (parseJson(body) as { cnclRsn?: unknown } | null)?.cnclRsn;
      return ok({ resultCode: '0000', resultMsg: '정상', data: store.cancelOrder(decodeURIComponent(cancel[1]), typeof reason === 'string' ? reason : null) });
    }
  }
  return notFound(path);
}

/** 1-based page/size paging; size is capped at 100 without telling anyone except through `size`. */
function paged(q: Query, rows: readonly unknown[]): Reply {
  const page = intParam(q, 'page', 1);
  const size = Math.min(intParam(q, 'size', DEFAULT_PAGE_SIZE), MAX_PAGE_SIZE);
  const list = rows.slice((page - 1) * size, page * size);
  return ok({ resultCode: '0000', resultMsg: '정상', totalCnt: rows.length, page, size, list });
}

function listed(rows: readonly unknown[]): Reply {
  return ok({ resultCode: '0000', resultMsg: '정상', totalCnt: rows.length, list: rows });
}

function intParam(q: Query, name: string, fallback: number): number {
  const raw = q.get(name);
  if (raw === null || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new MallError('9001', `파라미터 오류: ${name}=${raw}`);
  return n;
}

function listParam(q: Query, name: string): string[] | undefined {
  const raw = q.get(name);
  return raw ? raw.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
}

function requiredList(q: Query, name: string): string[] {
  const list = listParam(q, name);
  if (!list) throw new MallError('9001', `필수 파라미터 누락: ${name}`);
  return list;
}

function orderQuery(q: Query) {
  const ordStat = q.get('ordStat') || undefined;
  if (ordStat && !STATUS_CODES.includes(ordStat)) throw new MallError('9001', `파라미터 오류: ordStat=${ordStat}`);
  for (const name of ['fromDt', 'toDt']) {
    const v = q.get(name);
    if (v && !/^\d{8}$/.test(v)) throw new MallError('9001', `파라미터 오류: ${name}=${v}`);
  }
  return {
    ordStat,
    vendorCd: q.get('vendorCd') || undefined,
    buyerBizrNo: q.get('buyerBizrNo') || undefined,
    clientOrderKey: q.get('clientOrderKey') || undefined,
    fromDt: q.get('fromDt') || undefined,
    toDt: q.get('toDt') || undefined,
  };
}

function parseNewOrder(body: string): NewOrder {
  const json = parseJson(body) as Partial<NewOrder> | null;
  if (!json || typeof json.buyerBizrNo !== 'string' || typeof json.buyerNm !== 'string' || !Array.isArray(json.itemList)) {
    throw new MallError('9002', '요청 형식 오류: buyerBizrNo, buyerNm, itemList 필수');
  }
  return {
    buyerBizrNo: json.buyerBizrNo,
    buyerNm: json.buyerNm,
    clientOrderKey: typeof json.clientOrderKey === 'string' ? json.clientOrderKey : null,
    itemList: json.itemList.map((i) => ({ goodsNo: String(i?.goodsNo ?? ''), ordQty: Number(i?.ordQty) })),
  };
}

function parseJson(body: string): unknown {
  if (body.trim() === '') return null;
  try {
    return JSON.parse(body);
  } catch {
    throw new MallError('9002', '요청 형식 오류: JSON');
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function ok(body: unknown): Reply {
  return { status: 200, body };
}

function crash(err: unknown): Reply {
  return { status: 500, body: { resultCode: '9999', resultMsg: `시스템 오류: ${(err as Error)?.message ?? err}` } };
}

function notFound(path: string): Reply {
  return { status: 404, html: `<html><head><title>404 Not Found</title></head><body><h1>HTTP Status 404 – Not Found</h1><p>${escapeHtml(path)}</p></body></html>` };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function send(res: ServerResponse, reply: Reply): void {
  if ('html' in reply) {
    res.writeHead(reply.status, { 'content-type': 'text/html;charset=UTF-8' });
    res.end(reply.html);
    return;
  }
  res.writeHead(reply.status, { 'content-type': 'application/json;charset=UTF-8' });
  res.end(JSON.stringify(reply.body));
}
