/**
 * The one place adapter calls go through. Errors an adapter raises on purpose
 * (a `GraphQLError`, e.g. `BAD_USER_INPUT` for an unknown order) keep their
 * extensions; anything else means the legacy system failed and becomes
 * `COOPERATIVE_UNAVAILABLE` naming the cooperative, with a one-line reason
 * and never a stack trace (the full error goes to the log).
 */
import { GraphQLError } from 'graphql';
import { sbnetError } from '../../core/errors';
import type { Logger } from '../../core/log';

export interface AdapterScope {
  cooperativeId: string;
  log: Logger;
}

const MAX_REASON = 200;

/** A short, single-line reason for an unexpected adapter failure. */
export function failureReason(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'adapter failed';
  const firstLine = (raw.split('\n')[0] ?? '').trim() || 'adapter failed';
  return firstLine.length > MAX_REASON ? `${firstLine.slice(0, MAX_REASON - 1)}…` : firstLine;
}

/** Maps whatever an adapter threw to the error the client sees. */
export function toClientError(scope: AdapterScope, operation: string, error: unknown): GraphQLError {
  if (error instanceof GraphQLError) {
    if (error.extensions.code === 'COOPERATIVE_UNAVAILABLE' && error.extensions.cooperativeId === undefined) {
      return new GraphQLError(error.message, { extensions: { ...error.extensions, cooperativeId: scope.cooperativeId } });
    }
    return error;
  }
  const reason = failureReason(error);
  scope.log.error({ err: error, cooperativeId: scope.cooperativeId, operation }, 'adapter call failed');
  return sbnetError('COOPERATIVE_UNAVAILABLE', { details: { cooperativeId: scope.cooperativeId, reason } });
}

/** Runs one adapter call, mapping its failure with `toClientError`. */
export async function callAdapter<T>(scope: AdapterScope, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw toClientError(scope, operation, error);
  }
}
