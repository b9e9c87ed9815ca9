/**
 * The registry's decision table, case by case: who is routed, to which URLs,
 * with which admission, and who needs a contract check.
 */
import type { CooperativeEntry } from '../../../core/registry';
import { fingerprint, versionKey } from '../fingerprint';
import { resolveRegistry, type RegistryState } from '../resolve';
import type { AdmittedRecord, ApiRecord, Verdict } from '../types';

const NOW = Date.parse('2026-11-20T03:00:00Z');
const OPTIONS = { now: NOW, retryMs: 30_000, drainMs: 30_000 };
const iso = (msAgo: number) => new Date(NOW - msAgo).toISOString();

const coop = (id: string, url = `http://${id}/graphql`, extra: Partial<CooperativeEntry> = {}): CooperativeEntry => ({
  id,
  name: `${id} 조합`,
  subgraphs: { marketplace: url },
  ...extra,
});

function state(over: Partial<RegistryState> = {}): RegistryState {
  return { fileEntries: [], baseline: new Set(), api: new Map(), verdicts: new Map(), admitted: new Map(), fileDrains: [], ...over };
}

const apiRecord = (entry: CooperativeEntry, removedMsAgo?: number): ApiRecord => ({
  entry,
  addedAt: iso(600_000),
  updatedAt: iso(600_000),
  ...(removedMsAgo !== undefined ? { removedAt: iso(removedMsAgo) } : {}),
});

const verdict = (entry: CooperativeEntry, outcome: Verdict['outcome'], msAgo = 1000, reason: string | null = null): Verdict => ({
  fingerprint: fingerprint(entry),
  outcome,
  reason: outcome === 'passed' ? null : reason ?? (outcome === 'failed' ? 'marketplace: missing field Product.gtin (String)' : 'connection refused'),
  problems: outcome === 'failed' ? ['marketplace: missing field Product.gtin (String)'] : [],
  checkedAt: iso(msAgo),
});

const admitted = (entry: CooperativeEntry, since = '2026-05-01T00:30:00Z'): AdmittedRecord => ({ fingerprint: fingerprint(entry), subgraphs: entry.subgraphs, since });

const one = (s: RegistryState) => {
  const r = resolveRegistry(s, OPTIONS);
  return { ...r, entry: r.directory[0] };
};

describe('a new cooperative (through the API or added to the file later)', () => {
  const c = coop('newco');

  it('waits for its check, not routed', () => {
    const r = one(state({ api: new Map([['newco', apiRecord(c)]]) }));
    expect(r.entry).toMatchObject({ id: 'newco', source: 'api', routed: false, admission: { state: 'PENDING', reason: 'waiting for its contract check', checkedAt: null } });
    expect(r.routed).toEqual([]);
    expect(r.toCheck).toEqual([c]);
  });

  it('is routed once its check passed, joining on the day it was admitted (Asia/Seoul)', () => {
    const r = one(state({ api: new Map([['newco', apiRecord(c)]]), verdicts: new Map([['newco', verdict(c, 'passed')]]), admitted: new Map([['newco', admitted(c, '2026-05-01T16:30:00Z')]]) }));
    expect(r.entry).toMatchObject({ routed: true, joinedAt: '2026-05-02', admission: { state: 'ADMITTED', reason: null } });
    expect(r.entry.routedSubgraphs).toBeUndefined();
    expect(r.routed).toEqual([c]);
    expect(r.toCheck).toEqual([]);
  });

  it('keeps its own joinedAt when it has one', () => {
    const withDate = coop('newco', undefined, { joinedAt: '2026-01-05' });
    const r = one(state({ api: new Map([['newco', apiRecord(withDate)]]), verdicts: new Map([['newco', verdict(withDate, 'passed')]]), admitted: new Map([['newco', admitted(withDate)]]) }));
    expect(r.entry.joinedAt).toBe('2026-01-05');
  });

  it('stays out when its check failed, with the reason and every problem', () => {
    const r = one(state({ api: new Map([['newco', apiRecord(c)]]), verdicts: new Map([['newco', verdict(c, 'failed')]]) }));
    expect(r.entry).toMatchObject({
      routed: false,
      admission: { state: 'REJECTED', reason: 'marketplace: missing field Product.gtin (String)', problems: ['marketplace: missing field Product.gtin (String)'] },
    });
    expect(r.routed).toEqual([]);
    expect(r.toCheck).toEqual([]);
  });

  it('stays out while unreachable, and is checked again once the retry time has passed', () => {
    const recent = one(state({ api: new Map([['newco', apiRecord(c)]]), verdicts: new Map([['newco', verdict(c, 'unreachable', 10_000)]]) }));
    expect(recent.entry.admission).toMatchObject({ state: 'REJECTED', reason: 'not reachable (connection refused); checked again every 30 s' });
    expect(recent.toCheck).toEqual([]);
    const due = one(state({ api: new Map([['newco', apiRecord(c)]]), verdicts: new Map([['newco', verdict(c, 'unreachable', 30_000)]]) }));
    expect(due.toCheck).toEqual([c]);
    expect(due.routed).toEqual([]);
  });

  it('ignores a verdict about other URLs', () => {
    const old = coop('newco', 'http://old/graphql');
    const r = one(state({ api: new Map([['newco', apiRecord(c)]]), verdicts: new Map([['newco', verdict(old, 'passed')]]) }));
    expect(r.entry.admission.state).toBe('PENDING');
    expect(r.toCheck).toEqual([c]);
  });

  it('a file cooperative added after start-up is new too', () => {
    const r = one(state({ fileEntries: [c] }));
    expect(r.entry).toMatchObject({ source: 'file', routed: false, admission: { state: 'PENDING' } });
    expect(r.toCheck).toEqual([c]);
  });
});

describe('a cooperative of supergraph.yaml at start-up', () => {
  const c = coop('sgfurn', undefined, { joinedAt: '2026-03-02' });
  const base = { fileEntries: [c], baseline: new Set([versionKey(c)]) };

  it('is routed at once and checked in the background', () => {
    const r = one(state(base));
    expect(r.entry).toMatchObject({ routed: true, admission: { state: 'PENDING', reason: 'in supergraph.yaml at start-up: routed while its contract check runs' } });
    expect(r.routed).toEqual([c]);
    expect(r.toCheck).toEqual([c]);
  });

  it('stays routed while unreachable (a down cooperative is the router’s business)', () => {
    const r = one(state({ ...base, verdicts: new Map([['sgfurn', verdict(c, 'unreachable', 40_000)]]) }));
    expect(r.entry).toMatchObject({ routed: true, admission: { state: 'PENDING' } });
    expect(r.entry.admission.reason).toContain('not reachable for its contract check (connection refused); routed, checked again every 30 s');
    expect(r.toCheck).toEqual([c]);
  });

  it('is taken out when its check finds contract problems', () => {
    const r = one(state({ ...base, verdicts: new Map([['sgfurn', verdict(c, 'failed')]]) }));
    expect(r.entry).toMatchObject({ routed: false, admission: { state: 'REJECTED' } });
    expect(r.routed).toEqual([]);
  });

  it('an edit of its URL in the file is not trusted: checked first', () => {
    const moved = coop('sgfurn', 'http://moved/graphql');
    const r = one(state({ fileEntries: [moved], baseline: base.baseline }));
    expect(r.entry).toMatchObject({ routed: false, admission: { state: 'PENDING' } });
  });
});

describe('a change of URLs', () => {
  const before = coop('kfurn', 'http://old/graphql');
  const after = coop('kfurn', 'http://new/graphql', { deadlineMs: 3000 });
  const changed = { api: new Map([['kfurn', apiRecord(after)]]), admitted: new Map([['kfurn', admitted(before)]]) };

  it('routes the new metadata to the old URLs while the new ones are checked', () => {
    const r = one(state(changed));
    expect(r.entry).toMatchObject({ routed: true, routedSubgraphs: before.subgraphs, admission: { state: 'PENDING' } });
    expect(r.entry.admission.reason).toBe('waiting for its contract check — requests go to the previously admitted URLs meanwhile');
    expect(r.routed).toEqual([{ ...after, subgraphs: before.subgraphs }]);
    expect(r.toCheck).toEqual([after]);
  });

  it('switches to the new URLs when they pass', () => {
    const r = one(state({ ...changed, verdicts: new Map([['kfurn', verdict(after, 'passed')]]) }));
    expect(r.routed).toEqual([after]);
    expect(r.entry.routedSubgraphs).toBeUndefined();
  });

  it('keeps the old URLs when the new ones fail', () => {
    const r = one(state({ ...changed, verdicts: new Map([['kfurn', verdict(after, 'failed')]]) }));
    expect(r.entry).toMatchObject({ routed: true, routedSubgraphs: before.subgraphs, admission: { state: 'REJECTED' } });
    expect(r.entry.admission.reason).toContain('requests go to the previously admitted URLs still');
  });

  it('keeps the old URLs while the new ones are unreachable', () => {
    const r = one(state({ ...changed, verdicts: new Map([['kfurn', verdict(after, 'unreachable')]]) }));
    expect(r.routed).toEqual([{ ...after, subgraphs: before.subgraphs }]);
    expect(r.entry.admission.state).toBe('REJECTED');
  });
});

describe('a re-check of an admitted cooperative', () => {
  const c = coop('kfurn');
  const admittedState = { api: new Map([['kfurn', apiRecord(c)]]), admitted: new Map([['kfurn', admitted(c)]]) };

  it('stays routed while the check runs', () => {
    const r = one(state(admittedState));
    expect(r.entry).toMatchObject({ routed: true, admission: { state: 'PENDING', reason: 'contract check running again; still routed' } });
    expect(r.toCheck).toEqual([c]);
  });

  it('stays routed when it is down at the check', () => {
    const r = one(state({ ...admittedState, verdicts: new Map([['kfurn', verdict(c, 'unreachable')]]) }));
    expect(r.entry).toMatchObject({ routed: true, admission: { state: 'ADMITTED' } });
    expect(r.entry.admission.reason).toBe('not reachable at its last check (connection refused); still routed, checked again every 30 s');
  });

  it('is taken out when it now breaks the contract', () => {
    const r = one(state({ ...admittedState, verdicts: new Map([['kfurn', verdict(c, 'failed')]]) }));
    expect(r.routed).toEqual([]);
    expect(r.entry.admission.state).toBe('REJECTED');
  });
});

describe('removal drains', () => {
  const c = coop('gone');

  it('an API removal is reachable by id for drainMs, never listed or scattered to', () => {
    const r = resolveRegistry(state({ api: new Map([['gone', apiRecord(c, 5_000)]]) }), OPTIONS);
    expect(r.directory).toEqual([]);
    expect(r.draining).toEqual([{ ...c, draining: true }]);
    expect(r.routed).toEqual([{ ...c, draining: true }]);
    const later = resolveRegistry(state({ api: new Map([['gone', apiRecord(c, 30_000)]]) }), OPTIONS);
    expect(later.routed).toEqual([]);
  });

  it('a file removal drains the same way', () => {
    const r = resolveRegistry(state({ fileDrains: [{ entry: c, removedAt: NOW - 1000 }] }), OPTIONS);
    expect(r.routed).toEqual([{ ...c, draining: true }]);
  });

  it('a cooperative added again does not drain', () => {
    const again = coop('gone', 'http://again/graphql');
    const r = resolveRegistry(state({ fileDrains: [{ entry: c, removedAt: NOW - 1000 }], api: new Map([['gone', apiRecord(again)]]) }), OPTIONS);
    expect(r.draining).toEqual([]);
  });
});

describe('both layers', () => {
  it('the file wins over the API for one id, with a note', () => {
    const inFile = coop('dup', 'http://file/graphql');
    const inApi = coop('dup', 'http://api/graphql');
    const r = resolveRegistry(state({ fileEntries: [inFile], baseline: new Set([versionKey(inFile)]), api: new Map([['dup', apiRecord(inApi)]]) }), OPTIONS);
    expect(r.directory).toHaveLength(1);
    expect(r.directory[0]).toMatchObject({ source: 'file', subgraphs: inFile.subgraphs, notes: ['also registered through the admin API; supergraph.yaml wins (remove one of them)'] });
  });

  it('lists everyone by id, routed first or not', () => {
    const [a, b, cc] = [coop('bbb'), coop('aaa'), coop('ccc')];
    const r = resolveRegistry(
      state({ fileEntries: [a], baseline: new Set([versionKey(a)]), api: new Map([['ccc', apiRecord(cc)], ['aaa', apiRecord(b)]]), verdicts: new Map([['aaa', verdict(b, 'passed')]]) }),
      OPTIONS,
    );
    expect(r.directory.map((d) => [d.id, d.routed])).toEqual([['aaa', true], ['bbb', true], ['ccc', false]]);
    expect(r.routed.map((e) => e.id)).toEqual(['aaa', 'bbb']);
  });
});

describe('fingerprint', () => {
  it('depends on id and URLs only, not on role order or metadata', () => {
    const a = { id: 'x', name: 'a', subgraphs: { marketplace: 'http://m', erp: 'http://e' } };
    const b = { id: 'x', name: 'b', deadlineMs: 5, subgraphs: { erp: 'http://e', marketplace: 'http://m' } };
    expect(fingerprint(a)).toBe(fingerprint(b));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, subgraphs: { marketplace: 'http://m' } }));
    expect(fingerprint(a)).not.toBe(fingerprint({ ...a, id: 'y' }));
  });
});
