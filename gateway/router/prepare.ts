/**
 * The text sent to cooperatives for one root field, built once per field node
 * (field nodes belong to cached parsed operations, so a WeakMap is a per-
 * operation cache): rewritten where the merge needs more, pruned to the
 * variables and fragments it uses, printed once without ignored characters.
 */
import { print, stripIgnoredCharacters, type FieldNode, type OperationDefinitionNode, type VariableDefinitionNode } from 'graphql';
import { singleFieldDocument, type ParsedOperation } from './operation';

const cache = new WeakMap<FieldNode, Map<string, string>>();
/** Variables each prepared text defines: a cooperative is sent only those (not, say, every representation). */
const definedVariables = new Map<string, readonly string[]>();

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
    const document = singleFieldDocument(parsed, rewrite(node), extraVariables);
    // Without print's indentation: the text goes to every cooperative in scope (a page-1 fan-out wrote 83 KB of request bodies to 200 cooperatives, ~60 % of it this text).
    text = stripIgnoredCharacters(print(document));
    byFlavour.set(flavour, text);
    const operation = document.definitions[0] as OperationDefinitionNode;
    if (definedVariables.size > 10_000) definedVariables.clear(); // bounded like the operation cache
    definedVariables.set(text, (operation.variableDefinitions ?? []).map((v) => v.variable.name.value));
  }
  return text;
}

/** The variables `text` (a prepared query) defines, taken from `variables`; all of them for unknown texts. */
export function variablesFor(text: string, variables: Record<string, unknown>): Record<string, unknown> {
  const names = definedVariables.get(text);
  if (!names) return variables;
  const out: Record<string, unknown> = {};
  for (const name of names) if (name in variables) out[name] = variables[name];
  return out;
}
