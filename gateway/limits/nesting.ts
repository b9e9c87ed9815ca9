/**
 * A cheap look at a query's text before it is parsed: how deeply brackets
 * (`{`, `[`, `(`) nest, skipping strings and comments. Parsing and validating
 * recurse on nesting, so absurd nesting is refused here, before either runs.
 * Pure.
 */
export function maxNesting(query: string, stopAbove = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < query.length; i++) {
    const c = query[i];
    if (c === '#') {
      while (i < query.length && query[i] !== '\n' && query[i] !== '\r') i++;
    } else if (c === '"') {
      i = skipString(query, i);
    } else if (c === '{' || c === '[' || c === '(') {
      depth++;
      if (depth > max) max = depth;
      if (max > stopAbove) return max;
    } else if (c === '}' || c === ']' || c === ')') {
      depth = Math.max(0, depth - 1);
    }
  }
  return max;
}

/** Index of the closing quote of the string starting at `start` (block strings too). */
function skipString(query: string, start: number): number {
  if (query.startsWith('"""', start)) {
    for (let i = start + 3; i < query.length; i++) {
      if (query[i] === '\\' && query.startsWith('\\"""', i)) i += 3;
      else if (query.startsWith('"""', i)) return i + 2;
    }
    return query.length;
  }
  for (let i = start + 1; i < query.length; i++) {
    if (query[i] === '\\') i++;
    else if (query[i] === '"' || query[i] === '\n') return i;
  }
  return query.length;
}
