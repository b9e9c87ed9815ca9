/**
 * HTTP to the mall API: keep-alive connections (undici Agent), a deadline per
 * call, and the mall's envelope checked in one place. Everything that is not
 * a `resultCode: "0000"` JSON answer becomes an error with a reason a person
 * can act on ("connection refused", "HTTP 500", "no answer within 10000 ms").
 */
import { request, type Agent } from 'undici';
import { keepAliveAgent, transportFailure } from '../shared/http';
import type { RestSettings } from './settings';

/** The mall answered, but with a business error (`resultCode ≠ 0000`, usually HTTP 200). */
export class LegacyResultError extends Error {
  constructor(
    readonly resultCode: string,
    readonly resultMsg: string,
    readonly body: Readonly<Record<string, unknown>>,
  ) {
    super(`resultCode ${resultCode}: ${resultMsg}`);
    this.name = 'LegacyResultError';
  }
}

/** The mall could not be reached or answered something that is not its API. */
export class LegacyCallError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'LegacyCallError';
  }
}

/** A successful envelope: `resultCode` is "0000"; the rest depends on the endpoint. */
export type Envelope = Readonly<Record<string, unknown>>;

export type QueryParams = Readonly<Record<string, string | number | undefined>>;

export class RestClient {
  private readonly agent: Agent;
  private sent = 0;

  constructor(private readonly settings: RestSettings) {
    this.agent = keepAliveAgent();
  }

  /** Calls made so far (tests count round trips). */
  get callCount(): number {
    return this.sent;
  }

  async get(path: string, params: QueryParams = {}): Promise<Envelope> {
    const url = this.urlOf(path, params);
    try {
      return await this.send('GET', url, path);
    } catch (err) {
      if (!(err instanceof StaleSocket)) throw err;
      return this.send('GET', url, path); // GETs are safe to repeat
    }
  }

  async post(path: string, body: unknown): Promise<Envelope> {
    return this.send('POST', this.urlOf(path, {}), path, JSON.stringify(body)).catch((err: unknown) => {
      throw err instanceof StaleSocket ? new LegacyCallError(`connection lost during POST ${path}`) : err;
    });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  private urlOf(path: string, params: QueryParams): string {
    const query = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') query.set(k, String(v));
    const qs = query.toString();
    return `${this.settings.baseUrl}${path}${qs ? `?${qs}` : ''}`;
  }

  private async send(method: 'GET' | 'POST', url: string, path: string, body?: string): Promise<Envelope> {
    this.sent++;
    const signal = AbortSignal.timeout(this.settings.timeoutMs);
    let status: number;
    let text: string;
    try {
      const res = await request(url, {
        method,
        dispatcher: this.agent,
        signal,
        body,
        headers: { accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json;charset=UTF-8' } : {}) },
      });
      status = res.statusCode;
      text = await res.body.text();
    } catch (err) {
      throw transportError(err, signal, this.settings.timeoutMs, `${method} ${path}`);
    }
    return checkEnvelope(status, text, `${method} ${path}`);
  }
}

class StaleSocket extends LegacyCallError {}

function transportError(err: unknown, signal: AbortSignal, timeoutMs: number, what: string): LegacyCallError {
  const failure = transportFailure(err, signal, timeoutMs, what);
  return failure.stale ? new StaleSocket(failure.reason) : new LegacyCallError(failure.reason);
}

/** HTTP status, JSON and resultCode, in that order: each failure says which it was. */
function checkEnvelope(status: number, text: string, what: string): Envelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new LegacyCallError(status >= 400 ? `HTTP ${status} from ${what}` : `invalid JSON from ${what}`);
  }
  const envelope = json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : null;
  const resultCode = envelope ? String(envelope.resultCode ?? '') : '';
  const resultMsg = envelope ? String(envelope.resultMsg ?? '') : '';
  if (status >= 400) throw new LegacyCallError(`HTTP ${status} from ${what}${resultCode ? ` (resultCode ${resultCode}: ${resultMsg})` : ''}`);
  if (!envelope) throw new LegacyCallError(`unexpected answer from ${what}: not an object`);
  if (resultCode !== '0000') throw new LegacyResultError(resultCode || '(none)', resultMsg, envelope);
  return envelope;
}
