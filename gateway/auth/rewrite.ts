/**
 * AST rewrites the access guard needs, pure and cached per field node (field
 * nodes belong to cached parsed operations, so the rewritten node is built
 * once and the router's prepared-text cache keeps working):
 *
 * - `pinBuyer`: a member's `orders` / `orderStats` get their `filter`
 *   argument replaced by a variable holding the client's filter with
 *   `buyerBusinessNumber` set to the member's own number;
 * - `withBuyerProbe`: `order(id:)` also selects `__sb_buyer: buyer { businessNumber }`,
 *   so the gateway can check whose order came back (and strip it).
 */
import { Kind, parseType, type FieldNode, type SelectionNode, type VariableDefinitionNode } from 'graphql';
import type { FieldRequest } from '../router/context';
import type { ParsedOperation } from '../router/operation';

export const BUYER_FILTER_VARIABLE = '__sb_buyerFilter';
export const BUYER_PROBE_ALIAS = '__sb_buyer';

const name = (value: string) => ({ kind: Kind.NAME, value }) as const;

const filterNodes = new WeakMap<FieldNode, FieldNode>();
const filterOperations = new WeakMap<ParsedOperation, ParsedOperation>();
const probeNodes = new WeakMap<FieldNode, FieldNode>();

/** `req` with its `filter` argument pinned to `businessNumber` as the buyer. */
export function pinBuyer(req: FieldRequest, businessNumber: string, filterType = 'OrderFilter'): FieldRequest {
  const given = req.args.filter && typeof req.args.filter === 'object' ? (req.args.filter as Record<string, unknown>) : {};
  return {
    ...req,
    node: cached(filterNodes, req.node, filterFromVariable),
    parsed: cached(filterOperations, req.parsed, (p) => withVariable(p, BUYER_FILTER_VARIABLE, filterType)),
    variables: { ...req.variables, [BUYER_FILTER_VARIABLE]: { ...given, buyerBusinessNumber: businessNumber } },
  };
}

/** `req` also asking for the order's buyer number under a reserved alias. */
export function withBuyerProbe(req: FieldRequest): FieldRequest {
  return { ...req, node: cached(probeNodes, req.node, addBuyerProbe) };
}

/** The probed buyer number of a value, and the value without the probe. */
export function takeBuyerProbe(value: unknown): { businessNumber: unknown; value: unknown } {
  if (!value || typeof value !== 'object') return { businessNumber: undefined, value };
  const { [BUYER_PROBE_ALIAS]: probe, ...rest } = value as Record<string, unknown>;
  return { businessNumber: (probe as { businessNumber?: unknown } | null | undefined)?.businessNumber, value: rest };
}

function cached<K extends object>(cache: WeakMap<K, K>, key: K, build: (k: K) => K): K {
  let out = cache.get(key);
  if (!out) cache.set(key, (out = build(key)));
  return out;
}

function filterFromVariable(node: FieldNode): FieldNode {
  return {
    ...node,
    arguments: [
      ...(node.arguments ?? []).filter((a) => a.name.value !== 'filter'),
      { kind: Kind.ARGUMENT, name: name('filter'), value: { kind: Kind.VARIABLE, name: name(BUYER_FILTER_VARIABLE) } },
    ],
  };
}

function withVariable(parsed: ParsedOperation, variable: string, type: string): ParsedOperation {
  const definition: VariableDefinitionNode = {
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(variable) },
    type: parseType(type),
  };
  const existing = (parsed.operation.variableDefinitions ?? []).filter((d) => d.variable.name.value !== variable);
  return { ...parsed, operation: { ...parsed.operation, variableDefinitions: [...existing, definition] } };
}

function addBuyerProbe(node: FieldNode): FieldNode {
  const probe: SelectionNode = {
    kind: Kind.FIELD,
    alias: name(BUYER_PROBE_ALIAS),
    name: name('buyer'),
    selectionSet: { kind: Kind.SELECTION_SET, selections: [{ kind: Kind.FIELD, name: name('businessNumber') }] },
  };
  const selections = node.selectionSet?.selections ?? [];
  return { ...node, selectionSet: { kind: Kind.SELECTION_SET, selections: [...selections, probe] } };
}
