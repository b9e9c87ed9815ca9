/**
 * SOAP 1.1 over HTTP to the mall: EUC-KR envelopes POSTed with a SOAPAction,
 * keep-alive connections (undici Agent), a deadline per call, and every
 * answer checked in one place. A Fault becomes a SoapFault (with the mall's
 * faultstring and error code); anything else that is not the operation's
 * answer becomes a SoapCallError whose reason a person can act on
 * ("connection refused", "HTTP 500 from GetItemList", "no answer within 10000 ms").
 */
import { Agent, request } from 'undici';
import { decodeXml, encodeXml } from './encoding';
import { buildRequest, EnvelopeError, parseResponse, type FaultInfo, type SoapParams, type XmlObject } from './envelope';
import type { SoapSettings } from './settings';
import { READ_ONLY, SERVICE_NS, type Operation } from './wire';

/** The mall answered with a SOAP Fault. */
export class SoapFault extends Error {
  override name = 'SoapFault';
  readonly faultcode: string;
  readonly faultstring: string;
  readonly errorCode: string | null;

  constructor(readonly operation: Operation, fault: FaultInfo) {
    super(fault.faultstring || `SOAP Fault ${fault.faultcode} from ${operation}`);
    this.faultcode = fault.faultcode;
    this.faultstring = fault.faultstring;
    this.errorCode = fault.errorCode;
  }
}

/** The mall could not be reached or answered something that is not its service. */
export class SoapCallError extends Error {
  override name = 'SoapCallError';
}

/** Socket errors worth one retry of a read: a keep-alive socket the server closed just as we reused it. */
const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

class StaleSocket extends SoapCallError {}

export class SoapClient {
  private readonly agent: Agent;
  private sent = 0;

  constructor(private readonly settings: SoapSettings) {
    // Shorter than Node's default server keep-alive (5 s), so we drop idle sockets before the server does.
    this.agent = new Agent({ keepAliveTimeout: 4_000, connections: 16 });
  }

  /** Calls made so far (tests count round trips). */
  get callCount(): number {
    return this.sent;
  }

  /** Calls an operation and returns its result element; throws SoapFault or SoapCallError. */
  async call(operation: Operation, params: SoapParams = {}): Promise<XmlObject> {
    const body = encodeXml(buildRequest(SERVICE_NS, operation, params));
    try {
      return await this.send(operation, body);
    } catch (err) {
      if (!(err instanceof StaleSocket)) throw err;
      if (!READ_ONLY.has(operation)) throw new SoapCallError(`connection lost during ${operation}`);
      return this.send(operation, body);
    }
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private async send(operation: Operation, body: Buffer): Promise<XmlObject> {
    this.sent++;
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    let status: number;
    let contentType: string | undefined;
    let bytes: Uint8Array;
    try {
      const res = await request(this.settings.endpoint, {
        method: 'POST',
        dispatcher: this.agent,
        signal,
        body,
        headers: { 'content-type': 'text/xml; charset=euc-kr', accept: 'text/xml', soapaction: `"${SERVICE_NS}/${operation}"` },
      });
      status = res.statusCode;
      const header = res.headers['content-type'];
      contentType = Array.isArray(header) ? header[0] : header;
      bytes = new Uint8Array(await res.body.arrayBuffer());
    } catch (err) {
      throw transportError(err, signal, this.settings.timeoutMs, operation);
    }
    return readAnswer(operation, status, contentType, bytes);
  }
}

/** Fault first (SOAP sends Faults with HTTP 500), then the HTTP status, then the result element. */
function readAnswer(operation: Operation, status: number, contentType: string | undefined, bytes: Uint8Array): XmlObject {
  let answer;
  try {
    answer = parseResponse(decodeXml(bytes, contentType).text, operation);
  } catch (err) {
    if (!(err instanceof EnvelopeError)) throw err;
    throw new SoapCallError(status >= 400 ? `HTTP ${status} from ${operation} (not a SOAP answer)` : `unexpected answer from ${operation}: ${err.message}`);
  }
  if ('fault' in answer) throw new SoapFault(operation, answer.fault);
  if (status >= 400) throw new SoapCallError(`HTTP ${status} from ${operation}`);
  return answer.result;
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}

function transportError(err: unknown, signal: AbortSignal, timeoutMs: number, operation: Operation): SoapCallError {
  if (signal.aborted) return new SoapCallError(`no answer within ${timeoutMs} ms to ${operation}`);
  const code = errorCode(err);
  if (code === 'ECONNREFUSED') return new SoapCallError(`connection refused (${operation})`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new SoapCallError(`host not found (${operation})`);
  if (code && STALE_SOCKET_CODES.has(code)) return new StaleSocket(`connection reset (${operation})`);
  return new SoapCallError(`${code ?? (err as Error)?.message ?? 'request failed'} (${operation})`);
}
