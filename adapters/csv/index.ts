/**
 * The CSV export adapter: the erp role over the files a nightly ERP job
 * drops into a folder (items.csv, stock.csv, optionally orders.csv and
 * shipments.csv; CP949 or UTF-8, with or without BOM). Config (coop.yaml):
 *
 *   legacy:
 *     folder: ./erp-export   # relative to coop.yaml
 *     pollMs: 30000          # optional: folder check besides change events
 *     settleMs: 10000        # optional: a file unchanged this long is complete
 */
import { stat } from 'node:fs/promises';
import { legacyPath, type CoopConfig } from '../../core/coopConfig';
import type { AdapterContext, AdapterFactory } from '../types';
import { CsvErp, type CsvErpSettings } from './erp';

export { CsvErp, type CsvErpSettings, type ReloadResult } from './erp';

export const DEFAULT_POLL_MS = 30_000;
export const DEFAULT_SETTLE_MS = 10_000;

export function csvSettings(config: CoopConfig): CsvErpSettings {
  const folder = legacyPath(config, 'folder');
  if (!folder) throw new Error(`Cooperative ${config.cooperative}: legacy.folder (where the ERP drops its CSV export) is not set`);
  return {
    folder,
    pollMs: milliseconds(config, 'pollMs', DEFAULT_POLL_MS, 1),
    settleMs: milliseconds(config, 'settleMs', DEFAULT_SETTLE_MS, 0),
  };
}

function milliseconds(config: CoopConfig, key: string, fallback: number, min: number): number {
  const value = config.legacy[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new Error(`Cooperative ${config.cooperative}: legacy.${key} must be a whole number of milliseconds, at least ${min} (got ${JSON.stringify(value)})`);
  }
  return value;
}

/** Loads what the folder holds and watches it; fails at start-up only when the folder does not exist. */
export async function openCsvErp(settings: CsvErpSettings, ctx: Pick<AdapterContext, 'report' | 'log'>): Promise<CsvErp> {
  const info = await stat(settings.folder).catch(() => undefined);
  if (!info?.isDirectory()) throw new Error(`The CSV export folder ${settings.folder} does not exist`);
  const erp = new CsvErp(settings, ctx);
  await erp.start();
  return erp;
}

export const csvAdapter: AdapterFactory = {
  kind: 'csv',
  description: 'CSV exports of an ERP (items.csv, stock.csv, orders.csv, shipments.csv; CP949 or UTF-8) dropped into a folder (legacy.folder)',
  async erp(ctx) {
    return openCsvErp(csvSettings(ctx.config), ctx);
  },
};
