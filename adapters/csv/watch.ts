/**
 * Noticing that a new export landed: chokidar events on the folder, and a
 * poll every `pollMs` as well, because change events are unreliable on the
 * network shares these folders often are and stop when inotify runs out.
 */
import { basename } from 'node:path';
import { watch } from 'chokidar';
import { EXPORT_FILES } from './layout';

export interface FolderWatch {
  close(): Promise<void>;
}

export interface WatchOptions {
  pollMs: number;
  /** An export file was added, changed or removed. */
  onChange(): void;
  onPoll(): void;
  /** The event watcher failed; polling goes on. */
  onError(error: unknown): void;
}

const EXPORT_NAMES = new Set(EXPORT_FILES.map((spec) => spec.name));

export async function watchFolder(folder: string, options: WatchOptions): Promise<FolderWatch> {
  // Not persistent: the watcher never keeps the process alive (the server does). chokidar
  // can drop the closer of a watch it was still adding when close() came (its issue #1482,
  // e.g. after the folder went away), and such a watch must not hold the process open.
  const watcher = watch(folder, { depth: 0, ignoreInitial: true, persistent: false });
  watcher.on('all', (_event, path) => {
    if (EXPORT_NAMES.has(basename(path).toLowerCase())) options.onChange();
  });
  await new Promise<void>((resolve) => {
    watcher.once('ready', resolve);
    watcher.on('error', (error) => {
      options.onError(error);
      resolve(); // not ready, but the poll still runs
    });
  });
  const poll = setInterval(options.onPoll, options.pollMs);
  poll.unref();
  return {
    async close() {
      clearInterval(poll);
      await watcher.close();
    },
  };
}
