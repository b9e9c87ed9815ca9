/**
 * The demo network end to end on free ports: simulated legacy systems,
 * cooperative subgraphs started from their config files, the network
 * subgraph and the gateway, every hop over HTTP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDemoNetwork, type DemoNetwork } from '../../demo/network';
import { SAMPLE_QUERY } from '../../demo/start';
import { gql } from '../helpers/gql';

let demo: DemoNetwork;
const dataDir = mkdtempSync(join(tmpdir(), 'sbnet-demo-'));

beforeAll(async () => {
  demo = await startDemoNetwork({ dataDir, freePorts: true });
}, 60_000);

afterAll(async () => {
  await demo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo network through the gateway', () => {
  it('gets one product with its supplier (marketplace), classification titles (network) and inventory (erp) in one query', async () => {
    const list = await gql(demo.gatewayUrl, '{ products(cooperatives: ["sgfurn"], first: 1) { nodes { id } } }');
    const id = list.data.products.nodes[0].id;
    const res = await gql(
      demo.gatewayUrl,
      `query($id: ID!) { product(id: $id) { id name price { amount vat currency } supplier { name businessNumber }
        classification { code title titleKo level parent { code title } } cooperative { id name status }
        inventory { onHand available asOf } } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    const p = res.data.product;
    expect(p.id).toBe(id);
    expect(p.supplier.businessNumber).toMatch(/^\d{3}-\d{2}-\d{5}$/);
    expect(p.classification.title.length).toBeGreaterThan(0);
    expect(p.classification.titleKo.length).toBeGreaterThan(0);
    expect(p.classification.level).toBe('COMMODITY');
    expect(p.cooperative).toEqual({ id: 'sgfurn', name: '서울경인가구공업협동조합', status: 'UP' });
    expect(p.inventory.available).toBeLessThanOrEqual(p.inventory.onHand);
    expect(p.inventory.asOf).toMatch(/\+09:00$/);
  });

  it('answers the README sample query across every cooperative without errors', async () => {
    const res = await gql(demo.gatewayUrl, SAMPLE_QUERY);
    expect(res.errors).toBeUndefined();
    const { nodes, totalCount } = res.data.products;
    expect(totalCount).toBeGreaterThan(0);
    const prices = nodes.map((n: any) => n.price.amount);
    expect(prices).toEqual([...prices].sort((a, b) => a - b));
    for (const n of nodes) expect(n.name).toContain('책상');
  });

  it('reports null inventory without an error for a cooperative with no ERP', async () => {
    const res = await gql(demo.gatewayUrl, '{ products(cooperatives: ["seoulprint"], first: 2) { nodes { id inventory { onHand } } } }');
    expect(res.errors).toBeUndefined();
    expect(res.data.products.nodes).toHaveLength(2);
    for (const n of res.data.products.nodes) expect(n.inventory).toBeNull();
  });

  it('lists the directory from the registry, with live status', async () => {
    await gql(demo.gatewayUrl, '{ products(first: 1) { totalCount } }');
    const res = await gql(demo.gatewayUrl, '{ cooperatives { id name marketplaceSystem erpSystem status } }');
    expect(res.data.cooperatives.map((c: any) => c.id)).toEqual(['dgtex', 'klight', 'kswire', 'kysoy', 'seoulprint', 'sgfurn']);
    expect(res.data.cooperatives.every((c: any) => c.status === 'UP')).toBe(true);
  });

  it('turns bad ids into BAD_USER_INPUT and unknown cooperatives into COOPERATIVE_NOT_FOUND', async () => {
    const bad = await gql(demo.gatewayUrl, '{ product(id: "no-colon") { id } }');
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0].message).toContain('no-colon');
    const unknown = await gql(demo.gatewayUrl, '{ product(id: "nosuch:P-1") { id } }');
    expect(unknown.errors?.[0].extensions).toMatchObject({ code: 'COOPERATIVE_NOT_FOUND', cooperativeId: 'nosuch' });
    const scope = await gql(demo.gatewayUrl, '{ products(cooperatives: ["nosuch"]) { totalCount } }');
    expect(scope.errors?.[0].extensions?.code).toBe('COOPERATIVE_NOT_FOUND');
  });

  it('reaches a cooperative on every legacy kind, each answering with its own rows', async () => {
    const res = await gql(
      demo.gatewayUrl,
      `{ products(first: 100, orderBy: { field: PRICE, direction: DESC }) { totalCount nodes { id cooperative { id marketplaceSystem erpSystem } inventory { onHand } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const byCoop = new Map<string, any[]>();
    for (const n of res.data.products.nodes) byCoop.set(n.cooperative.id, [...(byCoop.get(n.cooperative.id) ?? []), n]);
    const stats = await gql(demo.gatewayUrl, '{ productStats(groupBy: [COOPERATIVE]) { cooperative { id marketplaceSystem } count } }');
    expect(stats.data.productStats.map((b: any) => b.cooperative.id)).toEqual(['dgtex', 'klight', 'kswire', 'kysoy', 'seoulprint', 'sgfurn']);
    expect(stats.data.productStats.reduce((n: number, b: any) => n + b.count, 0)).toBe(res.data.products.totalCount);
    // The CSV-export ERP answers inventory for its cooperative's products.
    const dgtex = await gql(demo.gatewayUrl, '{ products(cooperatives: ["dgtex"], first: 5) { nodes { id inventory { onHand available asOf } } } }');
    expect(dgtex.errors).toBeUndefined();
    expect(dgtex.data.products.nodes.filter((n: any) => n.inventory !== null).length).toBeGreaterThan(0);
    // The Mercurius cooperative is routed to by id like any other.
    const klightId = (await gql(demo.gatewayUrl, '{ products(cooperatives: ["klight"], first: 1) { nodes { id } } }')).data.products.nodes[0].id;
    const one = await gql(demo.gatewayUrl, 'query($id: ID!) { product(id: $id) { id name classification { title } } }', { id: klightId });
    expect(one.errors).toBeUndefined();
    expect(one.data.product.id).toBe(klightId);
  });

  it('serves health and metrics', async () => {
    const base = demo.gatewayUrl.replace(/\/graphql$/, '');
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'ok' });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toContain('sbnet_subgraph_requests_total{cooperative="sgfurn",role="marketplace",outcome="ok"}');
  });
});
