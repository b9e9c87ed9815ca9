/**
 * Depth and cost of the client's operation, computed on its AST against the
 * API schema before anything executes. Pure.
 *
 * Cost: every field counts 1 each time it is resolved (`__typename` and
 * introspection fields count 0; introspection has its own switch):
 * - the children of a list field are resolved once per element: the list's
 *   size is the `first` argument of the connection it belongs to (its
 *   `edges`/`nodes`), else `defaultListSize`;
 * - a root field a tenant group scatters (connections, stats) is resolved at
 *   every cooperative it reaches, so it and everything under it count N
 *   times (`fanOut`): all cooperatives of the role, or those in
 *   `cooperatives:`, or those the caller may see.
 *
 * `products(first: 20) { nodes { id name } }` over 200 cooperatives:
 * 200 × (1 + nodes 1 + 20 × (id 1 + name 1)) = 8,400.
 *
 * Depth: the longest chain of nested fields (a root field is depth 1).
 */
import {
  Kind,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  valueFromASTUntyped,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { isIncluded } from '../router/collect';

export interface ComplexityInput {
  schema: GraphQLSchema;
  operation: OperationDefinitionNode;
  fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  variables: Readonly<Record<string, unknown>>;
  defaultListSize: number;
  /** How many cooperatives a root field reaches (1 for fields that are not scattered). */
  fanOut(fieldName: string, args: Record<string, unknown>): number;
  /** Stops walking below this depth (the answer is already "too deep"). */
  maxDepth?: number;
}

export interface Complexity {
  depth: number;
  cost: number;
}

export function operationComplexity(input: ComplexityInput): Complexity {
  const root = input.schema.getRootType(input.operation.operation);
  const acc: Complexity = { depth: 0, cost: 0 };
  if (root) walk(input, input.operation.selectionSet, root, 1, undefined, 1, acc, new Set());
  return acc;
}

function walk(
  input: ComplexityInput,
  selectionSet: SelectionSetNode,
  parent: GraphQLNamedType,
  multiplier: number,
  pageSize: number | undefined,
  depth: number,
  acc: Complexity,
  fragmentPath: Set<string>,
): void {
  for (const selection of selectionSet.selections) {
    if (!isIncluded(selection.directives, input.variables)) continue;
    if (selection.kind === Kind.FIELD) {
      field(input, selection, parent, multiplier, pageSize, depth, acc, fragmentPath);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const type = selection.typeCondition ? input.schema.getType(selection.typeCondition.name.value) : parent;
      if (type) walk(input, selection.selectionSet, type, multiplier, pageSize, depth, acc, fragmentPath);
    } else {
      const name = selection.name.value;
      const fragment = input.fragments[name];
      const type = fragment && input.schema.getType(fragment.typeCondition.name.value);
      if (!fragment || !type || fragmentPath.has(name)) continue;
      fragmentPath.add(name);
      walk(input, fragment.selectionSet, type, multiplier, pageSize, depth, acc, fragmentPath);
      fragmentPath.delete(name);
    }
  }
}

function field(
  input: ComplexityInput,
  node: FieldNode,
  parent: GraphQLNamedType,
  multiplier: number,
  pageSize: number | undefined,
  depth: number,
  acc: Complexity,
  fragmentPath: Set<string>,
): void {
  const name = node.name.value;
  if (name.startsWith('__')) return;
  const def = isObjectType(parent) || isInterfaceType(parent) ? parent.getFields()[name] : undefined;
  if (!def) return;
  acc.depth = Math.max(acc.depth, depth);
  const args = argumentsOf(def, node, input.variables);
  const here = multiplier * (depth === 1 ? Math.max(1, input.fanOut(name, args)) : 1);
  acc.cost += here;
  if (!node.selectionSet || (input.maxDepth !== undefined && depth > input.maxDepth)) return;
  const size = isListType(getNullableType(def.type)) ? (pageSize ?? input.defaultListSize) : 1;
  const first = typeof args.first === 'number' && args.first >= 0 ? args.first : undefined;
  walk(input, node.selectionSet, getNamedType(def.type), here * size, first, depth + 1, acc, fragmentPath);
}

/** Argument values with variables substituted and schema defaults applied (untyped). */
function argumentsOf(def: GraphQLField<unknown, unknown>, node: FieldNode, variables: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const arg of def.args) if (arg.defaultValue !== undefined) args[arg.name] = arg.defaultValue;
  for (const arg of node.arguments ?? []) {
    const value = valueFromASTUntyped(arg.value, variables as Record<string, unknown>);
    if (value !== undefined) args[arg.name.value] = value;
  }
  return args;
}
