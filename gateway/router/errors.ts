/** GraphQL errors the tenant router adds to an answer, in their wire form. */
import type { GraphQLFormattedError } from 'graphql';
import { sbnetError, type ErrorCode } from '../../core/errors';

export type Path = ReadonlyArray<string | number>;

export function routerError(code: ErrorCode, path: Path, details: Record<string, unknown>, message?: string): GraphQLFormattedError {
  return sbnetError(code, { path, details, message }).toJSON();
}

export function unavailable(cooperativeId: string, reason: string, path: Path): GraphQLFormattedError {
  return routerError('COOPERATIVE_UNAVAILABLE', path, { cooperativeId, reason });
}

export function notFound(cooperativeId: string, path: Path): GraphQLFormattedError {
  return routerError('COOPERATIVE_NOT_FOUND', path, { cooperativeId });
}

/** An error from a cooperative's answer, tagged with the cooperative and given a path in the merged answer. */
export function fromCooperative(error: GraphQLFormattedError, cooperativeId: string, path: Path | undefined): GraphQLFormattedError {
  return {
    message: error.message,
    ...(path ? { path: [...path] } : {}),
    extensions: { ...error.extensions, cooperativeId },
  };
}

/** Our own thrown GraphQLErrors (bad input…) in wire form at `path`. */
export function toFormatted(err: unknown, path: Path): GraphQLFormattedError {
  const e = err as { message?: string; extensions?: Record<string, unknown> };
  return { message: e.message ?? String(err), path: [...path], extensions: { ...(e.extensions ?? { code: 'INTERNAL_SERVER_ERROR' }) } };
}
