/**
 * SQL fragments with bound parameters. Queries are composed from pieces
 * (conditions, sort keys, keyset predicates) before we know where each
 * parameter lands; PostgreSQL numbers its placeholders (`$1`, `$2`…) by
 * position in the final text, so values stay attached to their fragment and
 * are numbered only when the whole statement is rendered. Values are never
 * written into the text: the only way to put text in is `raw`, which is for
 * identifiers and keywords written in this folder.
 */

/** What a driver accepts as a bound parameter. */
export type SqlValue = string | number | bigint | null;

type Chunk = string | { readonly value: SqlValue };

export class Sql {
  constructor(readonly chunks: readonly Chunk[]) {}
}

function isSql(value: unknown): value is Sql {
  return value instanceof Sql;
}

/** Tagged template: interpolated `Sql` is inlined, anything else becomes a bound parameter. */
export function sql(strings: TemplateStringsArray, ...values: Array<SqlValue | Sql>): Sql {
  const chunks: Chunk[] = [];
  strings.forEach((text, i) => {
    if (text) chunks.push(text);
    if (i < values.length) {
      const value = values[i];
      if (isSql(value)) chunks.push(...value.chunks);
      else chunks.push({ value });
    }
  });
  return new Sql(chunks);
}

/** Trusted text (identifiers, keywords): never user input. */
export function raw(text: string): Sql {
  return new Sql([text]);
}

/** A single bound parameter. */
export function param(value: SqlValue): Sql {
  return new Sql([{ value }]);
}

export function join(parts: readonly Sql[], separator: string): Sql {
  const chunks: Chunk[] = [];
  parts.forEach((part, i) => {
    if (i > 0) chunks.push(separator);
    chunks.push(...part.chunks);
  });
  return new Sql(chunks);
}

export const TRUE = raw('1 = 1');
export const FALSE = raw('1 = 0');

/** `a AND b AND …`; no conditions is TRUE. */
export function and(conditions: readonly Sql[]): Sql {
  return conditions.length ? join(conditions.map((c) => sql`(${c})`), ' AND ') : TRUE;
}

export function or(conditions: readonly Sql[]): Sql {
  return conditions.length ? join(conditions.map((c) => sql`(${c})`), ' OR ') : FALSE;
}

/** `expr IN (…)`; an empty list matches nothing (`IN ()` is a syntax error outside SQLite). */
export function inList(expr: Sql, values: readonly SqlValue[]): Sql {
  return values.length ? sql`${expr} IN (${join(values.map(param), ', ')})` : FALSE;
}

/** `expr NOT IN (…)`; an empty list excludes nothing. NULL never passes (as with IN). */
export function notInList(expr: Sql, values: readonly SqlValue[]): Sql {
  return values.length ? sql`${expr} NOT IN (${join(values.map(param), ', ')})` : sql`${expr} IS NOT NULL`;
}

export interface RenderedSql {
  text: string;
  params: SqlValue[];
}

/** Final text with the dialect's placeholders, and the parameters in order. */
export function render(query: Sql, placeholder: (index: number) => string): RenderedSql {
  const params: SqlValue[] = [];
  const text = query.chunks
    .map((chunk) => {
      if (typeof chunk === 'string') return chunk;
      params.push(chunk.value);
      return placeholder(params.length);
    })
    .join('');
  return { text, params };
}
