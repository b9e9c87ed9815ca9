/**
 * One GraphQL call over HTTP with a deadline, every outcome a value: the
 * contract check reports what went wrong instead of throwing.
 */
export interface PostAnswer {
  ok: true;
  status: number;
  data?: Record<string, unknown> | null;
  errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
  ms: number;
}

export interface PostFailure {
  ok: false;
  /** refused, timed out, HTTP 502, not JSON… */
  reason: string;
  ms: number;
}

export type PostResult = PostAnswer | PostFailure;

export type Post = (query: string, variables?: Record<string, unknown>) => Promise<PostResult>;

export function httpPost(url: string, options: { timeoutMs?: number; headers?: Record<string, string> } = {}): Post {
  const timeoutMs = options.timeoutMs ?? 5000;
  return async (query, variables = {}) => {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', ...options.headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { ok: false, reason: networkReason(err, timeoutMs), ms: ms() };
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { ok: false, reason: `HTTP ${res.status}, not GraphQL JSON: ${JSON.stringify(text.slice(0, 120))}`, ms: ms() };
    }
    if (typeof body !== 'object' || body === null || (!('data' in body) && !('errors' in body))) {
      return { ok: false, reason: `HTTP ${res.status}, a JSON answer without data or errors`, ms: ms() };
    }
    const { data, errors } = body as Pick<PostAnswer, 'data' | 'errors'>;
    return { ok: true, status: res.status, data, errors: Array.isArray(errors) ? errors : undefined, ms: ms() };
  };
}

function networkReason(err: unknown, timeoutMs: number): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e?.name === 'TimeoutError' || e?.name === 'AbortError') return `no answer within ${timeoutMs} ms`;
  const code = e?.cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused: is the subgraph running, on that host and port?';
  if (code === 'ENOTFOUND') return 'host not found';
  return e?.cause?.message ?? e?.message ?? String(err);
}
