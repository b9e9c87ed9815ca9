/** What every root-field handler of the tenant router works with. */
import type { FieldNode, GraphQLFormattedError } from 'graphql';
import type { CooperativeEntry, Registry } from '../../core/registry';
import type { CollectedField, Variables } from './collect';
import type { CursorCodec } from './cursor';
import type { LatencyEstimates } from './dispatch';
import type { ParsedOperation } from './operation';
import type { SendResult, Sender } from './send';
import type { FieldRoute } from './spec';

export interface RouterDeps {
  role: string;
  registry: Registry;
  sender: Sender;
  codec: CursorCodec;
  defaultDeadlineMs: number;
  /** false: identical reads in flight do not share one fan-out (`gateway.shareInFlightReads`). */
  shareReads?: boolean;
  /** Writes so far: shared reads never span one (see WriteEpoch). */
  writes?: { readonly value: number };
  /** Observed answer times: fan-outs call the slowest cooperatives first (none: registry order). */
  latency?: LatencyEstimates;
  /** Wraps every root field (authorization, idempotency…): may refuse, narrow or post-process it. */
  middleware?: FieldMiddleware;
}

export type FieldHandler = (req: FieldRequest) => Promise<FieldResult>;

/**
 * Runs around one root field: calls `next` with the request (possibly
 * narrowed) or refuses by throwing a GraphQLError (reported at the field,
 * nothing sent), and may reshape the result.
 */
export type FieldMiddleware = (req: FieldRequest, route: FieldRoute, next: FieldHandler) => Promise<FieldResult>;

export interface FieldRequest {
  deps: RouterDeps;
  parsed: ParsedOperation;
  variables: Variables;
  field: CollectedField;
  /** The field node to send (several nodes under one key are merged into one). */
  node: FieldNode;
  args: Record<string, unknown>;
  mutation: boolean;
  headers: Record<string, string>;
  /** The gateway's context of the client request (the caller's identity…); absent outside a client request. */
  context?: unknown;
  /** Sends `query` to one cooperative of the group (with `headers` added to the forwarded ones). */
  call(coop: CooperativeEntry, query: string, variables: Record<string, unknown>, headers?: Record<string, string>): Promise<SendResult>;
}

export interface FieldResult {
  value: unknown;
  errors: GraphQLFormattedError[];
}
