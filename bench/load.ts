/** Load with autocannon against one URL, and the summary statistics the report needs. */
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

/** `bodies`: one body for every request, or several taken in turn across all connections (a mix in equal shares). */
export async function load(url: string, bodies: string | readonly string[], options: { connections: number; durationS: number }): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    ...(typeof bodies === 'string'
      ? { body: bodies }
      : { requests: [{ method: 'POST', setupRequest: (req: autocannon.Request) => ({ ...req, body: bodies[next++ % bodies.length] }) }] }),
    connections: options.connections,
    duration: options.durationS,
  });
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}
