/**
 * The commands of the live registry and onboarding: `sbnet check`,
 * `sbnet coop …`, `sbnet init coop …`. Each parses its own flags and returns
 * its exit code; `runCommand` prints errors and exits with it.
 */
import { ConfigError } from '../../core/yamlConfig';
import { checkCommand, CHECK_USAGE } from './check';
import { AdminApiError, coopCommand, COOP_USAGE } from './coop';
import { initCommand, INIT_USAGE } from './init';
import { CommandUsageError, EXIT, processIo, type CommandIo } from './io';

const COMMANDS: Record<string, (argv: string[], io: CommandIo) => Promise<number>> = {
  check: checkCommand,
  coop: coopCommand,
  init: initCommand,
};

/** The usage lines these commands add to `sbnet --help`. */
export const COMMAND_USAGE = [CHECK_USAGE.split('\n')[0], ...COOP_USAGE.split('\n').slice(1, 7), INIT_USAGE.split('\n')[0]]
  .map((line) => `  ${line.replace(/^usage:\s*/, '').trim()}`)
  .join('\n');

export function isRegistryCommand(name: string | undefined): boolean {
  return name !== undefined && Object.hasOwn(COMMANDS, name);
}

/** Runs one command and returns its exit code (errors printed on the way). */
export async function runCommand(argv: string[], io: CommandIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  try {
    return await COMMANDS[name](rest, io);
  } catch (err) {
    if (err instanceof CommandUsageError) {
      io.err(`sbnet ${name}: ${err.message}\n${err.usage}\n`);
      return EXIT.usage;
    }
    if (err instanceof AdminApiError) {
      io.err(`sbnet ${name}: ${err.message}\n`);
      return EXIT.failed;
    }
    // A bad flag (node:util parseArgs) or a config file with file:line: said as is, exit 2.
    const known = err instanceof ConfigError || String((err as { code?: unknown })?.code ?? '').startsWith('ERR_PARSE_ARGS');
    io.err(`sbnet ${name}: ${known ? (err as Error).message : ((err as Error)?.stack ?? String(err))}\n`);
    return known ? EXIT.usage : EXIT.failed;
  }
}
