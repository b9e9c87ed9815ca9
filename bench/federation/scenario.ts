/**
 * Scenario 1, standard federation: this project's gateway against stock
 * @apollo/gateway + @apollo/server over the same four subgraphs, both checked
 * to return the oracle's answer before any load, then alternating A/B load
 * rounds (same run, same machine).
 */
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { cpuMs, peakRssMb, startChild, type Child } from '../proc';
import { load, type LoadResult } from '../load';
import { median, range, ratio } from '../stats';
import { expectedFederationAnswer } from './expected';
import { FEDERATION_QUERY } from './schemas';

export interface FederationOptions {
  rounds: number;
  durationS: number;
  connections: number;
  /** Correctness only, a one-second load (CI smoke check). */
  quick: boolean;
}

interface Round extends LoadResult {
  cpuMsPerRequest: number;
}

export interface GatewayStats {
  rounds: Round[];
  rss: number;
}

type Server = 'sbnet' | 'fetches' | 'strict' | 'stock';
const SERVERS: readonly Server[] = ['sbnet', 'fetches', 'strict', 'stock'];
const KIND: Record<Server, string> = { sbnet: 'sbnet', fetches: 'sbnet-fetches', strict: 'sbnet-strict', stock: 'stock' };
/** This project's gateway in its three sharing modes, each compared with stock. */
const OURS: ReadonlyArray<{ server: Server; label: string; short: string }> = [
  { server: 'sbnet', label: 'SB-NET gateway: median (min–max)', short: 'SB-NET' },
  { server: 'fetches', label: 'SB-NET, `shareInFlightReads: fetches`', short: 'fetches only' },
  { server: 'strict', label: 'SB-NET, `shareInFlightReads: false`', short: 'sharing off' },
];

export async function runFederation(options: FederationOptions): Promise<{ stats: Record<Server, GatewayStats>; text: string }> {
  const subgraphs = await startChild(join(__dirname, 'subgraphHost.js'), []);
  const children: Child[] = [subgraphs];
  try {
    const urls = subgraphs.firstLine;
    const env = { NODE_ENV: 'production' };
    const gateways = {} as Record<Server, Child>;
    for (const k of SERVERS) children.push((gateways[k] = await startChild(join(__dirname, 'gateways.js'), [KIND[k], urls], env)));
    const url = (k: Server) => gateways[k].firstLine.split(' ')[1];
    for (const k of SERVERS) await verify(url(k), k);
    const body = JSON.stringify({ query: FEDERATION_QUERY });
    const stats = Object.fromEntries(SERVERS.map((k) => [k, { rounds: [], rss: 0 }])) as unknown as Record<Server, GatewayStats>;
    const rounds = options.quick ? 1 : options.rounds;
    const durationS = options.quick ? 1 : options.durationS;
    // Warm up every server (JIT, pools, plan caches), then alternate the order of the rounds.
    for (const k of SERVERS) await load(url(k), body, { connections: options.connections, durationS: 1 });
    for (let r = 0; r < rounds; r++) {
      for (const k of r % 2 === 0 ? SERVERS : [...SERVERS].reverse()) {
        const pid = gateways[k].process.pid!;
        const before = cpuMs(pid);
        const result = await load(url(k), body, { connections: options.connections, durationS });
        const cpu = cpuMs(pid) - before;
        if (result.errors || result.non2xx) throw new Error(`${k}: ${result.errors} errors, ${result.non2xx} non-2xx under load`);
        stats[k].rounds.push({ ...result, cpuMsPerRequest: cpu / Math.max(1, result.requests) });
      }
    }
    for (const k of SERVERS) await verify(url(k), k);
    for (const k of SERVERS) stats[k].rss = peakRssMb(gateways[k].process.pid!);
    return { stats, text: report(stats, options, rounds, durationS) };
  } finally {
    for (const c of children) c.stop();
  }
}

async function verify(url: string, name: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: FEDERATION_QUERY }) });
  const body = (await res.json()) as { data?: unknown; errors?: unknown };
  if (body.errors || !isDeepStrictEqual(body.data, await expectedFederationAnswer())) {
    throw new Error(`${name} gateway returned a wrong answer: ${JSON.stringify(body).slice(0, 300)}`);
  }
}

function report(stats: Record<Server, GatewayStats>, options: FederationOptions, rounds: number, durationS: number): string {
  const m = (k: Server, f: keyof Round) => median(stats[k].rounds.map((r) => r[f] as number));
  const r = (k: Server, f: keyof Round) => range(stats[k].rounds.map((x) => x[f] as number));
  const cell = (k: Server, f: keyof Round) => `${m(k, f).toFixed(2)} (${r(k, f)})`;
  const toStock = (k: Server, f: keyof Round) => ratio(m(k, f), m('stock', f));
  const row = (label: string, f: keyof Round, better: 'higher' | 'lower') =>
    `| ${label} (${better} is better) | ${OURS.map((o) => cell(o.server, f)).join(' | ')} | ${cell('stock', f)} | ${OURS.map((o) => toStock(o.server, f)).join(' | ')} |`;
  const rss = (k: Server) => stats[k].rss.toFixed(0);
  return [
    `### Standard federation (4 subgraphs, ~25 KB answer, ${options.connections} connections, ${rounds} alternating rounds × ${durationS} s)`,
    '',
    `| metric | ${OURS.map((o) => o.label).join(' | ')} | stock Apollo Gateway | ${OURS.map((o) => `${o.short} ÷ stock`).join(' | ')} |`,
    `|---|${'---|'.repeat(OURS.length * 2 + 1)}`,
    row('requests/s', 'rps', 'higher'),
    row('latency p50 ms', 'p50', 'lower'),
    row('latency p99 ms', 'p99', 'lower'),
    row('gateway CPU ms / request', 'cpuMsPerRequest', 'lower'),
    `| peak RSS MB (lower is better) | ${OURS.map((o) => rss(o.server)).join(' | ')} | ${rss('stock')} | ${OURS.map((o) => ratio(stats[o.server].rss, stats.stock.rss)).join(' | ')} |`,
    '',
    'Every gateway returned the oracle\'s answer before and after the load. All 50 connections send the one benchmark query, so SB-NET\'s sharing of identical queries in flight (`gateway.shareInFlightReads`) carries most of its lead: by default one execution serves all of them; with `fetches`, each request runs its own plan, parse and result shaping, and only identical subgraph fetches in flight are shared (the cooperatives\' — here the four subgraphs\' — side of the lead); the sharing-off column is the planner, fetches and shaping alone.',
  ].join('\n');
}
