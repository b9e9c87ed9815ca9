/**
 * What the HTTP clients of the mall adapters (REST/JSON, SOAP/XML) share:
 * keep-alive connections to one legacy server, and why a request failed in
 * words a person can act on ("connection refused", "no answer within 10000 ms").
 */
import { Agent } from 'undici';

/** Socket errors worth one retry of a read: a keep-alive socket the server closed just as we reused it. */
const STALE_SOCKET_CODES = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

export function keepAliveAgent(): Agent {
  // Shorter than Node's default server keep-alive (5 s), so we drop idle sockets before the server does.
  return new Agent({ keepAliveTimeout: 4_000, connections: 16 });
}

export interface TransportFailure {
  reason: string;
  /** A stale keep-alive socket: a read may be sent again. */
  stale: boolean;
}

/** Why the request for `what` failed before an answer came. */
export function transportFailure(err: unknown, signal: AbortSignal, timeoutMs: number, what: string): TransportFailure {
  if (signal.aborted) return { reason: `no answer within ${timeoutMs} ms to ${what}`, stale: false };
  const code = errorCode(err);
  if (code === 'ECONNREFUSED') return { reason: `connection refused (${what})`, stale: false };
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return { reason: `host not found (${what})`, stale: false };
  if (code && STALE_SOCKET_CODES.has(code)) return { reason: `connection reset (${what})`, stale: true };
  return { reason: `${code ?? (err as Error)?.message ?? 'request failed'} (${what})`, stale: false };
}

function errorCode(err: unknown): string | undefined {
  const e = err as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = e?.code ?? e?.cause?.code;
  return typeof code === 'string' ? code : undefined;
}
