/**
 * The folder a nightly ERP job drops its export into, read as one set.
 *
 * Jobs write in place and take their time, so a file is read only once it
 * has settled (unchanged for `settleMs`: its modification time is that old,
 * or this reader has seen the same size and time for that long), and is read
 * again if it changed while being read. A set is ready only when every file
 * is settled and parses; otherwise the caller keeps what it has.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Stats } from 'node:fs';
import type { ExportTables } from './buildIndex';
import { CsvFileError, parseCsvFile, type CsvTable } from './csvFile';
import { EXPORT_FILES, type ExportFileSpec } from './layout';

export interface FolderSurvey {
  /** Changes whenever any export file appears, disappears or changes. */
  fingerprint: string;
  /** The export files present, by spec key: path and stats. */
  files: Map<ExportFileSpec['key'], { path: string; stats: Stats }>;
}

export type FolderRead =
  | { kind: 'ready'; tables: ExportTables }
  | { kind: 'unsettled'; file: string; retryInMs: number }
  | { kind: 'rejected'; file: string; reason: string };

function stampOf(stats: Stats): string {
  return `${stats.size}/${stats.mtimeMs}/${stats.ino}`;
}

export class ExportFolder {
  /** When this reader first saw each file's current stamp. */
  private readonly seen = new Map<string, { stamp: string; since: number }>();

  constructor(
    readonly folder: string,
    private readonly settleMs: number,
  ) {}

  /** The export files present now (names matched case-insensitively, as Windows jobs write them). */
  async survey(now = Date.now()): Promise<FolderSurvey> {
    const names = new Map((await readdir(this.folder)).map((name) => [name.toLowerCase(), name]));
    const files: FolderSurvey['files'] = new Map();
    for (const spec of EXPORT_FILES) {
      const name = names.get(spec.name);
      const stats = name === undefined ? undefined : await stat(join(this.folder, name)).catch(() => undefined);
      if (!name || !stats?.isFile()) continue;
      files.set(spec.key, { path: join(this.folder, name), stats });
      const stamp = stampOf(stats);
      if (this.seen.get(spec.name)?.stamp !== stamp) this.seen.set(spec.name, { stamp, since: now });
    }
    const fingerprint = EXPORT_FILES.map((spec) => `${spec.name}=${files.has(spec.key) ? stampOf(files.get(spec.key)!.stats) : '-'}`).join(';');
    return { fingerprint, files };
  }

  /** Reads and parses the surveyed set, if it is complete and settled. */
  async read(survey: FolderSurvey, now = Date.now()): Promise<FolderRead> {
    const missing = EXPORT_FILES.filter((spec) => spec.required && !survey.files.has(spec.key));
    if (missing.length > 0) {
      const reason = survey.files.size === 0 ? `no CSV export in ${this.folder}` : `the export in ${this.folder} is incomplete`;
      return { kind: 'rejected', file: missing[0].name, reason: `${reason}: ${missing.map((spec) => spec.name).join(', ')} missing` };
    }
    for (const spec of EXPORT_FILES) {
      const file = survey.files.get(spec.key);
      if (!file) continue;
      const age = Math.max(now - file.stats.mtimeMs, now - (this.seen.get(spec.name)?.since ?? now));
      if (age < this.settleMs) return { kind: 'unsettled', file: spec.name, retryInMs: Math.ceil(this.settleMs - age) };
    }
    const tables: Partial<Record<ExportFileSpec['key'], CsvTable>> = {};
    for (const spec of EXPORT_FILES) {
      const file = survey.files.get(spec.key);
      if (!file) continue;
      const bytes = await readFile(file.path).catch(() => undefined);
      const after = await stat(file.path).catch(() => undefined);
      if (!bytes || !after || stampOf(after) !== stampOf(file.stats) || bytes.length !== file.stats.size) {
        return { kind: 'unsettled', file: spec.name, retryInMs: this.settleMs };
      }
      try {
        tables[spec.key] = parseCsvFile(spec, bytes, file.stats.mtimeMs);
      } catch (error) {
        if (!(error instanceof CsvFileError)) throw error;
        return { kind: 'rejected', file: spec.name, reason: error.message };
      }
    }
    return { kind: 'ready', tables: tables as ExportTables };
  }
}
