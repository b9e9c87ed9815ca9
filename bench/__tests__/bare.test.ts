/**
 * The bare fan-out is the fan-out bench's floor only if it asks each
 * cooperative what SB-NET's router asks it: the same query text and the
 * same variables, on page 1 and on a later page.
 */
import { silentLogger } from '../../core/log';
import { HttpSender, type CooperativeCall, type Sender } from '../../gateway/router/send';
import { startGateway, type RunningGateway } from '../../gateway/server';
import { coopPageQuery } from '../fanout/bare';
import { FANOUT_QUERY } from '../fanout/scenario';
import { testSupergraphConfig } from '../supergraphConfig';
import { startSyntheticCoops, type SyntheticNetwork } from '../syntheticCoops';

/** The base sender under the protection stack, keeping every call it sends. */
function recordingSender(calls: CooperativeCall[]): Sender {
  const http = new HttpSender({ shareReads: false });
  return {
    send: (call) => {
      calls.push(call);
      return http.send(call);
    },
    onCall: (observer) => http.onCall(observer),
    close: () => http.close(),
  };
}

describe('the bare fan-out (the fan-out bench floor)', () => {
  let network: SyntheticNetwork;
  let gateway: RunningGateway;
  const calls: CooperativeCall[] = [];

  beforeAll(async () => {
    network = await startSyntheticCoops(3, 60);
    gateway = await startGateway({ config: testSupergraphConfig(network.entries), port: 0, log: silentLogger, sender: recordingSender(calls) });
  });

  afterAll(async () => {
    await gateway?.close();
    await network?.close();
  });

  async function page(after: string | null): Promise<{ endCursor: string }> {
    const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: FANOUT_QUERY, variables: { after } }) });
    const body = (await res.json()) as { data?: { products: { pageInfo: { endCursor: string } } }; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!.products.pageInfo;
  }

  it("sends each cooperative the router's own query and variables, on page 1 and after it", async () => {
    calls.length = 0;
    const { endCursor } = await page(null);
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      expect(call.query).toBe(coopPageQuery(20));
      expect(call.variables).toEqual({ __sb_after: null });
    }

    calls.length = 0;
    await page(endCursor);
    expect(calls).toHaveLength(3);
    for (const call of calls) expect(call.query).toBe(coopPageQuery(20));
    // Page 2 resumes every cooperative that gave a row to page 1 from its own cursor.
    expect(calls.some((c) => typeof c.variables.__sb_after === 'string')).toBe(true);
    expect(calls.every((c) => Object.keys(c.variables).join() === '__sb_after')).toBe(true);
  });
});
