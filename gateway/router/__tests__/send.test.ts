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
});
