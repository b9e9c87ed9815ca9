/** What a CLI command writes to and reads from; tests pass their own to capture output. */
export interface CommandIo {
  out(text: string): void;
  err(text: string): void;
  env: NodeJS.ProcessEnv;
  /** The folder relative paths are resolved against. */
  cwd: string;
}

export const processIo: CommandIo = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
};

/** A mistake in the command line: printed with the command's usage, exit code 2. */
export class CommandUsageError extends Error {
  constructor(message: string, readonly usage: string) {
    super(message);
    this.name = 'CommandUsageError';
  }
}

/** Exit codes: 0 done / fit, 1 the thing checked or asked for failed, 2 bad usage or configuration. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export function integerFlag(value: string | undefined, flag: string, usage: string, min = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new CommandUsageError(`${flag} must be a whole number ≥ ${min} (got "${value}")`, usage);
  return n;
}
