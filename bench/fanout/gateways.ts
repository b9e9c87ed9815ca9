/**
 * The two servers of the fan-out scenario, each its own process:
 *   node dist/bench/fanout/gateways.js sbnet|sbnet-strict|baseline|bare <cooperatives.json> [first]
 * (sbnet-strict: `shareInFlightReads: false`; bare: the bare fan-out, see bare.ts)
 * prints `ready <url>`. With `SBNET_BENCH_TIMELINE=<file>` it records the
 * timelines of labelled requests (timeline.ts) until SIGUSR2, which writes
 * them to that file and stops the recording (the loads that follow run
 * without it).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { silentLogger } from '../../core/log';
import { applyHeapGrowth } from '../../gateway/heapGrowth';
import { startGateway } from '../../gateway/server';
import type { HostedCoop } from '../coopHost';
import { testSupergraphConfig } from '../supergraphConfig';
import { startBaseline } from './baseline';
import { startBare } from './bare';
import { recordTimelines } from './timeline';

/** The environment variable naming the file `SIGUSR2` writes the recorded timelines to. */
export const TIMELINE_FILE_ENV = 'SBNET_BENCH_TIMELINE';

async function startSbnet(coops: HostedCoop[], shareInFlightReads: boolean): Promise<string> {
  const entries = coops.map((c) => ({ id: c.id, name: c.id, subgraphs: { marketplace: c.url } }));
  const config = testSupergraphConfig(entries);
  config.gateway.shareInFlightReads = shareInFlightReads;
  return (await startGateway({ config, port: 0, log: silentLogger })).url;
}

if (require.main === module) {
  // Exit on signals so `--cpu-prof` profiles are written.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));
  const [kind, file, first] = process.argv.slice(2);
  const timelineFile = process.env[TIMELINE_FILE_ENV];
  if (timelineFile) {
    const recorder = recordTimelines();
    // Written aside and renamed, so a reader never sees half a file.
    process.once('SIGUSR2', () => {
      recorder.stop();
      writeFileSync(`${timelineFile}.part`, JSON.stringify(recorder.take()));
      renameSync(`${timelineFile}.part`, timelineFile);
    });
  }
  // Like `sbnet gateway`: the heap grows to 1.5× of what is live, unless SBNET_HEAP_GROWING_PERCENT says otherwise.
  if (kind.startsWith('sbnet')) applyHeapGrowth();
  const coops = JSON.parse(readFileSync(file, 'utf8')) as HostedCoop[];
  const started = kind === 'baseline' ? startBaseline(coops) : kind === 'bare' ? startBare(coops, Number(first ?? 20)) : startSbnet(coops, kind !== 'sbnet-strict');
  started.then((url) => process.stdout.write(`ready ${url}\n`));
}
