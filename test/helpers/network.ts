/**
 * A real network for tests: each cooperative a role subgraph over HTTP on a
 * free port (in-memory reference adapter), and the real gateway in front,
 * composed from the repository's role schemas.
 */
import type { CooperativeEntry } from '../../core/registry';
import { silentLogger } from '../../core/log';
import { testSupergraphConfig } from '../../bench/supergraphConfig';
import { withLatency } from '../../bench/syntheticCoops';
import type { GatewaySettings } from '../../gateway/config/supergraphConfig';
import { startGateway, type RunningGateway } from '../../gateway/server';
import type { CallRecord } from '../../gateway/router/send';
import { InMemoryMarketplace, type InMemoryData } from '../../subgraphs/marketplace/inMemoryAdapter';
import type { ErpAdapter } from '../../subgraphs/erp/port';
import { serveRoleAdapter, type RunningSubgraph } from '../../subgraphs/serve';

export interface TestCoop {
  id: string;
  data?: InMemoryData;
  erp?: ErpAdapter;
  deadlineMs?: number;
  /** Every marketplace adapter call waits this long (a slow legacy system). */
  latencyMs?: number;
}

export interface TestNetwork {
  gateway: RunningGateway;
  url: string;
  subgraphs: RunningSubgraph[];
  calls: CallRecord[];
  close(): Promise<void>;
}

export async function startTestNetwork(
  coops: TestCoop[],
  options: { deadlineMs?: number; extra?: CooperativeEntry[]; shareInFlightReads?: GatewaySettings['shareInFlightReads'] } = {},
): Promise<TestNetwork> {
  const started = await Promise.allSettled(
    coops.flatMap((c) => [
      ...(c.data ? [serveRoleAdapter({ role: 'marketplace', cooperativeId: c.id, adapter: withLatency(new InMemoryMarketplace(c.data), c.latencyMs ?? 0), log: silentLogger })] : []),
      ...(c.erp ? [serveRoleAdapter({ role: 'erp', cooperativeId: c.id, adapter: c.erp, log: silentLogger })] : []),
    ]),
  );
  const subgraphs = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected') as PromiseRejectedResult | undefined;
  if (failed) {
    await Promise.all(subgraphs.map((s) => s.close()));
    throw failed.reason;
  }
  const urlOf = (name: string) => subgraphs.find((s) => s.name === name)?.url;
  const entries: CooperativeEntry[] = coops.map((c) => ({
    id: c.id,
    name: c.id,
    deadlineMs: c.deadlineMs,
    subgraphs: Object.fromEntries(
      (['marketplace', 'erp'] as const).flatMap((role) => (urlOf(`${c.id}-${role}`) ? [[role, urlOf(`${c.id}-${role}`)!]] : [])),
    ),
  }));
  const config = testSupergraphConfig([...entries, ...(options.extra ?? [])], options.deadlineMs);
  if (options.shareInFlightReads !== undefined) config.gateway.shareInFlightReads = options.shareInFlightReads;
  const gateway = await startGateway({ config, port: 0, log: silentLogger });
  const calls: CallRecord[] = [];
  gateway.sender.onCall((c) => calls.push(c));
  return {
    gateway,
    url: gateway.url,
    subgraphs,
    calls,
    close: async () => {
      await gateway.close();
      await Promise.all(subgraphs.map((s) => s.close()));
    },
  };
}

export { testSupergraphConfig };
