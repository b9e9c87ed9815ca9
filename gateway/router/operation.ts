/**
 * Parsing the planner's subgraph operation once per distinct text, and
 * carving out a standalone operation for one root field (with only the
 * variables and fragments it uses, so it still validates on the subgraph).
 */
import {
  Kind,
  parse,
  visit,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type VariableDefinitionNode,
} from 'graphql';
import type { Fragments } from './collect';

export interface ParsedOperation {
  document: DocumentNode;
  operation: OperationDefinitionNode;
  fragments: Fragments;
}

/** A bounded cache keyed by operation text: planners emit few distinct operations. */
export class OperationCache {
  private readonly entries = new Map<string, ParsedOperation>();

  constructor(private readonly maxEntries = 2000) {}

  get(text: string, operationName?: string | null): ParsedOperation {
    const key = operationName ? `${operationName}\u0000${text}` : text;
    let parsed = this.entries.get(key);
    if (!parsed) {
      parsed = parseOperation(parse(text), operationName);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, parsed);
    }
    return parsed;
  }
}

export function parseOperation(document: DocumentNode, operationName?: string | null): ParsedOperation {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) throw new Error(`No operation ${operationName ?? ''} in the subgraph request`);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { document, operation, fragments };
}

/**
 * A document whose operation selects just `field` (possibly rewritten), keeping
 * the variable definitions and fragments it uses, plus `extraVariables`.
 */
export function singleFieldDocument(
  parsed: ParsedOperation,
  field: FieldNode,
  extraVariables: readonly VariableDefinitionNode[] = [],
): DocumentNode {
  const usedFragments = fragmentsUsedBy(field, parsed.fragments);
  const usedVariables = variablesUsedBy([field, ...usedFragments.map((f) => f)]);
  const variableDefinitions = [
    ...(parsed.operation.variableDefinitions ?? []).filter((v) => usedVariables.has(v.variable.name.value)),
    ...extraVariables,
  ];
  const operation: OperationDefinitionNode = {
    ...parsed.operation,
    variableDefinitions,
    selectionSet: { kind: Kind.SELECTION_SET, selections: [field] },
  };
  return { kind: Kind.DOCUMENT, definitions: [operation, ...usedFragments] };
}

/** Fragment definitions reachable from `root`, transitively. */
export function fragmentsUsedBy(root: FieldNode, fragments: Fragments): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const pending: Array<FieldNode | FragmentDefinitionNode> = [root];
  while (pending.length) {
    visit(pending.pop()!, {
      FragmentSpread(node) {
        const def = fragments[node.name.value];
        if (def && !found.has(def.name.value)) {
          found.set(def.name.value, def);
          pending.push(def);
        }
      },
    });
  }
  return [...found.values()];
}

export function variablesUsedBy(nodes: ReadonlyArray<FieldNode | FragmentDefinitionNode>): Set<string> {
  const names = new Set<string>();
  for (const node of nodes) {
    visit(node, {
      Variable(v) {
        names.add(v.name.value);
      },
    });
  }
  return names;
}
