/**
 * The text sent to cooperatives for one root field, built once per field node
 * (field nodes belong to cached parsed operations, so a WeakMap is a per-
 * operation cache): rewritten where the merge needs more, pruned to the
 * variables and fragments it uses, printed once.
 */
import { print, type FieldNode, type VariableDefinitionNode } from 'graphql';
import { singleFieldDocument, type ParsedOperation } from './operation';

const cache = new WeakMap<FieldNode, Map<string, string>>();

export function preparedQuery(
  parsed: ParsedOperation,
  node: FieldNode,
  flavour: string,
  rewrite: (node: FieldNode) => FieldNode = (n) => n,
  extraVariables: readonly VariableDefinitionNode[] = [],
): string {
  let byFlavour = cache.get(node);
  if (!byFlavour) cache.set(node, (byFlavour = new Map()));
  let text = byFlavour.get(flavour);
  if (text === undefined) {
    text = print(singleFieldDocument(parsed, rewrite(node), extraVariables));
    byFlavour.set(flavour, text);
  }
  return text;
}
