/**
 * The two servers of the fan-out scenario, each its own process:
 *   node dist/bench/fanout/gateways.js sbnet|sbnet-strict|baseline|bare <cooperatives.json> [first]
 * (sbnet-strict: `shareInFlightReads: false`; bare: the bare fan-out, see bare.ts)
 * prints `ready <url>`.
 */
import { readFileSync } from 'node:fs';
import { silentLogger } from '../../core/log';
import { applyHeapGrowth } from '../../gateway/heapGrowth';
import { startGateway } from '../../gateway/server';
import type { HostedCoop } from '../coopHost';
import { testSupergraphConfig } from '../supergraphConfig';
import { startBaseline } from './baseline';
import { startBare } from './bare';

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
  // Like `sbnet gateway`: the heap grows to 1.5× of what is live, unless SBNET_HEAP_GROWING_PERCENT says otherwise.
  if (kind.startsWith('sbnet')) applyHeapGrowth();
  const coops = JSON.parse(readFileSync(file, 'utf8')) as HostedCoop[];
  const started = kind === 'baseline' ? startBaseline(coops) : kind === 'bare' ? startBare(coops, Number(first ?? 20)) : startSbnet(coops, kind !== 'sbnet-strict');
  started.then((url) => process.stdout.write(`ready ${url}\n`));
}
