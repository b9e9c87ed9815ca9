/**
 * The role subgraph's side of the gateway's signed identity: the caller is
 * read from `x-sbnet-identity` into the request context, and with a
 * `gatewaySecret` configured every call without a valid signature is refused
 * (HTTP 401, `UNAUTHENTICATED`) — except schema-only operations (`_service`,
 * introspection), which tools such as `sbnet check` and composition need and
 * which reveal only the public standard schema.
 */
import type { IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { GraphQLError, Kind, type OperationDefinitionNode } from 'graphql';
import { ANONYMOUS, IDENTITY_HEADER, callerOf, verifyIdentity, type Caller } from './identity';

const SCHEMA_ONLY_FIELDS = new Set(['_service', '__typename', '__schema', '__type']);

/** The caller of one request to cooperative `cooperativeId`'s subgraph. */
export function callerFromRequest(req: IncomingMessage, secret: string | undefined, cooperativeId: string, nowMs = Date.now()): Caller {
  if (!secret) return { identity: ANONYMOUS, enforced: false };
  const header = req.headers[IDENTITY_HEADER];
  const verified = verifyIdentity(Array.isArray(header) ? header[0] : header, secret, cooperativeId, nowMs);
  return verified.ok ? { identity: verified.identity, enforced: true } : { identity: ANONYMOUS, enforced: true, rejection: verified.reason };
}

function schemaOnly(operation: OperationDefinitionNode | undefined): boolean {
  if (!operation || operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every((s) => s.kind === Kind.FIELD && SCHEMA_ONLY_FIELDS.has(s.name.value));
}

/** Refuses a call whose identity did not verify, before anything executes. */
export function gatewaySignaturePlugin(): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, operation }) {
          const caller = callerOf(contextValue);
          if (!caller?.rejection || schemaOnly(operation)) return;
          throw new GraphQLError(`Refused: ${caller.rejection}`, {
            extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } },
          });
        },
      };
    },
  };
}
