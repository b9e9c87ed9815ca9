/** What makes a contract check stale: the cooperative's id and its subgraph URLs (not its name, deadline…). */
import { createHash } from 'node:crypto';
import type { CooperativeEntry } from '../../core/registry';

export function fingerprint(entry: Pick<CooperativeEntry, 'id' | 'subgraphs'>): string {
  const urls = Object.entries(entry.subgraphs).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash('sha256').update(JSON.stringify([entry.id, urls])).digest('hex').slice(0, 16);
}

/** `id@fingerprint`: how the registry remembers which entries were in the file at start-up. */
export function versionKey(entry: Pick<CooperativeEntry, 'id' | 'subgraphs'>): string {
  return `${entry.id}@${fingerprint(entry)}`;
}
