/**
 * The registry's one decision, as a pure function: from what the file and
 * the admin API ask for, the contract verdicts and the URLs last admitted,
 * work out who is routed (and to which URLs), what the directory shows, and
 * which cooperatives need a contract check now. Every gateway instance runs
 * it over the same shared records, so they agree without talking.
 *
 * Rules (README "Live registry"):
 * - routed only after a passing check — except cooperatives that were in
 *   supergraph.yaml when the process started: they are the configured
 *   network, routed at once and checked in the background;
 * - a changed URL is checked first; the previously admitted URLs serve meanwhile
 *   (and stay if the new ones fail);
 * - an unreachable subgraph is checked again every `retryMs`; one that was
 *   admitted stays routed (being down is the router's business, not the registry's);
 * - a removed cooperative drains for `drainMs`: no longer listed or scattered
 *   to, still reachable by id, so requests in flight finish.
 */
import { toSeoulIso } from '../../core/domain/legacy';
import type { CooperativeEntry } from '../../core/registry';
import { fingerprint, versionKey } from './fingerprint';
import type { Admission, AdmittedRecord, ApiRecord, DirectoryEntry, Draining, Verdict } from './types';

export interface RegistryState {
  /** The file layer: the cooperatives of supergraph.yaml (last good version). */
  fileEntries: readonly CooperativeEntry[];
  /** `versionKey`s of the file's cooperatives when this process started. */
  baseline: ReadonlySet<string>;
  /** The API layer, removals included (as tombstones with `removedAt`). */
  api: ReadonlyMap<string, ApiRecord>;
  verdicts: ReadonlyMap<string, Verdict>;
  admitted: ReadonlyMap<string, AdmittedRecord>;
  /** Cooperatives an edit of the file removed, draining. */
  fileDrains: readonly Draining[];
}

export interface ResolveOptions {
  now: number;
  /** How long after an unreachable check to try again. */
  retryMs: number;
  /** How long a removed cooperative stays reachable by id. */
  drainMs: number;
}

export interface ResolvedRegistry {
  /** Everyone asked for, routed or not, by id. */
  directory: DirectoryEntry[];
  /** What the tenant router uses, by id: admitted cooperatives, plus draining ones (`draining: true`). */
  routed: CooperativeEntry[];
  /** Removed cooperatives still reachable by id. */
  draining: CooperativeEntry[];
  /** Entries whose subgraphs need a contract check now. */
  toCheck: CooperativeEntry[];
}

interface Desired {
  entry: CooperativeEntry;
  source: 'file' | 'api';
  notes: string[];
}

export function resolveRegistry(state: RegistryState, options: ResolveOptions): ResolvedRegistry {
  const desired = desiredEntries(state);
  const directory: DirectoryEntry[] = [];
  const routed: CooperativeEntry[] = [];
  const toCheck: CooperativeEntry[] = [];
  for (const want of [...desired.values()].sort((a, b) => compareIds(a.entry.id, b.entry.id))) {
    const decision = decide(want, state, options);
    if (decision.check) toCheck.push(want.entry);
    const joinedAt = want.entry.joinedAt ?? joinDate(state.admitted.get(want.entry.id), decision.routedSubgraphs !== undefined || decision.admission.state === 'ADMITTED');
    directory.push({
      ...want.entry,
      ...(joinedAt ? { joinedAt } : {}),
      source: want.source,
      admission: decision.admission,
      routed: decision.routedSubgraphs !== undefined,
      ...(decision.routedSubgraphs && decision.routedSubgraphs !== want.entry.subgraphs ? { routedSubgraphs: decision.routedSubgraphs } : {}),
      notes: want.notes,
    });
    if (decision.routedSubgraphs) routed.push({ ...want.entry, subgraphs: decision.routedSubgraphs });
  }
  const draining = drainingEntries(state, desired, options);
  return { directory, routed: [...routed, ...draining].sort((a, b) => compareIds(a.id, b.id)), draining, toCheck };
}

/** The file wins over the API for one id (the API refuses to add such an id; the file may gain it later). */
function desiredEntries(state: RegistryState): Map<string, Desired> {
  const desired = new Map<string, Desired>();
  for (const entry of state.fileEntries) desired.set(entry.id, { entry, source: 'file', notes: [] });
  for (const [id, record] of state.api) {
    if (record.removedAt) continue;
    const inFile = desired.get(id);
    if (inFile) inFile.notes.push('also registered through the admin API; supergraph.yaml wins (remove one of them)');
    else desired.set(id, { entry: record.entry, source: 'api', notes: [] });
  }
  return desired;
}

interface Decision {
  admission: Admission;
  /** The URLs to route to; undefined when not routed. */
  routedSubgraphs?: Record<string, string>;
  check: boolean;
}

function decide(want: Desired, state: RegistryState, options: ResolveOptions): Decision {
  const { entry } = want;
  const fp = fingerprint(entry);
  const stored = state.verdicts.get(entry.id);
  const verdict = stored?.fingerprint === fp ? stored : undefined;
  const admitted = state.admitted.get(entry.id);
  // Routed before this check was due: the same URLs were admitted, or they were in the file at start-up.
  const trusted = admitted?.fingerprint === fp || (want.source === 'file' && state.baseline.has(versionKey(entry)));
  // A change of URLs waits for its check; the URLs admitted before keep serving.
  const previous = admitted && admitted.fingerprint !== fp ? admitted.subgraphs : undefined;
  const admission = (state: Admission['state'], reason: string | null): Admission => ({
    state,
    reason,
    checkedAt: verdict?.checkedAt ?? null,
    problems: verdict?.problems ?? [],
  });
  const retryIn = `checked again every ${Math.round(options.retryMs / 1000)} s`;
  const onPrevious = ' — requests go to the previously admitted URLs meanwhile';

  if (!verdict) {
    if (trusted) {
      const why = admitted?.fingerprint === fp ? 'contract check running again; still routed' : 'in supergraph.yaml at start-up: routed while its contract check runs';
      return { admission: admission('PENDING', why), routedSubgraphs: entry.subgraphs, check: true };
    }
    return { admission: admission('PENDING', `waiting for its contract check${previous ? onPrevious : ''}`), routedSubgraphs: previous, check: true };
  }
  switch (verdict.outcome) {
    case 'passed':
      return { admission: admission('ADMITTED', null), routedSubgraphs: entry.subgraphs, check: false };
    case 'failed':
      return { admission: admission('REJECTED', `${verdict.reason ?? 'the contract check failed'}${previous ? onPrevious.replace('meanwhile', 'still') : ''}`), routedSubgraphs: previous, check: false };
    case 'unreachable': {
      const due = options.now - Date.parse(verdict.checkedAt) >= options.retryMs;
      if (admitted?.fingerprint === fp) {
        return { admission: admission('ADMITTED', `not reachable at its last check (${verdict.reason}); still routed, ${retryIn}`), routedSubgraphs: entry.subgraphs, check: due };
      }
      if (trusted) {
        return { admission: admission('PENDING', `in supergraph.yaml at start-up, not reachable for its contract check (${verdict.reason}); routed, ${retryIn}`), routedSubgraphs: entry.subgraphs, check: due };
      }
      return { admission: admission('REJECTED', `not reachable (${verdict.reason}); ${retryIn}${previous ? onPrevious : ''}`), routedSubgraphs: previous, check: due };
    }
  }
}

function drainingEntries(state: RegistryState, desired: ReadonlyMap<string, Desired>, options: ResolveOptions): CooperativeEntry[] {
  const tombstones: Draining[] = [...state.api.values()].flatMap((r) => (r.removedAt ? [{ entry: r.entry, removedAt: Date.parse(r.removedAt) }] : []));
  const seen = new Set<string>();
  const out: CooperativeEntry[] = [];
  for (const drain of [...state.fileDrains, ...tombstones]) {
    const { id } = drain.entry;
    if (desired.has(id) || seen.has(id) || options.now - drain.removedAt >= options.drainMs) continue;
    seen.add(id);
    out.push({ ...drain.entry, draining: true });
  }
  return out;
}

/** The day (Asia/Seoul) it was first admitted, for entries that do not say when they joined. */
function joinDate(admitted: AdmittedRecord | undefined, routedNow: boolean): string | undefined {
  return admitted && routedNow ? toSeoulIso(admitted.since).slice(0, 10) : undefined;
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
