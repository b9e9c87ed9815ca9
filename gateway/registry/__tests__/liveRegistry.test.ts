/**
 * The LiveRegistry's orchestration with a scripted checker over an in-process
 * store: one check per entry across instances, verdicts shared, a verdict
 * about URLs changed meanwhile thrown away, followers never check, a failing
 * store never breaks routing.
 */
import { silentLogger } from '../../../core/log';
import { projectPath } from '../../../core/paths';
import type { CooperativeEntry } from '../../../core/registry';
import type { SupergraphConfig } from '../../config/supergraphConfig';
import { MemoryStore } from '../../state/memoryStore';
import type { StateStore } from '../../state/store';
import type { CheckResult, CooperativeChecker } from '../admission';
import { LiveRegistry, RegistryError } from '../liveRegistry';

function config(cooperatives: CooperativeEntry[] = []): SupergraphConfig {
  return {
    file: projectPath('supergraph.yaml'),
    federationVersion: '=2.9.0',
    subgraphs: [
      { name: 'marketplace', schemaFile: projectPath('subgraphs/marketplace/schema.graphql'), tenantGroup: true },
      { name: 'erp', schemaFile: projectPath('subgraphs/erp/schema.graphql'), tenantGroup: true },
    ],
    cooperatives,
    gateway: { port: 0, host: '127.0.0.1', deadlineMs: 2000, introspection: true },
  } as SupergraphConfig;
}

/** A checker whose answers the test releases by hand; it counts its calls. */
function scriptedChecker() {
  const pending: Array<{ entry: CooperativeEntry; resolve: (r: CheckResult) => void }> = [];
  const checker: CooperativeChecker & { calls: CooperativeEntry[] } = Object.assign(
    (entry: CooperativeEntry) => {
      checker.calls.push(entry);
      return new Promise<CheckResult>((resolve) => pending.push({ entry, resolve }));
    },
    { calls: [] as CooperativeEntry[] },
  );
  const release = async (outcome: CheckResult['outcome'] = 'passed') => {
    await waitFor(() => pending.length > 0);
    pending.shift()!.resolve({ outcome, reason: outcome === 'passed' ? null : 'marketplace: broken', problems: outcome === 'passed' ? [] : ['marketplace: broken'] });
  };
  return { checker, release, pending };
}

async function waitFor(condition: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met');
    await new Promise((r) => setTimeout(r, 5));
  }
}

const body = (id: string, url: string) => JSON.stringify({ id, name: `${id} 조합`, subgraphs: { marketplace: url } });
const started: LiveRegistry[] = [];

async function live(store: StateStore, checker: CooperativeChecker | null, entries: CooperativeEntry[] = []): Promise<LiveRegistry> {
  const registry = new LiveRegistry({ config: config(entries), store, checker, log: silentLogger, watchFile: false, pollMs: 100_000 });
  started.push(registry);
  return registry.start();
}

afterEach(async () => {
  await Promise.all(started.splice(0).map((r) => r.close()));
});

describe('LiveRegistry', () => {
  it('checks a new cooperative once across instances and routes it everywhere when it passes', async () => {
    const store = new MemoryStore();
    const one = scriptedChecker();
    const two = scriptedChecker();
    const [a, b] = [await live(store, one.checker), await live(store, two.checker)];
    await a.add(body('newco', 'http://n/graphql'));
    expect(a.registry.get('newco')).toBeUndefined();
    await waitFor(() => one.pending.length + two.pending.length === 1);
    await (one.pending.length ? one : two).release('passed');
    await waitFor(() => a.registry.get('newco') !== undefined && b.registry.get('newco') !== undefined);
    expect(one.checker.calls.length + two.checker.calls.length).toBe(1);
    expect(b.get('newco')!.admission.state).toBe('ADMITTED');
  });

  it('throws away a verdict about URLs that changed during the check, and checks the new ones', async () => {
    const store = new MemoryStore();
    const { checker, release } = scriptedChecker();
    const a = await live(store, checker);
    await a.add(body('newco', 'http://old/graphql'));
    await waitFor(() => checker.calls.length === 1);
    await a.update('newco', '{"subgraphs": {"marketplace": "http://new/graphql"}}');
    await release('passed'); // about http://old: discarded
    await waitFor(() => checker.calls.length === 2);
    expect(a.get('newco')!.admission.state).toBe('PENDING');
    expect(a.registry.get('newco')).toBeUndefined();
    await release('passed');
    await waitFor(() => a.registry.get('newco')?.subgraphs.marketplace === 'http://new/graphql');
  });

  it('a follower never checks, and routes what the gateways admitted', async () => {
    const store = new MemoryStore();
    const { checker, release } = scriptedChecker();
    const follower = await live(store, null);
    const gateway = await live(store, checker);
    await follower.add(body('newco', 'http://n/graphql'));
    await release('failed');
    await waitFor(() => follower.get('newco')?.admission.state === 'REJECTED');
    expect(follower.get('newco')!.admission.reason).toBe('marketplace: broken');
    expect(follower.registry.get('newco')).toBeUndefined();
    expect(gateway.get('newco')!.admission.problems).toEqual(['marketplace: broken']);
  });

  it('reports conflicts and unknown ids as RegistryErrors', async () => {
    const store = new MemoryStore();
    const a = await live(store, null, [{ id: 'filed', name: 'f', subgraphs: { marketplace: 'http://f/graphql' } }]);
    await expect(a.add(body('filed', 'http://x/graphql'))).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(a.update('nosuch', '{}')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(a.remove('nosuch')).rejects.toBeInstanceOf(RegistryError);
    await expect(a.add('{"id": "xx"}')).rejects.toMatchObject({ code: 'BAD_INPUT', message: 'request body:1: name: required' });
    await a.add(body('twice', 'http://t/graphql'));
    await expect(a.add(body('twice', 'http://t/graphql'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps routing what it had when the store fails', async () => {
    const store = new MemoryStore();
    const entries = [{ id: 'filed', name: 'f', subgraphs: { marketplace: 'http://f/graphql' } }];
    const broken: StateStore = Object.assign(Object.create(store), {
      keys: async () => {
        throw new Error('Redis unavailable');
      },
      get: async () => {
        throw new Error('Redis unavailable');
      },
      getMany: undefined,
      setIfAbsent: async () => {
        throw new Error('Redis unavailable');
      },
    });
    const a = await live(broken, scriptedChecker().checker, entries);
    expect(a.registry.get('filed')).toBeDefined();
    expect(a.get('filed')!.admission.state).toBe('PENDING');
  });
});
