/** Identical tenant-group reads in flight at the same moment share one fan-out; nothing else does. */
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { Registry } from '../../core/registry';
import { CursorCodec } from '../../gateway/router/cursor';
import { TenantGroupDataSource } from '../../gateway/router/dataSource';
import { marketplaceRouting } from '../../subgraphs/marketplace/routing';
import { withCaller } from '../../subgraphs/shared/identity';
import { gql } from '../helpers/gql';
import { startTestNetwork, type TestNetwork } from '../helpers/network';
import { randomCoopData, rng } from '../helpers/randomData';

const r = rng(7);
const coops = Array.from({ length: 4 }, (_, i) => ({ id: `sh${i}`, data: randomCoopData(r, 10) }));
let net: TestNetwork;
let ds: TenantGroupDataSource;

beforeAll(async () => {
  net = await startTestNetwork(coops);
  const registry = new Registry(net.gateway.registry.list());
  ds = new TenantGroupDataSource({ role: 'marketplace', registry, sender: net.gateway.sender, codec: new CursorCodec('x'), defaultDeadlineMs: 2000 }, marketplaceRouting);
});
afterAll(async () => net?.close());

const PAGE = 'query($first: Int) { products(first: $first) { totalCount edges { cursor node { id name } } } }';

function fetchOf(variables: Record<string, unknown>, context: object = {}, query = PAGE): GraphQLDataSourceProcessOptions {
  return { kind: GraphQLDataSourceRequestKind.HEALTH_CHECK, context, request: { query, variables } } as GraphQLDataSourceProcessOptions;
}

const marketplaceCalls = () => net.calls.filter((c) => c.role === 'marketplace').length;

describe('sharing identical reads in flight', () => {
  it('one fan-out serves identical concurrent reads; each gets its own copy of the same answer', async () => {
    net.calls.length = 0;
    const answers = await Promise.all([1, 2, 3].map(() => ds.process(fetchOf({ first: 5 }))));
    expect(marketplaceCalls()).toBe(coops.length);
    expect(answers[0].errors).toBeUndefined();
    expect(answers[1]).toEqual(answers[0]);
    expect(answers[2]).toEqual(answers[0]);
    expect(answers[1].data).not.toBe(answers[0].data);
    expect((answers[0].data!.products as { edges: unknown[] }).edges).toHaveLength(5);
  });

  it('does not share reads that differ in variables or caller, nor anything once it is over', async () => {
    net.calls.length = 0;
    const member = withCaller({}, { identity: { role: 'member', subject: 'u1', cooperativeId: 'sh0', businessNumber: '220-81-62517' }, enforced: true });
    await Promise.all([ds.process(fetchOf({ first: 5 })), ds.process(fetchOf({ first: 6 })), ds.process(fetchOf({ first: 5 }, member))]);
    expect(marketplaceCalls()).toBe(3 * coops.length);
    await ds.process(fetchOf({ first: 5 }));
    expect(marketplaceCalls()).toBe(4 * coops.length);
  });

  it('a read begun after a write started does not join a fan-out from before it', async () => {
    const writes = { value: 0 };
    const registry = new Registry(net.gateway.registry.list());
    const counted = new TenantGroupDataSource({ role: 'marketplace', registry, sender: net.gateway.sender, codec: new CursorCodec('x'), defaultDeadlineMs: 2000, writes }, marketplaceRouting);
    net.calls.length = 0;
    const before = counted.process(fetchOf({ first: 5 }));
    writes.value++;
    await Promise.all([before, counted.process(fetchOf({ first: 5 })), counted.process(fetchOf({ first: 5 }))]);
    expect(marketplaceCalls()).toBe(2 * coops.length);
  });

  it('shares nothing when told not to (gateway.shareInFlightReads: false)', async () => {
    const registry = new Registry(net.gateway.registry.list());
    const strict = new TenantGroupDataSource(
      { role: 'marketplace', registry, sender: net.gateway.sender, codec: new CursorCodec('x'), defaultDeadlineMs: 2000, shareReads: false },
      marketplaceRouting,
    );
    net.calls.length = 0;
    await Promise.all([1, 2].map(() => strict.process(fetchOf({ first: 5 }))));
    expect(marketplaceCalls()).toBe(2 * coops.length);
  });
});

describe('gateway.shareInFlightReads through the gateway: 6 identical queries at once', () => {
  // Slow cooperatives, so the six requests are surely in flight together.
  const slow = coops.slice(0, 2).map((c) => ({ ...c, latencyMs: 150 }));
  const QUERY = '{ products(first: 3) { totalCount edges { node { id } } } }';

  async function sixAtOnce(mode: boolean | 'fetches'): Promise<{ executions: number; calls: number; answers: unknown[] }> {
    const network = await startTestNetwork(slow, { shareInFlightReads: mode });
    const processed = jest.spyOn(TenantGroupDataSource.prototype, 'process');
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, () => gql(network.url, QUERY)));
      return { executions: processed.mock.calls.length, calls: network.calls.filter((c) => c.role === 'marketplace').length, answers };
    } finally {
      processed.mockRestore();
      await network.close();
    }
  }

  it.each([
    [true, 1, 2],
    ['fetches', 6, 2],
    [false, 6, 12],
  ] as const)('%s: %i executions of the plan, %i cooperative calls, the same answer for all', async (mode, executions, calls) => {
    const got = await sixAtOnce(mode);
    expect(got.executions).toBe(executions);
    expect(got.calls).toBe(calls);
    for (const answer of got.answers) expect(answer).toEqual(got.answers[0]);
    expect((got.answers[0] as { data: { products: { edges: unknown[] } } }).data.products.edges).toHaveLength(3);
  });
});
