/**
 * What the contract check reports. Every finding has a code (stable, for
 * scripts and tests), the schema coordinate or probe it is about, and a
 * message written for a cooperative's IT person, not for a GraphQL expert.
 * `error` findings make a subgraph unfit to be routed to; `note`s never do.
 */
export type FindingLevel = 'error' | 'note';

export const FINDING_CODES = {
  // schema
  SDL_INVALID: 'the SDL from _service does not parse',
  MISSING_ROOT: 'a root type (Query, Mutation) is missing',
  MISSING_TYPE: 'a type of the standard schema is missing',
  WRONG_KIND: 'a type has another kind (object, input, enum…)',
  MISSING_FIELD: 'a field of the standard schema is missing',
  WRONG_FIELD_TYPE: 'a field has another type',
  MISSING_ARGUMENT: 'an argument of the standard schema is missing',
  WRONG_ARGUMENT_TYPE: 'an argument has another type',
  WRONG_DEFAULT: 'an argument or input field has another default value',
  EXTRA_REQUIRED_ARGUMENT: 'an extra argument is required, but the network never sends it',
  MISSING_INPUT_FIELD: 'an input field of the standard schema is missing',
  WRONG_INPUT_FIELD_TYPE: 'an input field has another type',
  EXTRA_REQUIRED_INPUT_FIELD: 'an extra input field is required, but the network never sends it',
  MISSING_ENUM_VALUE: 'an enum lacks a value the network may send',
  EXTRA_ENUM_VALUE: 'an enum has a value the network does not know, in answers',
  EXTRA_UNION_MEMBER: 'a union has a member the network does not know',
  MISSING_KEY: 'an entity has no @key',
  WRONG_KEY: 'an entity has another @key',
  KEY_NOT_RESOLVABLE: 'an entity key is marked resolvable: false',
  EXTRA: 'something extra (allowed, invisible in the network)',
  // live probe
  UNREACHABLE: 'the subgraph does not answer over HTTP',
  NOT_A_SUBGRAPH: 'the endpoint does not answer _service { sdl }',
  PROBE_ERROR: 'a probe query answered GraphQL errors',
  PROBE_SHAPE: 'a probe answer has the wrong shape or values',
  PROBE_ORDER: 'a page is not in the network order',
  PROBE_FOREIGN_ID: 'ids do not belong to the cooperative',
  PROBE_SLOW: 'an answer took longer than the deadline',
  PROBE_EMPTY: 'nothing to show (no products)',
} as const;

export type FindingCode = keyof typeof FINDING_CODES;

export interface Finding {
  level: FindingLevel;
  code: FindingCode;
  /** `Product.gtin`, `Query.products(first:)`, `probe: search`… */
  where: string;
  message: string;
}

export const error = (code: FindingCode, where: string, message: string): Finding => ({ level: 'error', code, where, message });
export const note = (code: FindingCode, where: string, message: string): Finding => ({ level: 'note', code, where, message });

export function errorsOf(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.level === 'error');
}
