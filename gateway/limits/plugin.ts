/**
 * The gateway's query limits as an Apollo Server plugin, run once the
 * client's operation is parsed and validated and before the query planner
 * sends anything to a cooperative:
 * - no operation to run (unknown `operationName`) → 400 `BAD_USER_INPUT`;
 * - strings in the query or its variables longer than `maxStringLength` → 400 `BAD_USER_INPUT`;
 * - depth over `maxDepth` → 400 `QUERY_TOO_COMPLEX` { depth, maxDepth };
 * - cost over `maxCost` → 400 `QUERY_TOO_COMPLEX` { cost, limit } (the
 *   operations of one batch share one budget).
 */
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { HeaderMap } from '@apollo/server';
import { GraphQLError, Kind, visit, type DocumentNode, type FragmentDefinitionNode } from 'graphql';
import { ERROR_CODES, badInput, sbnetError } from '../../core/errors';
import { operationComplexity } from './cost';
import type { LimitSettings } from './settings';

export interface LimitsPluginOptions {
  limits: LimitSettings;
  /** Cooperatives a root field reaches for this request's caller (see fanOut.ts). */
  fanOut(fieldName: string, args: Record<string, unknown>, context: unknown): number;
}

const BUDGET = Symbol.for('sbnet.costBudget');

/** A context's cost budget; shared by the operations of one batch (Apollo copies the context per operation). */
export function withCostBudget<T extends object>(context: T): T {
  Object.defineProperty(context, BUDGET, { value: { spent: 0 }, enumerable: true });
  return context;
}

function budgetOf(context: unknown): { spent: number } {
  return (context as { [BUDGET]?: { spent: number } })?.[BUDGET] ?? { spent: 0 };
}

export function limitsPlugin(options: LimitsPluginOptions): ApolloServerPlugin<BaseContext> {
  const { limits } = options;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          // No operation to run: the client named one that is not there, or sent several without a name (Apollo would answer 500).
          if (!operation) {
            const named = request.operationName;
            throw withStatus(badInput(named ? `Unknown operation named "${named}"` : 'The document has several operations: name the one to run (operationName)'));
          }
          checkStrings(document, request.variables ?? {}, limits.maxStringLength);
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          const { depth, cost } = operationComplexity({
            schema,
            operation,
            fragments,
            variables: request.variables ?? {},
            defaultListSize: limits.defaultListSize,
            fanOut: (field, args) => options.fanOut(field, args, contextValue),
            maxDepth: limits.maxDepth,
          });
          if (depth > limits.maxDepth) {
            throw withStatus(sbnetError('QUERY_TOO_COMPLEX', { message: `Query depth ${depth} exceeds the limit ${limits.maxDepth}`, details: { depth, maxDepth: limits.maxDepth } }));
          }
          const budget = budgetOf(contextValue);
          const total = budget.spent + cost;
          if (total > limits.maxCost) {
            const message = cost > limits.maxCost ? undefined : `Batch cost ${total} exceeds the limit ${limits.maxCost}`;
            throw withStatus(sbnetError('QUERY_TOO_COMPLEX', { message, details: { cost: message ? total : cost, limit: limits.maxCost } }));
          }
          budget.spent = total;
        },
      };
    },
  };
}

/** The HTTP status of the error's code (registry), for errors that end a request before execution. */
export function withStatus(error: GraphQLError, headers: Record<string, string> = {}): GraphQLError {
  const code = error.extensions.code as keyof typeof ERROR_CODES;
  const status = ERROR_CODES[code]?.httpStatus ?? 400;
  return new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status, headers: new HeaderMap(Object.entries(headers)) } } });
}

/**
 * The longest string literal of each document. Apollo Server hands every
 * request of the same query text the same cached DocumentNode, so the
 * document is walked once, not on every request (~80 µs each).
 */
const longestLiteral = new WeakMap<DocumentNode, number>();

function longestStringLiteral(document: DocumentNode): number {
  let longest = longestLiteral.get(document);
  if (longest === undefined) {
    longest = 0;
    visit(document, {
      StringValue(node) {
        longest = Math.max(longest!, node.value.length);
      },
    });
    longestLiteral.set(document, longest);
  }
  return longest;
}

/** Refuses huge strings anywhere in the request: literals in the document and variable values (walked without recursion). */
function checkStrings(document: DocumentNode, variables: Record<string, unknown>, max: number): void {
  const literal = longestStringLiteral(document);
  if (literal > max) throw withStatus(badInput(`A string in the query has ${literal} characters, at most ${max} allowed`));
  const pending: Array<[string, unknown]> = Object.entries(variables);
  while (pending.length) {
    const [name, value] = pending.pop()!;
    if (typeof value === 'string') {
      if (value.length > max) throw withStatus(badInput(`Variable $${name} holds a string of ${value.length} characters, at most ${max} allowed`));
    } else if (value && typeof value === 'object') {
      for (const v of Object.values(value)) pending.push([name, v]);
    }
  }
}
