/**
 * The contract check of a whole cooperative: each of its role subgraphs
 * against that role's standard schema (marketplace first, so the erp probe
 * can ask for the inventory of real products). One outcome for the registry:
 * `failed` when any role breaks the contract, else `unreachable` when any
 * role did not answer, else `passed`.
 */
import { readFileSync } from 'node:fs';
import type { CooperativeEntry } from '../../core/registry';
import { checkSubgraph, probeIdentityHeaders, summarizeProblems, type CheckReport, type Post } from '../contract';
import { errorsOf } from '../contract/findings';
import type { CheckOutcome } from './types';

export interface CheckResult {
  outcome: CheckOutcome;
  reason: string | null;
  problems: string[];
}

export type CooperativeChecker = (entry: CooperativeEntry) => Promise<CheckResult>;

export interface ContractCheckerOptions {
  /** Role → its standard schema file (the tenant groups of supergraph.yaml). */
  schemaFiles: Readonly<Record<string, string>>;
  /** The gateway's default deadline (a cooperative's own `deadlineMs` wins). */
  defaultDeadlineMs: number;
  /** The gateway's identity secret: probe calls are signed like the gateway's (cooperatives with a `gatewaySecret` refuse others). */
  identitySecret?: string;
  /** How calls are made (tests); default HTTP. */
  postFor?: (url: string) => Post;
}

export function contractChecker(options: ContractCheckerOptions): CooperativeChecker {
  const standards = new Map<string, string>();
  const standardOf = (role: string) => {
    let sdl = standards.get(role);
    if (sdl === undefined) {
      sdl = readFileSync(options.schemaFiles[role], 'utf8');
      standards.set(role, sdl);
    }
    return sdl;
  };
  return async (entry) => {
    const roles = Object.keys(entry.subgraphs).sort((a, b) => (a === 'marketplace' ? -1 : b === 'marketplace' ? 1 : a < b ? -1 : 1));
    const reports: CheckReport[] = [];
    let productIds: string[] = [];
    for (const role of roles) {
      if (!options.schemaFiles[role]) continue;
      const url = entry.subgraphs[role];
      const report = await checkSubgraph({
        role,
        url,
        standardSdl: standardOf(role),
        cooperativeId: entry.id,
        deadlineMs: entry.deadlineMs ?? options.defaultDeadlineMs,
        productIds,
        headers: probeIdentityHeaders(options.identitySecret, entry.id),
        post: options.postFor?.(url),
      });
      if (role === 'marketplace') productIds = report.probe?.productIds ?? [];
      reports.push(report);
    }
    return outcomeOf(reports);
  };
}

const TRANSIENT = new Set(['UNREACHABLE', 'PROBE_SLOW']);

export function outcomeOf(reports: readonly CheckReport[]): CheckResult {
  const failing = reports.filter((r) => !r.fit);
  const problems = failing.flatMap((r) => errorsOf(r.findings).map((f) => `${r.role}: ${f.message}`));
  if (!failing.length) return { outcome: 'passed', reason: null, problems: [] };
  // Not answering, or answering too slowly, may pass: checked again later. Anything else is the contract.
  const broken = failing.filter((r) => r.reachable && errorsOf(r.findings).some((f) => !TRANSIENT.has(f.code)));
  const reason = failing.map((r) => `${r.role}: ${summarizeProblems(r.findings, 2)}`).join(' | ');
  return { outcome: broken.length ? 'failed' : 'unreachable', reason, problems };
}
