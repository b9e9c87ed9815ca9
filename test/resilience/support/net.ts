/**
 * A network for resilience tests: in-memory cooperatives served as real role
 * subgraphs, each behind a FaultProxy, and one or more real gateways in front
 * with the given protection, cache and state store.
 */
import { silentLogger, type Logger } from '../../../core/log';
import type { CooperativeEntry } from '../../../core/registry';
import type { ResilienceSettings } from '../../../core/resilienceSettings';
import { testSupergraphConfig } from '../../../bench/supergraphConfig';
import type { GatewaySettings } from '../../../gateway/config/supergraphConfig';
import type { CallRecord } from '../../../gateway/router/send';
import { startGateway, type RunningGateway } from '../../../gateway/server';
import type { StateStore } from '../../../gateway/state/store';
import type { ErpAdapter } from '../../../subgraphs/erp/port';
import { InMemoryMarketplace, type InMemoryData } from '../../../subgraphs/marketplace/inMemoryAdapter';
import { serveRoleAdapter, type RunningSubgraph } from '../../../subgraphs/serve';
import { FaultProxy } from './faultProxy';

export interface NetCoop {
  id: string;
  data: InMemoryData;
  erp?: ErpAdapter;
  deadlineMs?: number;
  resilience?: ResilienceSettings;
}

export interface GatewayExtras {
  gateway?: Partial<GatewaySettings>;
  store?: StateStore;
  log?: Logger;
  /** Default deadline of every call (ms). */
  deadlineMs?: number;
  /** Logger of the cooperatives' subgraphs (default silent). */
  subgraphLog?: Logger;
}

export interface ResilientNet {
  entries: CooperativeEntry[];
  /** By `<id>-<role>`. */
  proxies: Map<string, FaultProxy>;
  subgraphs: RunningSubgraph[];
  gateways: RunningGateway[];
  /** Starts one more gateway over the same cooperatives. */
  addGateway(extras?: GatewayExtras): Promise<RunningGateway>;
  close(): Promise<void>;
}

export interface ObservedGateway {
  gateway: RunningGateway;
  calls: CallRecord[];
}

export async function startResilientNet(coops: NetCoop[], extras: GatewayExtras = {}): Promise<ResilientNet> {
  const subgraphs: RunningSubgraph[] = [];
  const proxies = new Map<string, FaultProxy>();
  const gateways: RunningGateway[] = [];
  const close = async () => {
    await Promise.allSettled(gateways.map((g) => g.close()));
    await Promise.allSettled([...proxies.values()].map((p) => p.close()));
    await Promise.allSettled(subgraphs.map((s) => s.close()));
  };
  try {
    for (const c of coops) {
      const roles: Array<['marketplace' | 'erp', InMemoryMarketplace | ErpAdapter]> = [['marketplace', new InMemoryMarketplace(c.data)]];
      if (c.erp) roles.push(['erp', c.erp]);
      for (const [role, adapter] of roles) {
        const subgraph = await serveRoleAdapter({ role, cooperativeId: c.id, adapter, log: extras.subgraphLog ?? silentLogger });
        subgraphs.push(subgraph);
        proxies.set(`${c.id}-${role}`, await FaultProxy.start(subgraph.url));
      }
    }
    const entries: CooperativeEntry[] = coops.map((c) => ({
      id: c.id,
      name: c.id,
      ...(c.deadlineMs ? { deadlineMs: c.deadlineMs } : {}),
      ...(c.resilience ? { resilience: c.resilience } : {}),
      subgraphs: Object.fromEntries(
        (['marketplace', 'erp'] as const).flatMap((role) => (proxies.has(`${c.id}-${role}`) ? [[role, proxies.get(`${c.id}-${role}`)!.url]] : [])),
      ),
    }));
    const addGateway = async (more: GatewayExtras = extras) => {
      const base = testSupergraphConfig(entries, more.deadlineMs ?? extras.deadlineMs ?? 2000);
      const config = { ...base, gateway: { ...base.gateway, ...extras.gateway, ...more.gateway } };
      const gateway = await startGateway({ config, port: 0, log: more.log ?? extras.log ?? silentLogger, store: more.store });
      gateways.push(gateway);
      return gateway;
    };
    await addGateway(extras);
    return { entries, proxies, subgraphs, gateways, addGateway, close };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Records the HTTP calls a gateway makes to cooperatives. */
export function observe(gateway: RunningGateway): CallRecord[] {
  const calls: CallRecord[] = [];
  gateway.sender.onCall((c) => {
    if (c.cooperativeId) calls.push(c);
  });
  return calls;
}

/** Waits until `check` holds (polling), or fails after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 3000, what = 'condition'): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}
