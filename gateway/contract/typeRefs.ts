/**
 * Whether a subgraph's type reference keeps the standard's promise.
 * Output (a field's type): the subgraph may be stricter, never looser —
 * `String!` where the standard says `String` is fine, `String` where it
 * says `String!` may answer null where the network promises a value.
 * Input (an argument or input field): the subgraph must accept everything
 * the standard allows — `Int` where the standard says `Int!` is fine, `Int!`
 * where it says `Int` fails when the network leaves the value out.
 */
import { Kind, type TypeNode } from 'graphql';

export type Mismatch = 'named' | 'list' | 'nullable' | 'required';

/** Undefined when compatible, else what differs first (outermost). */
export function outputMismatch(standard: TypeNode, actual: TypeNode): Mismatch | undefined {
  if (standard.kind === Kind.NON_NULL_TYPE) {
    if (actual.kind !== Kind.NON_NULL_TYPE) return deeperFirst(outputMismatch(standard.type, actual), 'nullable');
    return outputMismatch(standard.type, actual.type);
  }
  if (actual.kind === Kind.NON_NULL_TYPE) return outputMismatch(standard, actual.type);
  return sameShape(standard, actual, outputMismatch);
}

export function inputMismatch(standard: TypeNode, actual: TypeNode): Mismatch | undefined {
  if (actual.kind === Kind.NON_NULL_TYPE) {
    if (standard.kind !== Kind.NON_NULL_TYPE) return deeperFirst(inputMismatch(standard, actual.type), 'required');
    return inputMismatch(standard.type, actual.type);
  }
  if (standard.kind === Kind.NON_NULL_TYPE) return inputMismatch(standard.type, actual);
  return sameShape(standard, actual, inputMismatch);
}

/** A wrong named type says more than a nullability difference around it. */
function deeperFirst(inner: Mismatch | undefined, here: Mismatch): Mismatch {
  return inner === 'named' || inner === 'list' ? inner : here;
}

function sameShape(standard: TypeNode, actual: TypeNode, recurse: (s: TypeNode, a: TypeNode) => Mismatch | undefined): Mismatch | undefined {
  if (standard.kind === Kind.LIST_TYPE) return actual.kind === Kind.LIST_TYPE ? recurse(standard.type, actual.type) : 'list';
  if (actual.kind === Kind.LIST_TYPE) return 'list';
  if (standard.kind === Kind.NAMED_TYPE && actual.kind === Kind.NAMED_TYPE) return standard.name.value === actual.name.value ? undefined : 'named';
  return 'named';
}

/** A value must be given: non-null and without a default. */
export function isRequired(type: TypeNode, defaultValue: string | undefined): boolean {
  return type.kind === Kind.NON_NULL_TYPE && defaultValue === undefined;
}
