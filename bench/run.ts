/**
 * `npm run bench`: the benchmark suite. Every number is a ratio against a
 * baseline run side by side in the same run (alternating rounds; medians and
 * min–max), because this machine is shared and noisy.
 *   npm run bench                  full run, results in bench/results/latest.md
 *   npm run bench -- --quick       smoke check: correctness only (CI)
 *   npm run bench -- --only federation|fanout   (results in bench/results/latest-<scenario>.md)
 *   npm run bench -- --latency-rounds 300       paired page 1 / page 10 rounds of the fan-out (default 40)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { projectPath } from '../core/paths';
import { runFederation } from './federation/scenario';
import { runFanout } from './fanout/scenario';

/** A bad command line: said in one line, without a stack. */
class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean' }, only: { type: 'string' }, rounds: { type: 'string' }, duration: { type: 'string' }, 'latency-rounds': { type: 'string' } },
  });
  const quick = Boolean(values.quick);
  if (values.only !== undefined && values.only !== 'federation' && values.only !== 'fanout') throw new UsageError(`--only takes federation or fanout, not ${JSON.stringify(values.only)}`);
  const rounds = Number(values.rounds ?? 3);
  const durationS = Number(values.duration ?? 8);
  const latencyRounds = Number(values['latency-rounds'] ?? 40);
  for (const [name, value] of [['--rounds', rounds], ['--duration', durationS], ['--latency-rounds', latencyRounds]] as const) {
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${name} takes a whole number ≥ 1`);
  }
  const sections: string[] = [`# SB-NET benchmark results`, '', `Run ${new Date().toISOString()} on ${process.version}, ${require('node:os').cpus().length} cores${quick ? ' (quick: correctness only, numbers not meaningful)' : ''}.`, ''];
  if (!values.only || values.only === 'federation') {
    const fed = await runFederation({ rounds, durationS, connections: 50, quick });
    sections.push(fed.text, '');
    process.stdout.write(`${fed.text}\n\n`);
  }
  if (!values.only || values.only === 'fanout') {
    const fan = await runFanout({ quick, rounds, durationS, latencyRounds });
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
  if (err instanceof UsageError) {
    process.stderr.write(`bench: ${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(`bench failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
