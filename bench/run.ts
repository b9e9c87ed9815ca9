/**
 * `npm run bench`: the benchmark suite. Every number is a ratio against a
 * baseline run side by side in the same run (alternating rounds; medians and
 * min–max), because this machine is shared and noisy.
 *   npm run bench                  full run, results in bench/results/latest.md
 *   npm run bench -- --quick       smoke check: correctness only (CI)
 *   npm run bench -- --only federation|fanout   (results in bench/results/latest-<scenario>.md)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { projectPath } from '../core/paths';
import { runFederation } from './federation/scenario';
import { runFanout } from './fanout/scenario';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, only: { type: 'string' }, rounds: { type: 'string' }, duration: { type: 'string' } },
  });
  const quick = Boolean(values.quick);
  const rounds = Number(values.rounds ?? 3);
  const durationS = Number(values.duration ?? 8);
  const sections: string[] = [`# SB-NET benchmark results`, '', `Run ${new Date().toISOString()} on ${process.version}, ${require('node:os').cpus().length} cores${quick ? ' (quick: correctness only, numbers not meaningful)' : ''}.`, ''];
  if (!values.only || values.only === 'federation') {
    const fed = await runFederation({ rounds, durationS, connections: 50, quick });
    sections.push(fed.text, '');
    process.stdout.write(`${fed.text}\n\n`);
  }
  if (!values.only || values.only === 'fanout') {
    const fan = await runFanout({ quick, rounds, durationS });
    sections.push(fan.text, '');
    process.stdout.write(`${fan.text}\n\n`);
  }
  const dir = projectPath('bench', 'results');
  mkdirSync(dir, { recursive: true });
  // A partial run (--only) never overwrites the full results.
  const file = `${dir}/${quick ? 'quick' : 'latest'}${values.only ? `-${values.only}` : ''}.md`;
  writeFileSync(file, `${sections.join('\n')}\n`);
  process.stdout.write(`results written to ${file}\n`);
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
