/**
 * The erp role over a folder of CSV exports. Answers come from an in-memory
 * index (one index read per batch); a new index replaces it whole, and only
 * when a new export has settled and every file of it parsed. A half-written
 * or unreadable export never replaces a good index: the old one is served
 * and the problem reported.
 */
import type { ErpAdapter, FulfillmentRecord, InventoryRecord } from '../../subgraphs/erp/port';
import type { AdapterContext } from '../types';
import { buildIndex, type ExportIndex, type ExportTables } from './buildIndex';
import { ExportFolder } from './exportFolder';
import { watchFolder, type FolderWatch } from './watch';

export interface CsvErpSettings {
  /** The folder the ERP job drops items.csv, stock.csv (and orders.csv, shipments.csv) into. */
  folder: string;
  /** How often the folder is checked besides change events. */
  pollMs: number;
  /** How long a file must stay unchanged before it is read. */
  settleMs: number;
}

export type ReloadResult =
  | { status: 'loaded'; version: number; items: number; orders: number; badRows: number }
  /** The files are those of the index served. */
  | { status: 'unchanged'; version: number }
  /** A file is still being written; try again in `retryInMs`. */
  | { status: 'unsettled'; version: number; file: string; retryInMs: number }
  /** Missing or unreadable files; the index of `version` is still served. */
  | { status: 'rejected'; version: number; file: string; reason: string };

interface Snapshot extends ExportIndex {
  version: number;
  loadedAt: Date | null;
  fingerprint: string | null;
}

const NOTHING_LOADED: Snapshot = { version: 0, loadedAt: null, fingerprint: null, inventory: new Map(), fulfillment: new Map() };

export class CsvErp implements ErpAdapter {
  readonly kind = 'csv';
  private snapshot = NOTHING_LOADED;
  private readonly folder: ExportFolder;
  /** Reloads run one at a time. */
  private queue: Promise<unknown> = Promise.resolve();
  /** The last rejected set, so an unchanged broken export is not read and reported again. */
  private rejected: { fingerprint: string; result: ReloadResult } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private watch: FolderWatch | null = null;
  private closed = false;

  constructor(
    private readonly settings: CsvErpSettings,
    private readonly ctx: Pick<AdapterContext, 'report' | 'log'>,
  ) {
    this.folder = new ExportFolder(settings.folder, settings.settleMs);
  }

  /** 0 until an export is loaded, then one more per export swapped in. */
  get version(): number {
    return this.snapshot.version;
  }

  get loadedAt(): Date | null {
    return this.snapshot.loadedAt;
  }

  async getInventory(productLocalIds: readonly string[]): Promise<Array<InventoryRecord | null>> {
    const { inventory } = this.snapshot;
    return productLocalIds.map((id) => inventory.get(id) ?? null);
  }

  async getFulfillment(orderLocalIds: readonly string[]): Promise<Array<FulfillmentRecord | null>> {
    const { fulfillment } = this.snapshot;
    return orderLocalIds.map((id) => fulfillment.get(id) ?? null);
  }

  /** Loads the folder's export now, after any reload in progress; an unsettled one is tried again later. Never throws. */
  reload(): Promise<ReloadResult> {
    const run = this.queue.then(() => this.reloadNow());
    this.queue = run.catch(() => undefined);
    return run.then((result) => {
      if (result.status === 'unsettled') this.schedule(result.retryInMs);
      return result;
    });
  }

  /** Watches the folder and loads what is there (an export still being written loads once it settles). */
  async start(): Promise<void> {
    this.watch = await watchFolder(this.settings.folder, {
      pollMs: this.settings.pollMs,
      onChange: () => this.schedule(this.settings.settleMs), // a job writing several files: wait for quiet
      onPoll: () => {
        if (!this.timer) this.schedule(0);
      },
      onError: (error) => this.ctx.log.warn({ folder: this.settings.folder, err: error }, 'folder watch failed; polling only'),
    });
    await this.reload();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.watch?.close();
    await this.queue;
  }

  private schedule(ms: number): void {
    if (this.closed) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.reload();
    }, ms);
    this.timer.unref();
  }

  private async reloadNow(): Promise<ReloadResult> {
    const version = this.snapshot.version;
    try {
      const survey = await this.folder.survey();
      if (survey.fingerprint === this.snapshot.fingerprint) return { status: 'unchanged', version };
      if (survey.fingerprint === this.rejected?.fingerprint) return this.rejected.result;
      const read = await this.folder.read(survey);
      if (read.kind === 'unsettled') return { status: 'unsettled', version, file: read.file, retryInMs: read.retryInMs };
      if (read.kind === 'rejected') return this.reject(survey.fingerprint, read.file, read.reason);
      return this.swap(survey.fingerprint, read.tables);
    } catch (error) {
      return this.reject(null, this.settings.folder, (error as Error).message);
    }
  }

  private swap(fingerprint: string, tables: ExportTables): ReloadResult {
    const { index, reports } = buildIndex(tables);
    this.snapshot = { ...index, version: this.snapshot.version + 1, loadedAt: new Date(), fingerprint };
    this.rejected = null;
    for (const report of reports) this.ctx.report(report);
    const result = { status: 'loaded', version: this.snapshot.version, items: index.inventory.size, orders: index.fulfillment.size, badRows: reports.length } as const;
    this.ctx.log.info({ folder: this.settings.folder, ...result }, 'CSV export loaded');
    return result;
  }

  private reject(fingerprint: string | null, file: string, reason: string): ReloadResult {
    const { version, loadedAt } = this.snapshot;
    const kept = loadedAt ? `the export loaded at ${loadedAt.toISOString()} is still served` : 'no export loaded yet: stock and fulfilment answer null';
    this.ctx.report({ row: file, reason: `${reason}; ${kept}` });
    const result: ReloadResult = { status: 'rejected', version, file, reason };
    if (fingerprint !== null) this.rejected = { fingerprint, result };
    return result;
  }
}
