/**
 * The gateway's live view of each cooperative (UP / DEGRADED / DOWN /
 * UNKNOWN), fed by every call the sender reports. A short window of recent
 * outcomes per cooperative: all good → UP, all failed → DOWN, mixed → DEGRADED,
 * never called → UNKNOWN.
 */
import type { CallRecord } from './router/send';

export type CooperativeStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

const WINDOW = 5;

export class StatusTracker {
  private readonly recent = new Map<string, boolean[]>();

  record(call: CallRecord): void {
    if (!call.cooperativeId) return;
    const list = this.recent.get(call.cooperativeId) ?? [];
    list.push(call.outcome === 'ok' || call.outcome === 'graphql_error');
    if (list.length > WINDOW) list.shift();
    this.recent.set(call.cooperativeId, list);
  }

  statusOf(cooperativeId: string): CooperativeStatus {
    const list = this.recent.get(cooperativeId);
    if (!list?.length) return 'UNKNOWN';
    const good = list.filter(Boolean).length;
    if (good === list.length) return 'UP';
    if (good === 0) return 'DOWN';
    return 'DEGRADED';
  }

  snapshot(ids: readonly string[]): Record<string, CooperativeStatus> {
    return Object.fromEntries(ids.map((id) => [id, this.statusOf(id)]));
  }
}
