/** What every root-field handler of the tenant router works with. */
import type { FieldNode, GraphQLFormattedError } from 'graphql';
import type { CooperativeEntry, Registry } from '../../core/registry';
import type { CollectedField, Variables } from './collect';
import type { CursorCodec } from './cursor';
import type { ParsedOperation } from './operation';
import type { SendResult, Sender } from './send';

export interface RouterDeps {
  role: string;
  registry: Registry;
  sender: Sender;
  codec: CursorCodec;
  defaultDeadlineMs: number;
}

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
  /** Sends `query` to one cooperative of the group. */
  call(coop: CooperativeEntry, query: string, variables: Record<string, unknown>): Promise<SendResult>;
}

export interface FieldResult {
  value: unknown;
  errors: GraphQLFormattedError[];
}
