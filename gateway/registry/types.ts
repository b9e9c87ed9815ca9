/**
 * The live registry's records. Two layers say who should be in the network:
 * supergraph.yaml (watched) and the admin API (kept in the state store, so
 * every gateway instance shares it). A contract check decides who is routed
 * to; its verdicts are shared the same way.
 */
import type { CooperativeEntry } from '../../core/registry';

export type AdmissionState = 'PENDING' | 'ADMITTED' | 'REJECTED';

/** What the last contract check of a cooperative's subgraphs found. */
export type CheckOutcome = 'passed' | 'failed' | 'unreachable';

/** The last contract check of one cooperative (store key `registry:verdict:<id>`). */
export interface Verdict {
  /** Of the entry that was checked: a verdict counts only for the same URLs. */
  fingerprint: string;
  outcome: CheckOutcome;
  /** One line for lists: the first problems. Null when passed. */
  reason: string | null;
  /** Every error found, each prefixed with its role. */
  problems: string[];
  /** ISO 8601. */
  checkedAt: string;
}

/** The URLs last admitted for a cooperative (store key `registry:admitted:<id>`): routed while a change waits for its check. */
export interface AdmittedRecord {
  fingerprint: string;
  subgraphs: Record<string, string>;
  /** When it was first admitted (ISO 8601): its join date unless the entry says otherwise. */
  since: string;
}

/** A cooperative registered through the admin API (store key `registry:coop:<id>`). */
export interface ApiRecord {
  entry: CooperativeEntry;
  addedAt: string;
  updatedAt: string;
  /** Set on removal: kept for a short drain so requests in flight still reach it by id. */
  removedAt?: string;
}

/** A cooperative that just left the network and still answers by id for a short while. */
export interface Draining {
  /** The entry as it was routed. */
  entry: CooperativeEntry;
  /** Epoch ms. */
  removedAt: number;
}

export interface Admission {
  state: AdmissionState;
  /** Why it is not (or not yet, or only partly) routed; null when there is nothing to say. */
  reason: string | null;
  /** When its subgraphs were last checked (ISO 8601), null before the first check. */
  checkedAt: string | null;
  /** Every error of the last check. */
  problems: string[];
}

/** One cooperative as the registry sees it: its entry, where it came from, its admission and routing. */
export interface DirectoryEntry extends CooperativeEntry {
  source: 'file' | 'api';
  admission: Admission;
  /** Whether the gateway sends it requests. */
  routed: boolean;
  /** The URLs requests go to when they differ from `subgraphs` (a change waiting for, or refused by, its check). */
  routedSubgraphs?: Record<string, string>;
  /** Things an operator should know (e.g. also registered through the API). */
  notes: string[];
}

export interface FileStatus {
  path: string;
  /** False when the last edit was refused (the last good registry stays). */
  ok: boolean;
  /** `file:line: reason` of the refused edit. */
  error?: string;
  /** Edits that need a restart (subgraphs, gateway settings), noticed but not applied. */
  warning?: string;
  loadedAt: string;
}
