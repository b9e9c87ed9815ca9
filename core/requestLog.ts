/**
 * Request ids and one log line per GraphQL request, for every SB-NET server
 * (gateway and subgraphs): the id comes from `x-request-id` or is generated,
 * is put back on the request (so the gateway forwards it to subgraphs) and on
 * the response, and is the `reqId` of the request's log line. A subgraph
 * logs the id the gateway sent, so one id follows a request across processes.
 * An unexpected error (no code, or INTERNAL_SERVER_ERROR) is logged with its
 * stack: answers never carry one (core/errors.ts `PUBLIC_ERRORS`).
 */
import { randomUUID } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './log';

export const REQUEST_ID_HEADER = 'x-request-id';

/** What an incoming id may look like (anything else is replaced: ids end up in logs and headers). */
const REQUEST_ID_PATTERN = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function acceptRequestId(value: string | undefined | null): string {
  return value && REQUEST_ID_PATTERN.test(value) ? value : randomUUID();
}

export interface RequestLogOptions {
  log: Logger;
  /** Called once per request with its duration and the codes of the errors in its answer. */
  onFinished?: (durationMs: number, errorCodes: string[]) => void;
}

export function requestLogPlugin(options: RequestLogOptions): ApolloServerPlugin<BaseContext> {
  const { log } = options;
  return {
    async requestDidStart({ request }) {
      const started = performance.now();
      const headers = request.http?.headers;
      const reqId = acceptRequestId(headers?.get(REQUEST_ID_HEADER));
      headers?.set(REQUEST_ID_HEADER, reqId);
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            // Coded errors are expected outcomes (bad input, a cooperative down…), and a cooperative's own are in its logs.
            const code = error.extensions?.code;
            if ((code !== undefined && code !== 'INTERNAL_SERVER_ERROR') || error.extensions?.cooperativeId !== undefined) continue;
            log.error({ reqId, err: error.originalError ?? error, path: error.path }, 'unexpected error');
          }
        },
        async willSendResponse({ response, errors, operationName }) {
          response.http.headers.set(REQUEST_ID_HEADER, reqId);
          const body = response.body.kind === 'single' ? response.body.singleResult : undefined;
          const reported = body?.errors ?? errors ?? [];
          const codes = reported.map((e) => {
            const code = e.extensions?.code;
            return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
          });
          const durationMs = performance.now() - started;
          options.onFinished?.(durationMs, codes);
          const cooperatives = [...new Set(reported.map((e) => e.extensions?.cooperativeId).filter((c): c is string => typeof c === 'string'))];
          log.info(
            {
              reqId,
              operationName: operationName ?? undefined,
              durationMs: Math.round(durationMs * 10) / 10,
              ...(codes.length ? { errors: codes.length, codes: [...new Set(codes)] } : {}),
              ...(cooperatives.length ? { cooperatives } : {}),
            },
            'graphql request',
          );
        },
      };
    },
  };
}
