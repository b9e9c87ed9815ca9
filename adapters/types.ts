/**
 * How an adapter kind plugs in: a factory per legacy kind that builds the
 * role adapters it supports from a cooperative's config.
 */
import type { CoopConfig } from '../core/coopConfig';
import type { Logger } from '../core/log';
import type { MarketplaceAdapter } from '../subgraphs/marketplace/port';
import type { ErpAdapter } from '../subgraphs/erp/port';

/** A legacy row the adapter refused or repaired, reported with which row and why. */
export interface RowReport {
  /** Where the row is: a legacy code, a line number, a primary key. */
  row: string;
  reason: string;
}

export interface AdapterContext {
  config: CoopConfig;
  log: Logger;
  /** Reports a bad legacy row (logged; kept for `sbnet check` and tests). */
  report(issue: RowReport): void;
}

export interface AdapterFactory {
  /** The legacy kind, as given to `--adapter`. */
  kind: string;
  description: string;
  marketplace?(ctx: AdapterContext): Promise<MarketplaceAdapter>;
  erp?(ctx: AdapterContext): Promise<ErpAdapter>;
}

/** A context whose reports are logged once per row and kept in `reports`. */
export function createAdapterContext(config: CoopConfig, log: Logger): AdapterContext & { reports: RowReport[] } {
  const reports: RowReport[] = [];
  const seen = new Set<string>();
  return {
    config,
    log,
    reports,
    report(issue) {
      const key = `${issue.row}\u0000${issue.reason}`;
      if (seen.has(key)) return;
      seen.add(key);
      reports.push(issue);
      log.warn({ cooperative: config.cooperative, row: issue.row, reason: issue.reason }, 'bad legacy row');
    },
  };
}
