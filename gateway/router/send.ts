/**
 * The one place the tenant router calls a cooperative's subgraph. Every call
 * goes through `send`, which keeps a pooled keep-alive connection per origin
 * (node:http's own agent: it adds nothing to the gateway's memory, where a
 * second HTTP client such as undici costs ~17 MB of resident memory),
 * enforces the cooperative's deadline, turns every transport failure into a
 * result (never a throw), and reports each call (cooperative, role, duration,
 * outcome) to observers — metrics and the live status view hang off that.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import type { Agent as HttpsAgent } from 'node:https';
import { urlToHttpOptions } from 'node:url';
import type { GraphQLFormattedError } from 'graphql';

export type CallOutcome =
  | 'ok'
  | 'graphql_error'
  | 'timeout'
  | 'refused'
  | 'http_error'
  | 'bad_response'
  // Refused by the gateway's own protection before anything was sent (gateway/resilience):
  | 'circuit_open'
  | 'bulkhead_full';

/** What the response cache needs to know about a call (set by the tenant router; see gateway/cache). */
export interface CacheHint {
  /** The root field the call answers (its type picks the TTL). */
  field: string;
  /** Where the field's value is in the answer's `data`. */
  responseKey: string;
  /** `_entities`: the variable holding this cooperative's representations; each member is cached on its own. */
  batchVariable?: string;
  /** The caller's authorization scope: answers are shared only within one scope. */
  scope?: string;
}

export interface CooperativeCall {
  cooperativeId: string;
  role: string;
  url: string;
  query: string;
  variables: Record<string, unknown>;
  operationName?: string;
  deadlineMs: number;
  /** Headers to forward (request id, signed identity…). */
  headers?: Record<string, string>;
  /** Mutations are never retried anywhere down the line. */
  mutation: boolean;
  /** Present when the answer may be cached (never on mutations). */
  cache?: CacheHint;
}

export interface CallRecord {
  cooperativeId: string;
  role: string;
  durationMs: number;
  outcome: CallOutcome;
  /** The client request's `x-request-id`, when forwarded. */
  requestId?: string;
}

export type SendResult =
  | { ok: true; data: Record<string, unknown> | null; errors?: GraphQLFormattedError[] }
  | { ok: false; outcome: Exclude<CallOutcome, 'ok' | 'graphql_error'>; reason: string };

export type CallObserver = (record: CallRecord) => void;

export interface Sender {
  send(call: CooperativeCall): Promise<SendResult>;
  onCall(observer: CallObserver): () => void;
  close(): Promise<void>;
}

export class HttpSender implements Sender {
  private readonly agent: HttpAgent;
  /** Created on the first https:// cooperative (most run plain HTTP behind the gateway's network). */
  private secureAgent: HttpsAgent | undefined;
  private readonly maxSockets: number;
  private readonly maxAnswerBytes: number;
  /**
   * Each cooperative URL (the registry's few hundred) as request options,
   * parsed once: given options instead of a URL, node:http neither converts
   * nor copies them on every call (~2 KB less garbage per call, measured).
   */
  private readonly targets = new Map<string, Target>();
  private readonly observers = new Set<CallObserver>();
  /** Reads in flight: by target (URL, deadline, headers), then by body (the body string itself is the key: no copy). */
  private readonly inflight = new Map<string, Map<string, Promise<RawAnswer>>>();

  private readonly shareReads: boolean;
  /** Writes so far: a read never joins an exchange begun before a write (see WriteEpoch). */
  private readonly writes: { readonly value: number } | undefined;

  /**
   * `shareReads: false`: identical reads in flight each make their own exchange.
   * `maxAnswerBytes`: a longer answer is cut off and reported as `bad_response`,
   * so one broken or hostile subgraph cannot fill the gateway's memory.
   */
  constructor(options: { connectionsPerOrigin?: number; shareReads?: boolean; maxAnswerBytes?: number; writes?: { readonly value: number } } = {}) {
    this.shareReads = options.shareReads ?? true;
    this.writes = options.writes;
    this.maxAnswerBytes = options.maxAnswerBytes ?? DEFAULT_MAX_ANSWER_BYTES;
    this.maxSockets = options.connectionsPerOrigin ?? 32;
    this.agent = new HttpAgent({ keepAlive: true, maxSockets: this.maxSockets, timeout: 30_000 });
  }

  onCall(observer: CallObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  async send(call: CooperativeCall): Promise<SendResult> {
    const started = performance.now();
    const result = await this.exchange(call);
    const outcome: CallOutcome = result.ok ? (result.errors?.length && !result.data ? 'graphql_error' : 'ok') : result.outcome;
    const record: CallRecord = { cooperativeId: call.cooperativeId, role: call.role, durationMs: performance.now() - started, outcome };
    if (call.headers?.['x-request-id']) record.requestId = call.headers['x-request-id'];
    for (const observer of this.observers) observer(record);
    return result;
  }

  private async exchange(call: CooperativeCall): Promise<SendResult> {
    const body = JSON.stringify({ query: call.query, variables: call.variables, operationName: call.operationName });
    if (call.mutation || !this.shareReads) return toResult(await this.fetchText(call, body), call);
    // Identical reads in flight at the same moment share one HTTP exchange; each
    // caller parses its own copy, because the gateway merges into what it gets.
    const key = `${inflightKey(call)}\n${this.writes?.value ?? 0}`;
    let byBody = this.inflight.get(key);
    if (!byBody) this.inflight.set(key, (byBody = new Map()));
    let pending = byBody.get(body);
    if (!pending) {
      const sharing = byBody;
      pending = this.fetchText(call, body).finally(() => {
        sharing.delete(body);
        if (!sharing.size && this.inflight.get(key) === sharing) this.inflight.delete(key);
      });
      byBody.set(body, pending);
    }
    return toResult(await pending, call);
  }

  private fetchText(call: CooperativeCall, body: string): Promise<RawAnswer> {
    return new Promise<RawAnswer>((resolve) => {
      let settled = false;
      const settle = (answer: RawAnswer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(answer);
      };
      const target = this.target(call.url);
      const secure = target.protocol === 'https:';
      const send = secure ? (require('node:https') as typeof import('node:https')).request : httpRequest;
      const req = send(
        {
          protocol: target.protocol,
          hostname: target.hostname,
          port: target.port,
          path: target.path,
          auth: target.auth,
          method: 'POST',
          agent: secure ? this.httpsAgent() : this.agent,
          headers: { 'content-type': 'application/json', accept: 'application/json', 'content-length': Buffer.byteLength(body), ...call.headers },
        },
        (res: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size <= this.maxAnswerBytes) return void chunks.push(chunk);
            settle({ failure: 'too_large', limit: this.maxAnswerBytes });
            req.destroy();
          });
          // Decoded once at the end, so characters split across chunks stay whole.
          res.on('end', () => settle({ status: res.statusCode ?? 0, text: Buffer.concat(chunks, size).toString('utf8') }));
          res.on('error', (err) => settle({ failure: 'refused', reason: describeTransportError(err) }));
        },
      );
      const timer = setTimeout(() => {
        settle({ failure: 'timeout' });
        req.destroy();
      }, call.deadlineMs);
      req.on('error', (err) => settle({ failure: 'refused', reason: describeTransportError(err) }));
      req.end(body);
    });
  }

  private target(href: string): Target {
    let target = this.targets.get(href);
    if (!target) {
      if (this.targets.size >= 10_000) this.targets.clear();
      // node:url's own conversion: IPv6 brackets, percent-decoded credentials, path with query.
      const { protocol, hostname, port, path, auth } = urlToHttpOptions(new URL(href));
      this.targets.set(href, (target = { protocol: protocol ?? 'http:', hostname: hostname ?? 'localhost', port: port ?? undefined, path: path ?? '/', auth: auth ?? undefined }));
    }
    return target;
  }

  private httpsAgent(): HttpsAgent {
    const { Agent } = require('node:https') as typeof import('node:https');
    return (this.secureAgent ??= new Agent({ keepAlive: true, maxSockets: this.maxSockets, timeout: 30_000 }));
  }

  async close(): Promise<void> {
    this.agent.destroy();
    this.secureAgent?.destroy();
  }
}

/** Where a cooperative URL points, as node:http's request options. */
interface Target {
  protocol: string;
  hostname: string;
  port: string | number | undefined;
  path: string;
  auth: string | undefined;
}

/** Far above any page or `_entities` batch a cooperative should send (1,000 representations are ~1 MB). */
const DEFAULT_MAX_ANSWER_BYTES = 64 * 1024 * 1024;

/** The bytes of one exchange, or why there are none. */
type RawAnswer = { status: number; text: string } | { failure: 'timeout' } | { failure: 'refused'; reason: string } | { failure: 'too_large'; limit: number };

function toResult(raw: RawAnswer, call: CooperativeCall): SendResult {
  if ('text' in raw) return parseResponse(raw.status, raw.text);
  if (raw.failure === 'timeout') return { ok: false, outcome: 'timeout', reason: `no answer within ${call.deadlineMs} ms` };
  if (raw.failure === 'too_large') return { ok: false, outcome: 'bad_response', reason: `answer longer than ${raw.limit} bytes` };
  return { ok: false, outcome: 'refused', reason: raw.reason };
}

/** Same URL, deadline and headers (the request id aside: it only traces) and body → the same answer. */
function inflightKey(call: CooperativeCall): string {
  const { 'x-request-id': _traceOnly, ...headers } = call.headers ?? {};
  return `${call.url}\n${call.deadlineMs}\n${JSON.stringify(headers)}`;
}

/** A GraphQL-over-HTTP answer; 4xx with a GraphQL body is still a GraphQL answer. */
export function parseResponse(status: number, text: string): SendResult {
  let body: { data?: Record<string, unknown> | null; errors?: GraphQLFormattedError[] };
  try {
    body = JSON.parse(text);
  } catch {
    return { ok: false, outcome: status >= 400 ? 'http_error' : 'bad_response', reason: `HTTP ${status} with a body that is not JSON` };
  }
  if (body === null || typeof body !== 'object' || (!('data' in body) && !Array.isArray(body.errors))) {
    return { ok: false, outcome: status >= 400 ? 'http_error' : 'bad_response', reason: `HTTP ${status} without a GraphQL answer` };
  }
  if (status >= 500 && !body.data) return { ok: false, outcome: 'http_error', reason: `HTTP ${status}: ${firstMessage(body.errors)}` };
  return { ok: true, data: body.data ?? null, errors: body.errors };
}

function firstMessage(errors: GraphQLFormattedError[] | undefined): string {
  return errors?.[0]?.message ?? 'no message';
}

function describeTransportError(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  return `${code ?? 'transport error'}: ${e.cause?.message ?? e.message ?? String(err)}`;
}
