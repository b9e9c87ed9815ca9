/**
 * SOAP 1.1 over HTTP to the mall: EUC-KR envelopes POSTed with a SOAPAction,
 * keep-alive connections (undici Agent), a deadline per call, and every
 * answer checked in one place. A Fault becomes a SoapFault (with the mall's
 * faultstring and error code); anything else that is not the operation's
 * answer becomes a SoapCallError whose reason a person can act on
 * ("connection refused", "HTTP 500 from GetItemList", "no answer within 10000 ms").
 */
import { request, type Agent } from 'undici';
import { keepAliveAgent, transportFailure } from '../shared/http';
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

class StaleSocket extends SoapCallError {}

export class SoapClient {
  private readonly agent: Agent;
  private sent = 0;

  constructor(private readonly settings: SoapSettings) {
    this.agent = keepAliveAgent();
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

function transportError(err: unknown, signal: AbortSignal, timeoutMs: number, operation: Operation): SoapCallError {
  const failure = transportFailure(err, signal, timeoutMs, operation);
  return failure.stale ? new StaleSocket(failure.reason) : new SoapCallError(failure.reason);
}
