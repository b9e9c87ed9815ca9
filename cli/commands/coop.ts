/**
 * `sbnet coop add|update|remove|list|check`: the live registry of a running
 * gateway, through its admin API (`/admin/cooperatives`, bearer token from
 * `SBNET_ADMIN_TOKEN`). Every gateway instance sharing the same Redis sees the
 * change within seconds; a new cooperative is routed to only after its
 * contract check passes, and `add` waits for that verdict.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { DirectoryEntry, FileStatus } from '../../gateway/registry/types';
import { CommandUsageError, EXIT, integerFlag, type CommandIo } from './io';

export const COOP_USAGE = `usage:
  sbnet coop list   [--gateway URL] [--json]
  sbnet coop add    <id> --name <이름> --marketplace <url> [--erp <url>] [entry flags] [--no-wait]
  sbnet coop add    --file <entry.yaml> [--no-wait]
  sbnet coop update <id> [entry flags] [--file <changes.yaml>] [--no-wait]     (none removes: --erp none)
  sbnet coop remove <id>
  sbnet coop check  <id>                                       (run its contract check again)
entry flags: --name --name-en --industry --region --member-count --marketplace-system --erp-system
             --joined-at YYYY-MM-DD --deadline-ms --marketplace <url> --erp <url>
The gateway: --gateway or SBNET_GATEWAY_URL (default http://127.0.0.1:4000); its admin token in SBNET_ADMIN_TOKEN.`;

const OPTIONS = {
  gateway: { type: 'string' },
  json: { type: 'boolean' },
  file: { type: 'string' },
  'no-wait': { type: 'boolean' },
  name: { type: 'string' },
  'name-en': { type: 'string' },
  industry: { type: 'string' },
  region: { type: 'string' },
  'member-count': { type: 'string' },
  'marketplace-system': { type: 'string' },
  'erp-system': { type: 'string' },
  'joined-at': { type: 'string' },
  'deadline-ms': { type: 'string' },
  marketplace: { type: 'string' },
  erp: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Flags = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

const WAIT_MS = 30_000;

export async function coopCommand(argv: string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, strict: true, options: OPTIONS });
  const flags = values as Flags;
  if (flags.help) return void io.out(`${COOP_USAGE}\n`), EXIT.ok;
  const [action, id, extra] = positionals;
  if (extra) throw new CommandUsageError(`unexpected "${extra}"`, COOP_USAGE);
  const api = adminApi(flags.gateway ?? io.env.SBNET_GATEWAY_URL ?? 'http://127.0.0.1:4000', io.env.SBNET_ADMIN_TOKEN);
  switch (action) {
    case 'list':
      return list(api, flags, io);
    case 'add':
      return add(api, id, flags, io);
    case 'update':
      return update(api, needId(id, 'update'), flags, io);
    case 'remove':
      return remove(api, needId(id, 'remove'), io);
    case 'check':
      return recheck(api, needId(id, 'check'), io);
    default:
      throw new CommandUsageError(action ? `unknown coop action "${action}"` : 'sbnet coop needs an action', COOP_USAGE);
  }
}

// ── actions ──────────────────────────────────────────────────────────────────

async function list(api: AdminApi, flags: Flags, io: CommandIo): Promise<number> {
  const body = (await api.call('GET', '')) as { cooperatives: DirectoryEntry[]; file: FileStatus; store: string };
  if (flags.json) return void io.out(`${JSON.stringify(body, null, 2)}\n`), EXIT.ok;
  io.out(formatList(body.cooperatives, body.file, body.store));
  return EXIT.ok;
}

async function add(api: AdminApi, id: string | undefined, flags: Flags, io: CommandIo): Promise<number> {
  let text: string;
  let type = 'application/json';
  if (flags.file) {
    text = readFileSync(resolve(io.cwd, flags.file), 'utf8');
    type = 'application/yaml';
  } else {
    const entry: Record<string, any> = { id: needId(id, 'add'), ...entryFields(flags, false) };
    if (!entry.name) throw new CommandUsageError('--name is required (the Korean name)', COOP_USAGE);
    if (!entry.subgraphs || Object.keys(entry.subgraphs).length === 0) throw new CommandUsageError('at least one of --marketplace <url>, --erp <url> is required', COOP_USAGE);
    text = JSON.stringify(entry);
  }
  const started = performance.now();
  const wait = flags['no-wait'] ? 0 : WAIT_MS;
  if (wait) io.out('registering; waiting for the contract check…\n');
  const { cooperative } = (await api.call('POST', `${wait ? `?wait=${wait}` : ''}`, text, type)) as { cooperative: DirectoryEntry };
  return report('added', cooperative, performance.now() - started, io);
}

async function update(api: AdminApi, id: string, flags: Flags, io: CommandIo): Promise<number> {
  let text: string;
  let type = 'application/json';
  if (flags.file) {
    text = readFileSync(resolve(io.cwd, flags.file), 'utf8');
    type = 'application/yaml';
  } else {
    const changes = entryFields(flags, true);
    if (Object.keys(changes).length === 0) throw new CommandUsageError('nothing to change: give entry flags or --file', COOP_USAGE);
    text = JSON.stringify(changes);
  }
  const started = performance.now();
  const wait = flags['no-wait'] ? 0 : WAIT_MS;
  const { cooperative } = (await api.call('PATCH', `/${encodeURIComponent(id)}${wait ? `?wait=${wait}` : ''}`, text, type)) as { cooperative: DirectoryEntry };
  return report('updated', cooperative, performance.now() - started, io);
}

async function remove(api: AdminApi, id: string, io: CommandIo): Promise<number> {
  await api.call('DELETE', `/${encodeURIComponent(id)}`);
  io.out(`removed ${id}: no longer listed or searched; requests already running still reach it for a few seconds\n`);
  return EXIT.ok;
}

async function recheck(api: AdminApi, id: string, io: CommandIo): Promise<number> {
  const started = performance.now();
  const { cooperative } = (await api.call('POST', `/${encodeURIComponent(id)}/check?wait=${WAIT_MS}`)) as { cooperative: DirectoryEntry };
  return report('checked', cooperative, performance.now() - started, io);
}

/** One cooperative after a change: its verdict in words, exit 0 only when routed to its own URLs. */
function report(verb: string, c: DirectoryEntry, ms: number, io: CommandIo): number {
  const seconds = (ms / 1000).toFixed(1);
  const where = Object.entries(c.routedSubgraphs ?? c.subgraphs).map(([role, url]) => `${role} ${url}`).join(', ');
  const { state, reason, problems } = c.admission;
  if (state === 'ADMITTED') {
    io.out(`${verb} ${c.id}: ADMITTED after ${seconds} s — routed to ${where}${reason ? `\n  note: ${reason}` : ''}\n`);
    return EXIT.ok;
  }
  const lines = [`${verb} ${c.id}: ${state}${c.routed ? ` (still routed to ${where})` : ' — not routed'}`];
  if (reason) lines.push(`  ${reason}`);
  for (const p of problems.slice(0, 20)) lines.push(`  ✗ ${p}`);
  if (state === 'REJECTED') lines.push(`It stays out until this is fixed; then run: sbnet coop check ${c.id}`);
  if (state === 'PENDING') lines.push(`The check has not finished yet; see: sbnet coop list`);
  io.out(`${lines.join('\n')}\n`);
  return EXIT.failed;
}

// ── entries from flags ───────────────────────────────────────────────────────

const TEXT_FLAGS: Array<[keyof Flags, string]> = [
  ['name', 'name'],
  ['name-en', 'nameEn'],
  ['industry', 'industry'],
  ['region', 'region'],
  ['marketplace-system', 'marketplaceSystem'],
  ['erp-system', 'erpSystem'],
  ['joined-at', 'joinedAt'],
];

/** The entry fields the flags give; in an update, `none` removes a field or role. */
export function entryFields(flags: Flags, patch: boolean): Record<string, any> {
  const out: Record<string, any> = {};
  const value = (raw: string) => (patch && raw === 'none' ? null : raw);
  for (const [flag, key] of TEXT_FLAGS) if (typeof flags[flag] === 'string') out[key] = value(flags[flag] as string);
  for (const [flag, key] of [['member-count', 'memberCount'], ['deadline-ms', 'deadlineMs']] as const) {
    const raw = flags[flag];
    if (raw === undefined) continue;
    out[key] = patch && raw === 'none' ? null : integerFlag(raw, `--${flag}`, COOP_USAGE, flag === 'deadline-ms' ? 1 : 0);
  }
  const subgraphs: Record<string, string | null> = {};
  if (flags.marketplace) subgraphs.marketplace = value(flags.marketplace);
  if (flags.erp) subgraphs.erp = value(flags.erp);
  if (Object.keys(subgraphs).length) out.subgraphs = subgraphs;
  return out;
}

function needId(id: string | undefined, action: string): string {
  if (!id) throw new CommandUsageError(`sbnet coop ${action} needs a cooperative id`, COOP_USAGE);
  return id;
}

// ── the list ─────────────────────────────────────────────────────────────────

export function formatList(cooperatives: readonly DirectoryEntry[], file: FileStatus, store: string): string {
  const rows = cooperatives.map((c) => [c.id, c.admission.state, c.routed ? (c.routedSubgraphs ? 'old URLs' : 'yes') : 'no', c.source, Object.keys(c.subgraphs).sort().join(','), c.joinedAt ?? '-', c.name]);
  const head = ['ID', 'ADMISSION', 'ROUTED', 'SOURCE', 'ROLES', 'JOINED', 'NAME'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]))).join('  ');
  const out = [line(head)];
  cooperatives.forEach((c, i) => {
    out.push(line(rows[i]));
    if (c.admission.reason) out.push(`${' '.repeat(widths[0])}  └ ${c.admission.reason}`);
    for (const note of c.notes) out.push(`${' '.repeat(widths[0])}  └ note: ${note}`);
  });
  if (!file.ok) out.push('', `supergraph.yaml: last edit refused — ${file.error}`, '  the gateway keeps the last good cooperatives of the file until it is fixed');
  if (file.warning) out.push('', file.warning);
  out.push('', `${cooperatives.length} cooperative${cooperatives.length === 1 ? '' : 's'}; registry shared through ${store === 'redis' ? 'Redis (every gateway instance)' : 'this gateway only (no Redis)'}; file ${file.path}`);
  return `${out.join('\n')}\n`;
}

// ── the admin API ────────────────────────────────────────────────────────────

interface AdminApi {
  call(method: string, path: string, body?: string, contentType?: string): Promise<unknown>;
}

export class AdminApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'AdminApiError';
  }
}

function adminApi(gateway: string, token: string | undefined): AdminApi {
  const base = `${gateway.replace(/\/+$/, '').replace(/\/graphql$/, '')}/admin/cooperatives`;
  return {
    async call(method, path, body, contentType = 'application/json') {
      if (!token) throw new AdminApiError(0, 'SBNET_ADMIN_TOKEN is not set: set it to the admin token the gateway was started with');
      let res: Response;
      try {
        res = await fetch(`${base}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': contentType } : {}) },
          body,
          signal: AbortSignal.timeout(WAIT_MS + 15_000),
        });
      } catch (err) {
        const cause = (err as { cause?: { code?: string } }).cause?.code;
        throw new AdminApiError(0, `cannot reach the gateway at ${base}${cause ? ` (${cause})` : ''}: is it running? (--gateway or SBNET_GATEWAY_URL)`);
      }
      const text = await res.text();
      let parsed: any;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new AdminApiError(res.status, `the gateway answered HTTP ${res.status}: ${text.slice(0, 200)}`);
      }
      if (!res.ok) throw new AdminApiError(res.status, parsed?.errors?.[0]?.message ?? `HTTP ${res.status}`);
      return parsed;
    },
  };
}
