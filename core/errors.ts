import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * The one registry of SB-NET error codes (DESIGN.md §3 "Errors").
 * Every error the gateway, a subgraph or an adapter raises on purpose carries one
 * of these in `extensions.code`; per-cooperative errors also carry
 * `extensions.cooperativeId`. `httpStatus` is used when an error ends a whole
 * HTTP request (before execution); inside a GraphQL answer the status stays 200.
 */
export const ERROR_CODES = {
  COOPERATIVE_UNAVAILABLE: { httpStatus: 200, message: 'Cooperative {cooperativeId} is unavailable: {reason}' },
  COOPERATIVE_NOT_FOUND: { httpStatus: 200, message: 'No cooperative {cooperativeId} in the registry' },
  BAD_USER_INPUT: { httpStatus: 400, message: '{reason}' },
  CROSS_COOPERATIVE_ORDER: { httpStatus: 200, message: 'An order may only contain products of one cooperative (got {cooperatives})' },
  IDEMPOTENCY_CONFLICT: { httpStatus: 200, message: 'Idempotency key {key} was already used with a different input' },
  UNAUTHENTICATED: { httpStatus: 401, message: '{reason}' },
  FORBIDDEN: { httpStatus: 403, message: '{reason}' },
  QUERY_TOO_COMPLEX: { httpStatus: 400, message: 'Query cost {cost} exceeds the limit {limit}' },
  RATE_LIMITED: { httpStatus: 429, message: 'Rate limit exceeded, retry after {retryAfter} s' },
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export type ErrorDetails = Record<string, unknown>;

/** Fills `{name}` placeholders of a code's message template from `details`. */
export function formatMessage(code: ErrorCode, details: ErrorDetails): string {
  return ERROR_CODES[code].message.replace(/\{(\w+)\}/g, (_m, name: string) =>
    name in details ? String(details[name]) : `{${name}}`,
  );
}

export interface SbnetErrorOptions {
  /** Overrides the code's message template. */
  message?: string;
  path?: ReadonlyArray<string | number>;
  /** Extra `extensions` (e.g. cooperativeId); details named in the template also fill it. */
  details?: ErrorDetails;
}

/** Builds the GraphQLError for a registered code. */
export function sbnetError(code: ErrorCode, options: SbnetErrorOptions = {}): GraphQLError {
  const details = options.details ?? {};
  const message = options.message ?? formatMessage(code, details);
  return new GraphQLError(message, {
    path: options.path,
    extensions: { ...details, code },
  });
}

/** A `BAD_USER_INPUT` error with a human message. */
export function badInput(reason: string, details: ErrorDetails = {}): GraphQLError {
  return sbnetError('BAD_USER_INPUT', { message: reason, details });
}

/** The code of an error if it is one of ours, else undefined. */
export function codeOf(error: { extensions?: Record<string, unknown> } | undefined): ErrorCode | undefined {
  const code = error?.extensions?.code;
  return typeof code === 'string' && code in ERROR_CODES ? (code as ErrorCode) : undefined;
}

/**
 * Apollo Server settings for every SB-NET server (gateway, role subgraphs,
 * network subgraph): no answer carries a stack trace. Apollo adds
 * `extensions.stacktrace` (file paths, library versions, call chains) to every
 * error unless NODE_ENV is `production` or `test`, so a server started
 * without NODE_ENV would hand it to any client; and the gateway passes on a
 * cooperative's error extensions, so a cooperative's own subgraph running in
 * development mode would leak its stack traces through the gateway too.
 */
export const PUBLIC_ERRORS = {
  includeStacktraceInErrorResponses: false,
  formatError: withoutStacktrace,
} as const;

/** An error as sent, minus any `extensions.stacktrace` (also one a cooperative sent). */
export function withoutStacktrace(formatted: GraphQLFormattedError): GraphQLFormattedError {
  if (!formatted.extensions || !('stacktrace' in formatted.extensions)) return formatted;
  const { stacktrace: _dropped, ...extensions } = formatted.extensions;
  return { ...formatted, extensions };
}
