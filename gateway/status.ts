/**
 * The gateway's live view of each cooperative (UP / DEGRADED / DOWN /
 * UNKNOWN), fed by every call the sender reports and by the circuits:
 *
 * - per role, a short window of recent call outcomes: all good → UP, all
 *   failed → DOWN, mixed → DEGRADED; an open circuit → DOWN, a half-open one
 *   (probing) → DEGRADED; never called → UNKNOWN;
 * - per cooperative, over the roles it was called for: all UP → UP, all DOWN
 *   → DOWN, otherwise DEGRADED.
 *
 * `/status` serves `{ id: status }` (the network subgraph polls it for
 * `Cooperative.status` when it runs as its own process: `GatewayStatusPoller`);
 * `/readyz` shows the detail per role (circuit, in flight, last outcome).
 */
import type { Logger } from '../core/log';
import type { CircuitState, ProtectionEvents, Target } from './resilience/events';
import type { CallOutcome, CallRecord } from './router/send';

export type CooperativeStatus = 'UP' | 'DEGRADED' | 'DOWN' | 'UNKNOWN';

const WINDOW = 5;

interface RoleView {
  recent: boolean[];
  circuit: CircuitState;
  inFlight: number;
  queued: number;
  lastOutcome?: CallOutcome;
  /** Epoch ms: formatted only when read (every cooperative call records it). */
  lastCallAtMs?: number;
}

export interface RoleStatus {
  status: CooperativeStatus;
  circuit: CircuitState;
  inFlight: number;
  queued: number;
  lastOutcome?: CallOutcome;
  lastCallAt?: string;
}

export interface CooperativeDetail {
  status: CooperativeStatus;
  roles: Record<string, RoleStatus>;
}

export class StatusTracker implements ProtectionEvents {
  private readonly views = new Map<string, Map<string, RoleView>>();

  private view(target: Target): RoleView {
    let roles = this.views.get(target.cooperativeId);
    if (!roles) this.views.set(target.cooperativeId, (roles = new Map()));
    let view = roles.get(target.role);
    if (!view) roles.set(target.role, (view = { recent: [], circuit: 'closed', inFlight: 0, queued: 0 }));
    return view;
  }

  record(call: CallRecord): void {
    if (!call.cooperativeId) return;
    const view = this.view(call);
    view.recent.push(call.outcome === 'ok' || call.outcome === 'graphql_error');
    if (view.recent.length > WINDOW) view.recent.shift();
    view.lastOutcome = call.outcome;
    view.lastCallAtMs = Date.now();
  }

  circuitChanged(target: Target, state: CircuitState): void {
    if (!target.cooperativeId) return;
    const view = this.view(target);
    view.circuit = state;
    // Closed after a probe answered: the failures before it are history.
    if (state === 'closed') view.recent = [true];
  }

  inFlightChanged(target: Target, inFlight: number, queued: number): void {
    if (!target.cooperativeId) return;
    const view = this.view(target);
    view.inFlight = inFlight;
    view.queued = queued;
  }

  statusOf(cooperativeId: string): CooperativeStatus {
    const roles = this.views.get(cooperativeId);
    const known = [...(roles?.values() ?? [])].map(roleStatus).filter((s) => s !== 'UNKNOWN');
    if (!known.length) return 'UNKNOWN';
    if (known.every((s) => s === 'UP')) return 'UP';
    if (known.every((s) => s === 'DOWN')) return 'DOWN';
    return 'DEGRADED';
  }

  snapshot(ids: readonly string[]): Record<string, CooperativeStatus> {
    return Object.fromEntries(ids.map((id) => [id, this.statusOf(id)]));
  }

  detail(ids: readonly string[]): Record<string, CooperativeDetail> {
    return Object.fromEntries(
      ids.map((id) => {
        const roles = Object.fromEntries(
          [...(this.views.get(id) ?? new Map<string, RoleView>())].map(([role, v]) => [
            role,
            { status: roleStatus(v), circuit: v.circuit, inFlight: v.inFlight, queued: v.queued, lastOutcome: v.lastOutcome, lastCallAt: v.lastCallAtMs === undefined ? undefined : new Date(v.lastCallAtMs).toISOString() },
          ]),
        );
        return [id, { status: this.statusOf(id), roles }];
      }),
    );
  }
}

function roleStatus(view: RoleView): CooperativeStatus {
  if (view.circuit === 'open') return 'DOWN';
  if (view.circuit === 'half_open') return 'DEGRADED';
  if (!view.recent.length) return 'UNKNOWN';
  const good = view.recent.filter(Boolean).length;
  if (good === view.recent.length) return 'UP';
  if (good === 0) return 'DOWN';
  return 'DEGRADED';
}

const STATUSES: ReadonlySet<string> = new Set(['UP', 'DEGRADED', 'DOWN', 'UNKNOWN']);

export interface StatusPollerOptions {
  /** The gateway's base URL (`http://host:4000`); `/graphql` or `/status` at the end are accepted too. */
  gatewayUrl: string;
  intervalMs?: number;
  log?: Logger;
}

/**
 * The gateway's live view, for a network subgraph running as its own process:
 * polls the gateway's `/status`. A view older than three intervals (gateway
 * gone) is UNKNOWN. Failures are logged once, and the recovery once.
 */
export class GatewayStatusPoller {
  readonly statusUrl: string;
  private readonly intervalMs: number;
  private readonly log: Logger | undefined;
  private statuses: Record<string, CooperativeStatus> = {};
  private fetchedAt = 0;
  private failing = false;
  private timer: NodeJS.Timeout | undefined;
  private inFlight: Promise<void> | undefined;

  constructor(options: StatusPollerOptions) {
    this.statusUrl = statusUrlOf(options.gatewayUrl);
    this.intervalMs = options.intervalMs ?? 2000;
    this.log = options.log;
  }

  start(): this {
    void this.poll();
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
    return this;
  }

  statusOf = (cooperativeId: string): CooperativeStatus => {
    if (Date.now() - this.fetchedAt > 3 * this.intervalMs) return 'UNKNOWN';
    return this.statuses[cooperativeId] ?? 'UNKNOWN';
  };

  poll(): Promise<void> {
    this.inFlight ??= this.fetchOnce().finally(() => (this.inFlight = undefined));
    return this.inFlight;
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async fetchOnce(): Promise<void> {
    try {
      const res = await fetch(this.statusUrl, { signal: AbortSignal.timeout(Math.max(500, this.intervalMs)) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as Record<string, unknown>;
      this.statuses = Object.fromEntries(Object.entries(body).filter(([, s]) => typeof s === 'string' && STATUSES.has(s))) as Record<string, CooperativeStatus>;
      this.fetchedAt = Date.now();
      if (this.failing) this.log?.info({ url: this.statusUrl }, 'gateway status reachable again');
      this.failing = false;
    } catch (err) {
      if (!this.failing) this.log?.warn({ url: this.statusUrl, err: (err as Error).message }, 'cannot read the gateway status: Cooperative.status is UNKNOWN until it answers');
      this.failing = true;
    }
  }
}

export function statusUrlOf(gatewayUrl: string): string {
  const url = new URL(gatewayUrl);
  url.pathname = url.pathname.replace(/\/(graphql|status)?\/?$/, '') + '/status';
  url.search = '';
  return url.toString();
}

/** Where a gateway configured by `gateway.host`/`gateway.port` answers (for tools on the same machine). */
export function gatewayBaseUrl(settings: { host: string; port: number }): string {
  const host = settings.host === '0.0.0.0' || settings.host === '::' ? '127.0.0.1' : settings.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${settings.port}`;
}
