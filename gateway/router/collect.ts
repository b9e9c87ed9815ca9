/**
 * Field collection over a selection set, as graphql-js's `collectFields` does
 * it: fragment spreads and inline fragments are flattened and `@skip`/`@include`
 * are applied with the request's variables. The merge works from this view of
 * the operation, never from field-name strings in the text.
 */
import {
  Kind,
  valueFromASTUntyped,
  type DirectiveNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export type Fragments = Readonly<Record<string, FragmentDefinitionNode>>;
export type Variables = Readonly<Record<string, unknown>>;

/** One response key and the field nodes that fill it (several when a key repeats). */
export interface CollectedField {
  responseKey: string;
  fieldName: string;
  nodes: FieldNode[];
}

export function collectFields(
  selectionSet: SelectionSetNode | undefined,
  fragments: Fragments,
  variables: Variables,
): CollectedField[] {
  const byKey = new Map<string, CollectedField>();
  if (selectionSet) collectImpl(selectionSet, fragments, variables, byKey, new Set());
  return [...byKey.values()];
}

function collectImpl(
  selectionSet: SelectionSetNode,
  fragments: Fragments,
  variables: Variables,
  out: Map<string, CollectedField>,
  visitedFragments: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection.directives, variables)) continue;
    switch (selection.kind) {
      case Kind.FIELD: {
        const responseKey = selection.alias?.value ?? selection.name.value;
        const entry = out.get(responseKey);
        if (entry) entry.nodes.push(selection);
        else out.set(responseKey, { responseKey, fieldName: selection.name.value, nodes: [selection] });
        break;
      }
      case Kind.INLINE_FRAGMENT:
        // Every type we merge is concrete, so any type condition here is that type.
        collectImpl(selection.selectionSet, fragments, variables, out, visitedFragments);
        break;
      case Kind.FRAGMENT_SPREAD: {
        const name = selection.name.value;
        const fragment = fragments[name];
        if (!fragment || visitedFragments.has(name)) break;
        visitedFragments.add(name);
        collectImpl(fragment.selectionSet, fragments, variables, out, visitedFragments);
        break;
      }
    }
  }
}

/** `@skip(if:)` / `@include(if:)` with literal or variable conditions. */
export function isIncluded(directives: readonly DirectiveNode[] | undefined, variables: Variables): boolean {
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== 'skip' && name !== 'include') continue;
    const ifArg = directive.arguments?.find((a) => a.name.value === 'if');
    const value = ifArg ? valueFromASTUntyped(ifArg.value, variables as Record<string, unknown>) : undefined;
    if (name === 'skip' && value === true) return false;
    if (name === 'include' && value !== true) return false;
  }
  return true;
}

/** The sub-fields selected under `responseKey` across all its field nodes. */
export function subfields(field: CollectedField, fragments: Fragments, variables: Variables): CollectedField[] {
  const merged = new Map<string, CollectedField>();
  for (const node of field.nodes) {
    for (const sub of collectFields(node.selectionSet, fragments, variables)) {
      const entry = merged.get(sub.responseKey);
      if (entry) entry.nodes.push(...sub.nodes);
      else merged.set(sub.responseKey, { ...sub, nodes: [...sub.nodes] });
    }
  }
  return [...merged.values()];
}

/** Argument values of a field, with variables substituted (untyped: enums become strings). */
export function argumentValues(node: FieldNode, variables: Variables): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of node.arguments ?? []) {
    args[arg.name.value] = valueFromASTUntyped(arg.value, variables as Record<string, unknown>);
  }
  return args;
}
