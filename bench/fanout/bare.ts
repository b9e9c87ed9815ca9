/**
 * The floor any gateway could reach on this machine: a server that, for every
 * request, asks each cooperative for its own first page at once (what a
 * gateway must send for page 1) — slowest first and in waves, like the
 * gateway — reads the answers, merges nothing and answers `{"ok":true}`. It
 * runs in its own process and is measured over HTTP like the two gateways, so
 * the bench's own process (its oracle, its load generator) is not in its way.
 * The simulated cooperatives share these two cores, so their answers come
 * later than their configured latency.
 */
import { Agent as HttpAgent, createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startInWaves } from '../../gateway/router/dispatch';
import type { HostedCoop } from '../coopHost';

export function coopPageQuery(first: number): string {
  return `{ products(first: ${first}) { edges { cursor node { id name price { amount } } } } }`;
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

/** Every cooperative's first page, slowest first in waves (every cooperative's latency is known in advance here). */
export async function bareFanout(coops: readonly HostedCoop[], first: number): Promise<void> {
  const body = JSON.stringify({ query: coopPageQuery(first) });
  const order = coops.map((_, i) => i).sort((a, b) => coops[b].latencyMs - coops[a].latencyMs);
  const answers = await startInWaves(order, async (i) => {
    if ((await post(coops[i].url, body)).includes('"errors"')) throw new Error(`${coops[i].id}: bare fan-out answer is an error`);
  });
  await Promise.all(answers);
}

/** Serves the bare fan-out: any request → one fan-out → `{"ok":true}` (or 502 naming the failure). */
export async function startBare(coops: readonly HostedCoop[], first: number): Promise<string> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      bareFanout(coops, first).then(
        () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'),
        (err: Error) => res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err.message })),
      );
    });
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}
