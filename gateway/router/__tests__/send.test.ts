import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpSender, type CooperativeCall } from '../send';

let server: Server;
let url: string;
let hits = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    req.resume();
    req.on('end', () => setTimeout(() => res.end(JSON.stringify({ data: { x: { n: hits } } })), 50));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
afterAll(() => new Promise((r) => server.close(r)));

const call = (over: Partial<CooperativeCall> = {}): CooperativeCall => ({
  cooperativeId: 'c',
  role: 'marketplace',
  url,
  query: '{ x { n } }',
  variables: {},
  deadlineMs: 2000,
  mutation: false,
  ...over,
});

describe('HttpSender', () => {
  it('shares one exchange among identical reads in flight, each caller getting its own copy', async () => {
    const sender = new HttpSender();
    hits = 0;
    const answers = await Promise.all([call({ headers: { 'x-request-id': 'a' } }), call({ headers: { 'x-request-id': 'b' } }), call()].map((c) => sender.send(c)));
    expect(hits).toBe(1);
    const [a, b] = answers as Array<{ ok: true; data: { x: { n: number } } }>;
    expect(a.data).toEqual(b.data);
    expect(a.data).not.toBe(b.data);
    // Nothing is kept once the exchange is over: the next identical read goes out again.
    await sender.send(call());
    expect(hits).toBe(2);
    expect((sender as unknown as { inflight: Map<string, unknown> }).inflight.size).toBe(0);
    await sender.close();
  });

  it('shares nothing when told not to (gateway.shareInFlightReads: false)', async () => {
    const sender = new HttpSender({ shareReads: false });
    hits = 0;
    await Promise.all([call(), call(), call()].map((c) => sender.send(c)));
    expect(hits).toBe(3);
    await sender.close();
  });

  it('never shares mutations, or reads that differ in variables or identity', async () => {
    const sender = new HttpSender();
    hits = 0;
    await Promise.all([
      sender.send(call({ mutation: true })),
      sender.send(call({ mutation: true })),
      sender.send(call({ variables: { v: 1 } })),
      sender.send(call({ headers: { 'x-sbnet-identity': 'someone' } })),
    ]);
    expect(hits).toBe(4);
    await sender.close();
  });

  it('sends to the URL exactly: host, port, path with query, credentials, IPv6 brackets', async () => {
    const seen: Array<{ method?: string; url?: string; host?: string; authorization?: string }> = [];
    const echo = createServer((req, res) => {
      seen.push({ method: req.method, url: req.url, host: req.headers.host, authorization: req.headers.authorization });
      req.resume();
      req.on('end', () => res.end('{"data":{"ok":true}}'));
    });
    // Both loopbacks when the machine has IPv6; IPv4 alone otherwise.
    const v6 = await new Promise<boolean>((resolve) => {
      echo.once('error', () => resolve(false));
      echo.listen(0, '::', () => resolve(true));
    });
    if (!v6) await new Promise<void>((r) => echo.listen(0, '127.0.0.1', r));
    const port = (echo.address() as AddressInfo).port;
    const sender = new HttpSender();
    const urls = [`http://127.0.0.1:${port}/coop/graphql?tenant=%EC%A1%B0%ED%95%A9&x=1`, `http://user:p%40ss@127.0.0.1:${port}/g`, ...(v6 ? [`http://[::1]:${port}/six`] : [])];
    // Twice each: the second call takes the parsed target from the cache.
    for (const target of [...urls, ...urls]) expect(await sender.send(call({ url: target }))).toEqual({ ok: true, data: { ok: true }, errors: undefined });
    const once = [
      { method: 'POST', url: '/coop/graphql?tenant=%EC%A1%B0%ED%95%A9&x=1', host: `127.0.0.1:${port}`, authorization: undefined },
      { method: 'POST', url: '/g', host: `127.0.0.1:${port}`, authorization: `Basic ${Buffer.from('user:p@ss').toString('base64')}` },
      ...(v6 ? [{ method: 'POST', url: '/six', host: `[::1]:${port}`, authorization: undefined }] : []),
    ];
    expect(seen).toEqual([...once, ...once]);
    await sender.close();
    await new Promise((r) => echo.close(r));
  });

  it('turns a missed deadline, a refused connection and a non-JSON error page into results, never throws', async () => {
    const slow = createServer((_req, res) => setTimeout(() => res.end('{"data":{}}'), 500));
    const broken = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>bad gateway</html>');
    });
    await Promise.all([slow, broken].map((s) => new Promise<void>((r) => s.listen(0, '127.0.0.1', r))));
    const at = (s: Server) => `http://127.0.0.1:${(s.address() as AddressInfo).port}/graphql`;
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedUrl = at(closed);
    await new Promise((r) => closed.close(r));
    const sender = new HttpSender();
    try {
      expect(await sender.send(call({ url: at(slow), deadlineMs: 100 }))).toEqual({ ok: false, outcome: 'timeout', reason: 'no answer within 100 ms' });
      expect(await sender.send(call({ url: closedUrl }))).toEqual({ ok: false, outcome: 'refused', reason: 'connection refused' });
      expect(await sender.send(call({ url: at(broken) }))).toMatchObject({ ok: false, outcome: 'http_error' });
    } finally {
      await sender.close();
      await Promise.all([slow, broken].map((s) => new Promise((r) => s.close(r))));
    }
  });

  it('keeps Korean text whole when an answer arrives in many chunks', async () => {
    const names = Array.from({ length: 3000 }, (_, i) => `사무용 책상 ${i}`);
    const bytes = Buffer.from(JSON.stringify({ data: { names } }));
    const chunky = createServer((_req, res) => {
      // Odd-sized chunks split the three-byte Hangul characters.
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return void res.end();
        res.write(bytes.subarray(at, (at += 1021)));
        setImmediate(next);
      };
      next();
    });
    await new Promise<void>((r) => chunky.listen(0, '127.0.0.1', r));
    const sender = new HttpSender();
    try {
      const got = await sender.send(call({ url: `http://127.0.0.1:${(chunky.address() as AddressInfo).port}/graphql` }));
      expect(got).toEqual({ ok: true, data: { names }, errors: undefined });
    } finally {
      await sender.close();
      await new Promise((r) => chunky.close(r));
    }
  });

  it('cuts off an answer longer than maxAnswerBytes and reports it, keeping nothing of it', async () => {
    const big = createServer((_req, res) => res.end(JSON.stringify({ data: { blob: 'x'.repeat(200_000) } })));
    await new Promise<void>((r) => big.listen(0, '127.0.0.1', r));
    const at = `http://127.0.0.1:${(big.address() as AddressInfo).port}/graphql`;
    const small = new HttpSender({ maxAnswerBytes: 50_000 });
    const roomy = new HttpSender({ maxAnswerBytes: 1_000_000 });
    try {
      expect(await small.send(call({ url: at }))).toEqual({ ok: false, outcome: 'bad_response', reason: 'answer longer than 50000 bytes' });
      expect(await roomy.send(call({ url: at }))).toMatchObject({ ok: true, data: { blob: expect.any(String) } });
    } finally {
      await Promise.all([small.close(), roomy.close()]);
      await new Promise((r) => big.close(r));
    }
  });

  it('refuses, with the reason, an https:// address whose server speaks plain HTTP', async () => {
    const sender = new HttpSender();
    try {
      const got = await sender.send(call({ url: url.replace('http://', 'https://') }));
      expect(got).toMatchObject({ ok: false, outcome: 'refused' });
      expect((got as { reason: string }).reason).toMatch(/SSL|EPROTO|TLS/i);
    } finally {
      await sender.close();
    }
  });

  it('a read begun after a write started does not join an exchange from before it', async () => {
    const writes = { value: 0 };
    const sender = new HttpSender({ writes });
    hits = 0;
    const before = sender.send(call());
    writes.value++;
    await Promise.all([before, sender.send(call()), sender.send(call())]);
    expect(hits).toBe(2);
    await sender.close();
  });
});
