/**
 * A fault-injecting HTTP proxy in front of a real cooperative subgraph: it
 * forwards, or behaves like a broken legacy system — down (connection reset),
 * hanging (never answers), garbage (an HTML error page with status 200), HTTP
 * 500, slow (a delay before forwarding), or flapping (a mode per request). It
 * counts the requests that reached it and the most it had in flight at once.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';

export type Fault = 'ok' | 'down' | 'hang' | 'garbage' | 'error500';

export class FaultProxy {
  mode: Fault = 'ok';
  /** When set, picks the mode of the n-th request (1-based): flapping. */
  modeOf: ((n: number) => Fault) | undefined;
  delayMs = 0;
  requests = 0;
  inFlight = 0;
  maxInFlight = 0;
  /** `x-request-id` of every request that reached it. */
  readonly requestIds: string[] = [];
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    private readonly upstream: string,
  ) {}

  static async start(upstream: string): Promise<FaultProxy> {
    let proxy: FaultProxy | undefined;
    const server = createServer((req, res) => void proxy!.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    proxy = new FaultProxy(server, `http://127.0.0.1:${port}/graphql`, upstream);
    server.on('connection', (socket) => {
      proxy!.sockets.add(socket);
      socket.on('close', () => proxy!.sockets.delete(socket));
    });
    return proxy;
  }

  /** Clears the counters (not the mode). */
  reset(): void {
    this.requests = 0;
    this.maxInFlight = this.inFlight;
    this.requestIds.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = ++this.requests;
    const id = req.headers['x-request-id'];
    if (typeof id === 'string') this.requestIds.push(id);
    const mode = this.modeOf?.(n) ?? this.mode;
    if (mode === 'down') return void req.socket.destroy();
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    let done = false;
    const finish = () => {
      if (!done) this.inFlight--;
      done = true;
    };
    res.on('close', finish);
    const body = await readBody(req);
    if (mode === 'hang') return;
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    if (mode === 'garbage') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Service Temporarily Unavailable</body></html>');
    if (mode === 'error500') return void res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    try {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      for (const name of ['x-request-id', 'x-sbnet-identity', 'authorization']) {
        const value = req.headers[name];
        if (typeof value === 'string') headers[name] = value;
      }
      const upstream = await fetch(this.upstream, { method: 'POST', headers, body });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' }).end(await upstream.text());
    } catch {
      res.writeHead(502).end('bad gateway');
    }
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}
