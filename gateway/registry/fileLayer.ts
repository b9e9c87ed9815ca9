/**
 * supergraph.yaml as the registry's file layer: watched (chokidar, plus a
 * cheap stat on every poll in case an event was missed), re-read on change.
 * A bad edit is refused whole — reported with file:line, the last good
 * cooperatives stay. Only `cooperatives:` apply live; other changed sections
 * need a restart and say so.
 */
import { statSync } from 'node:fs';
import { watch, type FSWatcher } from 'chokidar';
import type { Logger } from '../../core/log';
import type { CooperativeEntry } from '../../core/registry';
import { loadYamlFile } from '../../core/yamlConfig';
import { loadSupergraphConfig, type SupergraphConfig } from '../config/supergraphConfig';
import type { FileStatus } from './types';

export interface FileLayerOptions {
  config: SupergraphConfig;
  /** The cooperatives to start from (default: the config's). */
  entries?: readonly CooperativeEntry[];
  log: Logger;
  /** Called after an accepted edit changed the cooperatives. */
  onChange: (previous: readonly CooperativeEntry[]) => void;
  now?: () => number;
}

export class FileLayer {
  entries: readonly CooperativeEntry[];
  status: FileStatus;
  private watcher: FSWatcher | null = null;
  private stamp: string | null;
  private debounce: NodeJS.Timeout | null = null;
  private readonly now: () => number;

  constructor(private readonly options: FileLayerOptions) {
    this.now = options.now ?? Date.now;
    this.entries = options.entries ?? options.config.cooperatives;
    this.status = { path: options.config.file, ok: true, loadedAt: new Date(this.now()).toISOString() };
    this.stamp = stampOf(options.config.file);
  }

  /** Starts watching the file. */
  watch(): void {
    if (this.watcher) return;
    this.watcher = watch(this.options.config.file, { ignoreInitial: true, awaitWriteFinish: { stabilityThreshold: 80, pollInterval: 20 } });
    this.watcher.on('all', () => this.soon());
    this.watcher.on('error', (err) => this.options.log.warn({ err, file: this.options.config.file }, 'watching supergraph.yaml failed; changes are still seen on each poll'));
  }

  /** Re-reads the file if it changed since the last read (the poll's safety net). */
  pollForChange(): void {
    if (stampOf(this.options.config.file) !== this.stamp) this.reload();
  }

  /** Re-reads the file now; returns whether the cooperatives changed. */
  reload(): boolean {
    const { config, log } = this.options;
    this.stamp = stampOf(config.file);
    let next: SupergraphConfig;
    try {
      next = loadSupergraphConfig(config.file);
    } catch (err) {
      const message = (err as Error).message;
      if (this.status.error !== message) log.error({ file: config.file, error: message }, 'supergraph.yaml edit refused; keeping the last good registry');
      this.status = { ...this.status, ok: false, error: message };
      return false;
    }
    const warning = restartNeeded(config, next);
    if (warning && warning !== this.status.warning) log.warn({ file: config.file }, warning);
    this.status = { path: config.file, ok: true, loadedAt: new Date(this.now()).toISOString(), ...(warning ? { warning } : {}) };
    if (JSON.stringify(next.cooperatives) === JSON.stringify(this.entries)) return false;
    const previous = this.entries;
    this.entries = next.cooperatives;
    log.info({ file: config.file, cooperatives: next.cooperatives.length }, 'supergraph.yaml cooperatives reloaded');
    this.options.onChange(previous);
    return true;
  }

  /** The line of a cooperative's entry in the file, for messages that send people there. */
  lineOf(id: string): number | null {
    try {
      const source = loadYamlFile(this.options.config.file);
      const index = this.entries.findIndex((c) => c.id === id);
      return index < 0 ? null : source.lineOf(['cooperatives', index, 'id']);
    } catch {
      return null;
    }
  }

  async close(): Promise<void> {
    if (this.debounce) clearTimeout(this.debounce);
    await this.watcher?.close();
    this.watcher = null;
  }

  private soon(): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      this.reload();
    }, 50);
    this.debounce.unref();
  }
}

/** The sections that are composed or read once at start-up. */
function restartNeeded(running: SupergraphConfig, next: SupergraphConfig): string | undefined {
  const fixed = (c: SupergraphConfig) => JSON.stringify([c.federationVersion, c.subgraphs, c.gateway, c.classificationsFile ?? null]);
  return fixed(running) === fixed(next) ? undefined : 'supergraph.yaml: only `cooperatives` apply while running; the changed subgraphs/gateway/classifications settings need a restart';
}

function stampOf(file: string): string | null {
  try {
    const s = statSync(file);
    return `${s.mtimeMs}:${s.size}:${s.ino}`;
  } catch {
    return null;
  }
}
