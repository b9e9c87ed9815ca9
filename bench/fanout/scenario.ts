/**
 * Scenario 2, cooperative fan-out: N synthetic cooperatives (lightweight
 * subgraphs in a few processes, each with its own latency) behind this
 * project's gateway and behind the hand-written baseline, checked against an
 * oracle first; then latency of page 1 and page 10, throughput, subgraph
 * calls per request, gateway RSS, and a 1,000-representation `_entities` fetch.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import { compareRows } from '../../core/order';
import { Registry } from '../../core/registry';
import { bindingOf, CursorCodec } from '../../gateway/router/cursor';
import { TenantGroupDataSource } from '../../gateway/router/dataSource';
import { LatencyEstimates } from '../../gateway/router/dispatch';
import { HttpSender } from '../../gateway/router/send';
import { marketplaceRouting } from '../../subgraphs/marketplace/routing';
import { startHosts, type Hosts } from '../hosts';
import { load } from '../load';
import { fixed, median, quantile, range, ratio, signTestP } from '../stats';
import { cpuMs, peakRssMb, rssMb, startChild, type Child } from '../proc';
import { testSupergraphConfig } from '../supergraphConfig';
import { syntheticData } from '../syntheticCoops';
import { TIMELINE_FILE_ENV } from './gateways';
import { summarizeTimelines, TIMELINE_HEADER, type RequestTimeline } from './timeline';

export interface FanoutOptions {
  quick: boolean;
  rounds: number;
  durationS: number;
  /** Single-request rounds: each is page 1 and page 10 (in alternating order) of the bare fan-out, SB-NET and the baseline. */
  latencyRounds: number;
}

const FIRST = 20;
/** `settled`: how long the hosts must serve no call, and under how much CPU all processes together must stay meanwhile. */
const SETTLE_INTERVAL_MS = 300;
const IDLE_CPU_MS = 30;
const SETTLE_MAX_MS = 30_000;
/** The gateway with V8's own heap growth instead of `sbnet gateway`'s (gateway/heapGrowth.ts). */
const V8_HEAP_GROWTH = { SBNET_HEAP_GROWING_PERCENT: 'off' };
/** The gateway with a young generation twice V8's default (16 MB semi-spaces): fewer in-flight answers survive into the old generation. */
const LARGER_YOUNG_GENERATION = { NODE_OPTIONS: '--max-semi-space-size=32' };
/** The client's query of every fan-out measurement (page after `$after`). */
export const FANOUT_QUERY = `query($after: String) { products(first: ${FIRST}, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name price { amount } } } } }`;

type Page = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: Array<{ cursor: string; node: { id: string } }> };

/**
 * Waits until no cooperative call is still being served and every process is
 * idle: a server may finish fan-outs after its load generator stopped, and the
 * baseline, backlogged by seconds under load, can sort for longer than one
 * quiet interval before it starts its next queued fan-out.
 */
async function settled(hosts: Hosts, servers: readonly Child[]): Promise<void> {
  const pids = [...hosts.pids, ...servers.map((s) => s.process.pid!)];
  const busyMs = () => pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
  let last = { calls: await hosts.calls(), cpu: busyMs() };
  // Bounded: a machine that never goes quiet still gets measured (no load of ours runs this long after its end).
  for (const deadline = performance.now() + SETTLE_MAX_MS; performance.now() < deadline; ) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_INTERVAL_MS));
    const now = { calls: await hosts.calls(), cpu: busyMs() };
    if (now.calls === last.calls && now.cpu - last.cpu < IDLE_CPU_MS) return;
    last = now;
  }
}

/** A request's timeline label (timeline.ts) as a header, when it has one. */
function labelled(label: string | undefined): Record<string, string> {
  return label ? { [TIMELINE_HEADER]: label } : {};
}

/** One bare fan-out (see bare.ts), failing on anything but success. */
async function bareRequest(url: string, label?: string): Promise<void> {
  const res = await fetch(url, { method: 'POST', body: '{}', headers: labelled(label) });
  if (!res.ok) throw new Error(`bare fan-out: ${await res.text()}`);
}

async function page(url: string, after: string | null, label?: string): Promise<Page> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...labelled(label) }, body: JSON.stringify({ query: FANOUT_QUERY, variables: { after } }) });
  const body = (await res.json()) as { data?: { products: Page }; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`error answer: ${JSON.stringify(body.errors).slice(0, 300)}`);
  return body.data.products;
}

/** Every cooperative's rows in the one order (name by code point, ties by id). */
function oracleIds(hosts: Hosts, products: number): string[] {
  return hosts.coops
    .flatMap((c, i) => syntheticData(Number(c.id.slice(4)) + 1, products).products.map((p) => ({ key: p.name.normalize('NFC'), id: `${c.id}:${p.localId}` })))
    .sort((a, b) => compareRows(a, b, 'ASC'))
    .map((r) => r.id);
}

export async function runFanout(options: FanoutOptions): Promise<{ text: string }> {
  const coopCount = options.quick ? 12 : 200;
  const products = options.quick ? 200 : 2000;
  const latency: [number, number] = options.quick ? [0, 5] : [20, 80];
  const hosts = await startHosts(coopCount, options.quick ? 2 : 4, products, latency);
  const children: Child[] = [];
  try {
    const file = join(mkdtempSync(join(tmpdir(), 'sbnet-fanout-')), 'coops.json');
    writeFileSync(file, JSON.stringify(hosts.coops));
    const script = join(__dirname, 'gateways.js');
    /** Where the gateway and the bare fan-out write the timelines of the latency rounds' requests (timeline.ts). */
    const timelineFile = { sbnet: join(dirname(file), 'sbnet-timeline.json'), bare: join(dirname(file), 'bare-timeline.json') };
    const sbnet = await startChild(script, ['sbnet', file], { NODE_ENV: 'production', [TIMELINE_FILE_ENV]: timelineFile.sbnet });
    children.push(sbnet);
    const baseline = await startChild(script, ['baseline', file], { NODE_ENV: 'production' });
    children.push(baseline);
    const bare = await startChild(script, ['bare', file, String(FIRST)], { NODE_ENV: 'production', [TIMELINE_FILE_ENV]: timelineFile.bare });
    children.push(bare);
    const bareUrl = bare.firstLine.split(' ')[1];
    const url = { sbnet: sbnet.firstLine.split(' ')[1], baseline: baseline.firstLine.split(' ')[1] };

    // Correctness: pages 1–10 of both against the oracle.
    const oracle = oracleIds(hosts, products);
    let after: string | null = null;
    /** The `after` of pages 1–10 on each server (SB-NET's opaque cursors, the baseline's offsets). */
    const afters: { sbnet: Array<string | null>; baseline: Array<string | null> } = { sbnet: [], baseline: [] };
    for (let p = 0; p < 10; p++) {
      afters.sbnet.push(after);
      afters.baseline.push(p ? String(p * FIRST) : null);
      const mine: Page = await page(url.sbnet, after);
      const theirs = await page(url.baseline, p ? String(p * FIRST) : null);
      const expected = oracle.slice(p * FIRST, (p + 1) * FIRST);
      for (const [name, got] of [['sbnet', mine], ['baseline', theirs]] as const) {
        if (!isDeepStrictEqual(got.edges.map((e) => e.node.id), expected) || got.totalCount !== oracle.length) throw new Error(`${name} page ${p + 1} differs from the oracle`);
      }
      if (p < 9) after = mine.pageInfo.endCursor;
    }
    const page10 = { sbnet: after, baseline: String(9 * FIRST) };
    const slowest = Math.max(...hosts.coops.map((c) => c.latencyMs));
    const lines = [`### Cooperative fan-out (${coopCount} cooperatives × ${products} products, latency ${latency[0]}–${latency[1]} ms each, slowest ${slowest} ms; first ${FIRST})`, ''];
    lines.push('Both servers returned the oracle\'s pages 1–10 (every cooperative\'s rows sorted by name, ties by id).', '');
    // Page 10's floor: the bare fan-out asks each cooperative for what the gateway asks on page 10 (the positions in its cursor).
    const positions = new CursorCodec(testSupergraphConfig([]).gateway.cursorSecret!).decode(page10.sbnet!, bindingOf('products', {})).positions;
    const resume = await fetch(`${bareUrl}resume`, { method: 'PUT', body: JSON.stringify(positions) });
    const resuming = ((await resume.json()) as { resuming?: number }).resuming;
    if (!resume.ok || !resuming || resuming !== Object.keys(positions).length) throw new Error(`bare fan-out: resumes ${resuming} cooperatives of page 10's ${Object.keys(positions).length}`);
    for (const path of ['', 'resume']) await bareRequest(bareUrl + path);
    if (options.quick) return { text: lines.join('\n') };

    // Latency of single requests (no concurrency), alternating servers and pages,
    // each after a short idle gap so the previous request's leftover work (the
    // baseline's page 10 keeps the hosts collecting garbage) does not land in it.
    // Page 1 and page 10 swap places every round, so neither always follows the
    // same request, and each round's pair gives one page 10 − page 1 difference.
    type Measured = 'bare' | 'sbnet' | 'baseline';
    const request: Record<Measured, (which: 'page1' | 'page10') => Promise<unknown>> = {
      bare: (which) => bareRequest(which === 'page1' ? bareUrl : `${bareUrl}resume`, which),
      sbnet: (which) => page(url.sbnet, which === 'page1' ? null : page10.sbnet, which),
      baseline: (which) => page(url.baseline, which === 'page1' ? null : page10.baseline),
    };
    const lat: Record<string, number[]> = {};
    const callsPer: Record<string, number[]> = {};
    const deeper: Record<Measured, number[]> = { bare: [], sbnet: [], baseline: [] };
    const idle = () => new Promise((resolve) => setTimeout(resolve, 30));
    for (let i = 0; i < options.latencyRounds; i++) {
      for (const server of ['bare', 'sbnet', 'baseline'] as const) {
        const took = { page1: 0, page10: 0 };
        for (const which of i % 2 ? (['page10', 'page1'] as const) : (['page1', 'page10'] as const)) {
          const before = await hosts.calls();
          await idle();
          const t = performance.now();
          await request[server](which);
          took[which] = performance.now() - t;
          (lat[`${server} ${which}`] ??= []).push(took[which]);
          (callsPer[`${server} ${which}`] ??= []).push((await hosts.calls()) - before);
        }
        deeper[server].push(took.page10 - took.page1);
      }
    }
    const floorP50 = { page1: median(lat['bare page1']), page10: median(lat['bare page10']) };
    lines.push('| request | p50 ms | p99 ms | p50 − slowest cooperative | p50 − bare fan-out of the same page | subgraph calls / request |', '|---|---|---|---|---|---|');
    for (const key of Object.keys(lat)) {
      const p50 = median(lat[key]);
      const label = key.startsWith('bare ') ? `${key} (floor)` : key;
      lines.push(`| ${label} | ${p50.toFixed(1)} | ${quantile(lat[key], 0.99).toFixed(1)} | ${(p50 - slowest).toFixed(1)} | ${(p50 - floorP50[key.endsWith('page1') ? 'page1' : 'page10']).toFixed(1)} | ${median(callsPer[key])} |`);
    }
    // What the gateway's page 10 adds over its page 1 beyond what the floor's page 10 adds over its own, round by round.
    const beyondFloor = deeper.sbnet.map((d, i) => d - deeper.bare[i]);
    const differences = (d: number[]) =>
      `${median(d).toFixed(2)} (${quantile(d, 0.25).toFixed(2)} to ${quantile(d, 0.75).toFixed(2)}) | ${d.filter((x) => x <= 0).length} of ${d.length} | ${signTestP(d).toFixed(2)}`;
    lines.push(
      '',
      '| server | page 10 − page 1, same round: median ms (quartiles) | rounds page 10 took no longer | sign test: chance of page 10 taking longer this often if it were no slower |',
      '|---|---|---|---|',
      ...(['bare', 'sbnet', 'baseline'] as const).map((s) => `| ${s === 'bare' ? 'bare fan-out (floor)' : s} | ${differences(deeper[s])} |`),
      `| sbnet beyond the floor (sbnet's difference − the floor's, same round) | ${differences(beyondFloor)} |`,
    );
    lines.push(
      '',
      `The bare fan-out is the floor on this machine: a server in its own process that, for every request, asks every cooperative at once for what the gateway asks it for on that page (page 10: after the position SB-NET's page-10 cursor holds for it) with a plain node:http client (slowest first, in waves of 16, as the gateway sends), reads the answers and merges nothing. Every request starts after 30 ms idle; page 1 and page 10 swap places every round, and "page 10 − page 1" is the median of each round's difference. The ${hosts.coops.length} simulated cooperatives share the gateway's two cores, so their answers arrive later than their configured latency, and a cooperative's work on one call (page 10: reading its cursor and seeking) delays the calls queued behind it in the same process, which real cooperatives, each on its own machine, do not; "p50 − bare fan-out" is what the gateway itself adds.`,
    );

    lines.push('', ...timelineTable({ bare: await timelinesOf(bare, timelineFile.bare), sbnet: await timelinesOf(sbnet, timelineFile.sbnet) }));

    // Memory with every cooperative registered and called (pages 1–10 walked, 100 pages served), before concurrent load.
    const servingRss = { sbnet: rssMb(sbnet.process.pid!), baseline: rssMb(baseline.process.pid!) };

    // Throughput under concurrent load, alternating rounds; SB-NET also without sharing identical reads in flight.
    const strict = await startChild(script, ['sbnet-strict', file], { NODE_ENV: 'production' });
    children.push(strict);
    // The same gateway with V8's own heap growth (up to 4× of what survives a major collection), for the memory/CPU trade-off.
    const v8growth = await startChild(script, ['sbnet', file], { NODE_ENV: 'production', ...V8_HEAP_GROWTH });
    children.push(v8growth);
    const young = await startChild(script, ['sbnet', file], { NODE_ENV: 'production', ...LARGER_YOUNG_GENERATION });
    children.push(young);
    const servers = { sbnet, v8growth, young, strict, baseline } as const;
    type Server = keyof typeof servers;
    const urlOf: Record<Server, string> = { ...url, strict: strict.firstLine.split(' ')[1], v8growth: v8growth.firstLine.split(' ')[1], young: young.firstLine.split(' ')[1] };
    // Warm like the others were by the latency runs, and check their pages 1–10 (with the first SB-NET's cursors: same secret).
    for (const server of ['strict', 'v8growth', 'young'] as const) {
      for (let i = 0; i < 10; i++) {
        const got = await page(urlOf[server], afters.sbnet[i]);
        if (!isDeepStrictEqual(got.edges.map((e) => e.node.id), oracle.slice(i * FIRST, (i + 1) * FIRST))) throw new Error(`${server} page ${i + 1} differs from the oracle`);
      }
    }
    const order: Server[] = ['sbnet', 'v8growth', 'young', 'strict', 'baseline'];
    const hostsCpuMs = () => hosts.pids.reduce((sum, pid) => sum + cpuMs(pid), 0);
    const bodyOf = (after: string | null) => JSON.stringify({ query: FANOUT_QUERY, variables: { after } });
    type Workload = { label: string; bodies: (s: Server) => string | string[]; servers: readonly Server[] };
    const workloads: Record<'page1' | 'page10' | 'mixed', Workload> = {
      page1: { label: 'all 16 connections on page 1', bodies: () => bodyOf(null), servers: order },
      // Page 10 against page 1 under load, for the gateway with and without sharing (the GC settings change nothing here).
      page10: { label: 'all 16 connections on page 10', bodies: (s) => bodyOf(page10[s === 'baseline' ? 'baseline' : 'sbnet']), servers: ['sbnet', 'strict', 'baseline'] },
      mixed: { label: 'pages 1–10 in equal shares', bodies: (s) => afters[s === 'baseline' ? 'baseline' : 'sbnet'].map(bodyOf), servers: order },
    };
    /** Per workload and server: median requests/s and CPU ms per request. */
    const loaded: Partial<Record<keyof typeof workloads, Partial<Record<Server, { rps: number; cpu: number }>>>> = {};
    const label: Record<Server, string> = {
      sbnet: 'SB-NET gateway',
      v8growth: 'SB-NET, `SBNET_HEAP_GROWING_PERCENT=off` (V8\'s heap growth)',
      young: 'SB-NET, `NODE_OPTIONS=--max-semi-space-size=32` (twice V8\'s young generation)',
      strict: 'SB-NET, `shareInFlightReads: false`',
      baseline: 'baseline (Promise.all + sort)',
    };
    lines.push(
      '',
      '| load (16 connections) | server | requests/s: median (min–max) | ratio to baseline | CPU ms / request | cooperative calls started / request completed | cooperative hosts\' CPU ms / request |',
      '|---|---|---|---|---|---|---|',
    );
    for (const [name, workload] of Object.entries(workloads) as Array<[keyof typeof workloads, Workload]>) {
      const stats = { rps: {} as Record<Server, number[]>, cpu: {} as Record<Server, number[]>, hostCpu: {} as Record<Server, number[]>, calls: {} as Record<Server, number[]> };
      for (const s of workload.servers) for (const k of Object.values(stats)) k[s] = [];
      for (let r = 0; r < options.rounds; r++) {
        for (const server of r % 2 ? [...workload.servers].reverse() : workload.servers) {
          await settled(hosts, children);
          const pid = servers[server].process.pid!;
          const before = cpuMs(pid);
          const hostsBefore = hostsCpuMs();
          const callsBefore = await hosts.calls();
          const result = await load(urlOf[server], workload.bodies(server), { connections: 16, durationS: options.durationS });
          if (result.errors || result.non2xx) throw new Error(`${server}: errors under load`);
          stats.rps[server].push(result.rps);
          // A load too short for a slow server (the baseline's page 10) may complete no request: nothing to divide by.
          if (!result.requests) continue;
          stats.cpu[server].push((cpuMs(pid) - before) / result.requests);
          stats.hostCpu[server].push((hostsCpuMs() - hostsBefore) / result.requests);
          stats.calls[server].push(((await hosts.calls()) - callsBefore) / result.requests);
        }
      }
      for (const s of workload.servers) {
        (loaded[name] ??= {})[s] = { rps: median(stats.rps[s]), cpu: median(stats.cpu[s]) };
        lines.push(
          `| ${workload.label} | ${label[s]} | ${median(stats.rps[s]).toFixed(1)} (${range(stats.rps[s])}) | ${ratio(median(stats.rps[s]), median(stats.rps.baseline))} | ${fixed(median(stats.cpu[s]), 2)} | ${fixed(median(stats.calls[s]), 1)} | ${fixed(median(stats.hostCpu[s]), 1)} |`,
        );
      }
    }
    // Page 10's cost against page 1's for the same server under the same load.
    const deepVsFirst = (s: Server) => {
      const [p1, p10] = [loaded.page1?.[s], loaded.page10?.[s]];
      return p1 && p10 ? `${ratio(p10.rps, p1.rps)} the requests/s at ${ratio(p10.cpu, p1.cpu)} the CPU per request` : 'not measured';
    };
    lines.push(
      '',
      `Page 10 against page 1 under load (the same server, every connection on that page): SB-NET ${deepVsFirst('sbnet')}; without sharing reads in flight (every request its own 200 calls) ${deepVsFirst('strict')}; the baseline ${deepVsFirst('baseline')}.`,
    );
    lines.push(
      '',
      '| server | RSS MB serving one request at a time (200 cooperatives registered) | peak RSS MB (after the loads) |',
      '|---|---|---|',
      ...order.map((s) => `| ${label[s]} | ${s === 'sbnet' || s === 'baseline' ? servingRss[s].toFixed(0) : ''} | ${peakRssMb(servers[s].process.pid!).toFixed(0)} |`),
      '',
      'On page 1 under load, SB-NET shares identical reads in flight — whole tenant-group fetches and single cooperative calls — so most requests are answered by a fan-out already under way; the `shareInFlightReads: false` rows are the fan-out machinery alone (every request calls all 200 cooperatives). The gateway lets its heap grow to 1.5× of what survives each major collection (the default of `sbnet gateway`); the `SBNET_HEAP_GROWING_PERCENT=off` rows are the same gateway with V8\'s own growth, up to 4× under Node\'s default heap limit (~4 GB here): less garbage collection, more memory. The `--max-semi-space-size=32` rows double V8\'s young generation (two 16 MB semi-spaces by default), so the answers of fan-outs still in flight die there instead of being copied into the old generation: also less garbage collection for more memory. The page-10 load has every request on page 10 (SB-NET\'s cursor, the baseline\'s offset 180); the mixed load has requests for pages 1–10 in turn, as users paging through results: the baseline pulls `offset + 20` rows from every cooperative for each of them. Single requests (the latency table) always call each cooperative once.',
    );
    await settled(hosts, children);
    lines.push('', await measureEntities(hosts));
    return { text: lines.join('\n') };
  } finally {
    for (const c of children) c.stop();
    await hosts.close();
  }
}

/** The timelines a server recorded so far (it writes them to `file` on SIGUSR2). */
async function timelinesOf(server: Child, file: string): Promise<RequestTimeline[]> {
  server.process.kill('SIGUSR2');
  for (const deadline = performance.now() + 10_000; performance.now() < deadline; ) {
    if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RequestTimeline[];
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no request timelines in ${file} 10 s after SIGUSR2`);
}

/** The latency rounds' requests inside each server, page by page: medians in ms after the request arrived. */
function timelineTable(timelines: Record<'bare' | 'sbnet', readonly RequestTimeline[]>): string[] {
  const rows: string[] = [];
  for (const which of ['page1', 'page10']) {
    for (const server of ['bare', 'sbnet'] as const) {
      const s = summarizeTimelines(timelines[server]).get(which);
      if (!s) throw new Error(`${server} recorded no ${which} timeline`);
      const name = server === 'bare' ? 'bare fan-out (floor)' : 'sbnet';
      rows.push(`| ${name} ${which} | ${s.firstWritten.toFixed(1)} | ${s.lastWritten.toFixed(1)} | ${s.lastAnswer.toFixed(1)} | ${s.answered.toFixed(1)} | ${s.afterLastAnswer.toFixed(1)} | ${s.requests} |`);
    }
  }
  return [
    '| request, inside the server (median ms after it arrived) | first cooperative request written | last written | last answer read | response written | response − last answer | requests |',
    '|---|---|---|---|---|---|---|',
    ...rows,
    '',
    'Each server marks its own milestones with node:http\'s diagnostics channels (bench/fanout/timeline.ts; no profiler). The bare fan-out does no work of its own between them, so the gateway\'s later first request is its request pipeline (Apollo, planning, the router\'s preparation), its later last answer is the answers it reads while others wait in the socket buffers, and its "response − last answer" is the merge, the cursors and the result shaping.',
  ];
}

/**
 * One `_entities` fetch of 1,000 representations spread over every
 * cooperative, through the tenant router set up as the gateway sets it up
 * (answer times observed, so the slowest cooperatives are called first).
 */
async function measureEntities(hosts: Hosts): Promise<string> {
  const registry = new Registry(hosts.coops.map((c) => ({ id: c.id, name: c.id, subgraphs: { marketplace: c.url } })));
  const sender = new HttpSender();
  const latency = new LatencyEstimates();
  sender.onCall(latency.record);
  const ds = new TenantGroupDataSource({ role: 'marketplace', registry, sender, codec: new CursorCodec('bench'), defaultDeadlineMs: 5000, latency }, marketplaceRouting);
  const reps = Array.from({ length: 1000 }, (_, i) => ({ __typename: 'Product', id: `${hosts.coops[(i * 37) % hosts.coops.length].id}:P-${String(i).padStart(6, '0')}` }));
  const query = 'query($representations:[_Any!]!){_entities(representations:$representations){...on Product{id name price{amount}}}}';
  const fetchAll = () => ds.process({ kind: GraphQLDataSourceRequestKind.HEALTH_CHECK, context: {}, request: { query, variables: { representations: reps } } });
  // Warm-up: connections, JIT, and the answer times the order is taken from.
  for (let i = 0; i < 5; i++) await fetchAll();
  const times: number[] = [];
  /** Cooperative calls the hosts served during each fetch (a stray call of another server, if any, shows in one sample only). */
  const calls: number[] = [];
  for (let i = 0; i < 15; i++) {
    await new Promise((resolve) => setTimeout(resolve, 30));
    const before = await hosts.calls();
    const t = performance.now();
    const res = await fetchAll();
    times.push(performance.now() - t);
    calls.push((await hosts.calls()) - before);
    const list = res.data?._entities as Array<{ id: string } | null>;
    if (res.errors || list.some((e, j) => e?.id !== reps[j].id)) throw new Error('_entities answer wrong');
  }
  await sender.close();
  const distinct = new Set(reps.map((r) => r.id.split(':')[0])).size;
  return `1,000-representation \`_entities\` over ${distinct} cooperatives: median ${median(times).toFixed(1)} ms (${range(times)}), ${median(calls)} subgraph calls per fetch (median; one per cooperative).`;
}
