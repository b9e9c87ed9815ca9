/**
 * The floor any gateway could reach on this machine: a server that, for every
 * request, asks each cooperative for its own first page at once — the very
 * query SB-NET's router sends it for the bench's page (`coopPageQuery`) —
 * slowest first and in waves, like the gateway, reads the answers, merges
 * nothing and answers `{"ok":true}`.
 * `PUT /resume` with `{ cooperativeId: cursor }` (a later page's positions)
 * sets what `POST /resume` asks each cooperative for instead: the same calls
 * with `after`, so page 10's floor includes the cooperatives' own seeking. It
 * runs in its own process and is measured over HTTP like the two gateways, so
 * the bench's own process (its oracle, its load generator) is not in its way.
 * The simulated cooperatives share these two cores, so their answers come
 * later than their configured latency.
 */
import { Agent as HttpAgent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startInWaves } from '../../gateway/router/dispatch';
import { AFTER_VARIABLE as AFTER } from '../../gateway/router/rewrite';
import type { HostedCoop } from '../coopHost';

/**
 * What SB-NET's router sends each cooperative for the fan-out bench's query
 * (`FANOUT_QUERY`): the client's selection with each edge's cursor, plus
 * `hasNextPage` and `totalCount`, which the merged answer needs from every
 * cooperative. The same text, so the floor's cooperatives do the gateway's
 * calls' work (bench/__tests__/bare.test.ts compares it with the router's).
 */
export function coopPageQuery(first: number): string {
  return `query($${AFTER}:String){products(first:${first} after:$${AFTER}){edges{node{id name price{amount}}__sb_c:cursor}__sb_pi:pageInfo{hasNextPage}__sb_tc:totalCount}}`;
}

/** One request body per cooperative: its page after `positions` (absent: its first page). */
function pageBodies(coops: readonly HostedCoop[], first: number, positions: Readonly<Record<string, string>> = {}): string[] {
  return coops.map((c) => JSON.stringify({ query: coopPageQuery(first), variables: { [AFTER]: positions[c.id] ?? null } }));
}

/** A plain keep-alive client (node:http, like the gateway's). */
const agent = new HttpAgent({ keepAlive: true });

function post(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.setEncoding('utf8');
      let text = '';
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => (res.statusCode === 200 ? resolve(text) : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Every cooperative's page (`bodies[i]` to `coops[i]`), slowest first in waves (every cooperative's latency is known in advance here). */
export async function bareFanout(coops: readonly HostedCoop[], bodies: readonly string[]): Promise<void> {
  const order = coops.map((_, i) => i).sort((a, b) => coops[b].latencyMs - coops[a].latencyMs);
  const answers = await startInWaves(order, async (i) => {
    if ((await post(coops[i].url, bodies[i])).includes('"errors"')) throw new Error(`${coops[i].id}: bare fan-out answer is an error`);
  });
  await Promise.all(answers);
}

/**
 * Serves the bare fan-out: `POST /resume` → the later page set by `PUT /resume`
 * (which answers how many cooperatives it resumes), any other request → the
 * first page; `{"ok":true}` after one fan-out (or 502 naming the failure).
 */
export async function startBare(coops: readonly HostedCoop[], first: number): Promise<string> {
  const firstPage = pageBodies(coops, first);
  let resume = firstPage;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'PUT' && req.url === '/resume') {
        let positions: Record<string, string>;
        try {
          positions = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, string>;
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"PUT /resume takes a JSON object of cooperative id to cursor"}');
          return;
        }
        resume = pageBodies(coops, first, positions);
        // How many cooperatives are now asked from a position: the caller checks it got them all.
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true, resuming: coops.filter((c) => positions[c.id] !== undefined).length }));
        return;
      }
      bareFanout(coops, req.url === '/resume' ? resume : firstPage).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        (err: Error) => res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message })),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
