/**
 * Structured logs (pino) on stderr: stdout is reserved for the one
 * `ready <name> <url>` line servers print, which scripts wait for.
 */
import pino, { type Logger } from 'pino';

export type { Logger };

export function createLogger(name: string, level: string = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({ name, level, base: { name } }, pino.destination({ fd: 2, sync: false }));
}

/** A logger that drops everything (tests that assert on reports pass their own). */
export const silentLogger: Logger = pino({ level: 'silent' });
