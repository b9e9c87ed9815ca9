/**
 * The operator's view after known traffic: exact counts on /metrics, the
 * health routes, the request id from the client (or the gateway) through to
 * the cooperatives' logs, and Cooperative.status of a network subgraph that
 * polls the gateway's live view.
 */
import { Registry } from '../../core/registry';
import { GatewayStatusPoller } from '../../gateway/status';
import { MemoryStore } from '../../gateway/state/memoryStore';
import { startNetworkSubgraph } from '../../subgraphs/network/start';
import { gql } from '../helpers/gql';
import { randomCoopData, rng } from '../helpers/randomData';
import { capturedLogger } from './support/logs';
import { eventually, startResilientNet, type ResilientNet } from './support/net';

const PAGE = `query Page { products(first: 2) { nodes { id } } }`;
const r = rng(51);

describe('metrics, health, request ids, live status', () => {
  const gatewayLog = capturedLogger('info');
  const subgraphLog = capturedLogger('info');
  let net: ResilientNet;
  let base: string;

  beforeAll(async () => {
    net = await startResilientNet(
      ['m0', 'm1', 'mdown'].map((id) => ({ id, data: randomCoopData(r, 5) })),
      {
        store: new MemoryStore(),
        log: gatewayLog.log,
        subgraphLog: subgraphLog.log,
        gateway: { cache: { ttl: { marketplace: { Product: 60 } } }, resilience: { circuit: { failureThreshold: 1000, minimumRequests: 1000 } } },
      },
    );
    net.proxies.get('mdown-marketplace')!.mode = 'down';
    base = net.gateways[0].url.replace('/graphql', '');
  });
  afterAll(() => net?.close());

  /** The value of one sample line of /metrics. */
  function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
    const want = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
    for (const line of text.split('\n')) {
      if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
      const [series, value] = line.split(/ (?=[^ ]+$)/);
      const got = series.includes('{') ? series.slice(series.indexOf('{') + 1, -1).split(/,(?=\w+=)/) : [];
      if (want.length === got.length && want.every((w) => got.includes(w))) return Number(value);
    }
    return undefined;
  }

  it('after known traffic /metrics shows the exact counts', async () => {
    // Three network-wide pages: m0 and m1 answer once and are cached; mdown fails every time (a retry each).
    for (let i = 0; i < 3; i++) {
      const res = await gql(net.gateways[0].url, PAGE);
      expect(res.errors?.map((e) => e.extensions?.cooperativeId)).toEqual(['mdown']);
    }
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    const mp = (cooperative: string, more: Record<string, string> = {}) => ({ cooperative, role: 'marketplace', ...more });
    expect(sample(text, 'sbnet_subgraph_requests_total', mp('m0', { outcome: 'ok' }))).toBe(1);
    expect(sample(text, 'sbnet_subgraph_requests_total', mp('m1', { outcome: 'ok' }))).toBe(1);
    expect(sample(text, 'sbnet_subgraph_requests_total', mp('mdown', { outcome: 'refused' }))).toBe(6);
    expect(sample(text, 'sbnet_subgraph_request_duration_seconds_count', mp('m0'))).toBe(1);
    expect(sample(text, 'sbnet_subgraph_request_duration_seconds_count', mp('mdown'))).toBe(6);
    expect(sample(text, 'sbnet_cooperative_errors_total', mp('mdown', { code: 'COOPERATIVE_UNAVAILABLE' }))).toBe(3);
    expect(sample(text, 'sbnet_cooperative_errors_total', mp('m0', { code: 'COOPERATIVE_UNAVAILABLE' }))).toBeUndefined();
    expect(sample(text, 'sbnet_cooperative_retries_total', mp('mdown'))).toBe(3);
    expect(sample(text, 'sbnet_cache_hits_total', mp('m0', { type: 'ProductConnection' }))).toBe(2);
    expect(sample(text, 'sbnet_cache_misses_total', mp('m0', { type: 'ProductConnection' }))).toBe(1);
    expect(sample(text, 'sbnet_cache_misses_total', mp('mdown', { type: 'ProductConnection' }))).toBe(3);
    expect(sample(text, 'sbnet_cooperative_in_flight', mp('m0'))).toBe(0);
    expect(sample(text, 'sbnet_circuit_state', mp('m0'))).toBe(0);
    expect(sample(text, 'sbnet_cooperative_rejected_total', mp('mdown', { reason: 'circuit_open' }))).toBeUndefined();
    expect(sample(text, 'sbnet_graphql_requests_total', { result: 'with_errors' })).toBe(3);
    expect(sample(text, 'sbnet_graphql_errors_total', { code: 'COOPERATIVE_UNAVAILABLE' })).toBe(3);
    expect(sample(text, 'sbnet_graphql_request_duration_seconds_count')).toBe(3);
    expect(sample(text, 'sbnet_state_store_up', { backend: 'memory' })).toBe(1);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
  });

  it('/healthz, /readyz and /status', async () => {
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as any;
    expect(body.ready).toBe(true);
    expect(body.state).toEqual({ kind: 'memory', available: true });
    expect(body.cooperatives.m0).toMatchObject({ status: 'UP', roles: { marketplace: { status: 'UP', circuit: 'closed', inFlight: 0, lastOutcome: 'ok' } } });
    expect(body.cooperatives.mdown).toMatchObject({ status: 'DOWN', roles: { marketplace: { lastOutcome: 'refused' } } });
    // The last call's time, as an ISO timestamp from this test's run.
    const lastCallAt = Date.parse(body.cooperatives.m0.roles.marketplace.lastCallAt);
    expect(new Date(lastCallAt).toISOString()).toBe(body.cooperatives.m0.roles.marketplace.lastCallAt);
    expect(Date.now() - lastCallAt).toBeLessThan(120_000);
    expect(await (await fetch(`${base}/status`)).json()).toEqual({ m0: 'UP', m1: 'UP', mdown: 'DOWN' });
  });

  it('passes the client\'s x-request-id to every cooperative and logs it on both sides', async () => {
    const proxy = net.proxies.get('m1-marketplace')!;
    proxy.reset();
    const res = await fetch(net.gateways[0].url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'req-abc-123' },
      body: JSON.stringify({ query: `{ products(first: 1, cooperatives: ["m1", "mdown"], filter: { text: "x-${Date.now()}" }) { nodes { id } } }` }),
    });
    expect(res.headers.get('x-request-id')).toBe('req-abc-123');
    expect(proxy.requestIds).toEqual(['req-abc-123']);
    await eventually(() => subgraphLog.lines.some((l) => l.reqId === 'req-abc-123' && l.msg === 'graphql request'), 2000, 'the subgraph log line');
    await eventually(() => gatewayLog.lines.some((l) => l.reqId === 'req-abc-123' && l.msg === 'graphql request'), 2000, 'the gateway log line');
    const gatewayLine = gatewayLog.lines.find((l) => l.reqId === 'req-abc-123' && l.msg === 'graphql request')!;
    expect(gatewayLine).toMatchObject({ codes: ['COOPERATIVE_UNAVAILABLE'], cooperatives: ['mdown'] });
    // The failed call to the down cooperative is logged with the same id.
    expect(gatewayLog.lines.some((l) => l.reqId === 'req-abc-123' && l.cooperativeId === 'mdown' && l.outcome === 'refused')).toBe(true);
  });

  it('generates a request id when the client sends none (or an unusable one)', async () => {
    const proxy = net.proxies.get('m0-marketplace')!;
    for (const sent of [undefined, 'bad id with spaces\n']) {
      proxy.reset();
      const res = await fetch(net.gateways[0].url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(sent ? { 'x-request-id': sent } : {}) },
        body: JSON.stringify({ query: `{ products(first: 1, cooperatives: ["m0"], filter: { text: "y-${Math.random()}" }) { nodes { id } } }` }),
      });
      const id = res.headers.get('x-request-id')!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      expect(proxy.requestIds).toEqual([id]);
    }
  });

  it('a network subgraph in its own process shows the gateway\'s live view as Cooperative.status', async () => {
    const poller = new GatewayStatusPoller({ gatewayUrl: net.gateways[0].url, intervalMs: 100 }).start();
    const network = await startNetworkSubgraph({ registry: new Registry(net.entries), statusOf: poller.statusOf, port: 0 });
    try {
      await poller.poll();
      const res = await gql(network.url, `{ cooperatives { id status } }`);
      expect(res.data.cooperatives).toEqual([
        { id: 'm0', status: 'UP' },
        { id: 'm1', status: 'UP' },
        { id: 'mdown', status: 'DOWN' },
      ]);
      const unreachable = new GatewayStatusPoller({ gatewayUrl: 'http://127.0.0.1:9/', intervalMs: 100 });
      await unreachable.poll();
      expect(unreachable.statusOf('m0')).toBe('UNKNOWN');
      expect(poller.statusUrl).toBe(`${base}/status`);
    } finally {
      poller.close();
      await network.close();
    }
  });
});
