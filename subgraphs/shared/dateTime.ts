/**
 * The `DateTime` scalar both roles declare: ISO 8601 with an offset
 * (DESIGN.md §3). Input must carry an offset (`Z` or `±HH:MM`) and name a real
 * date and time, else `BAD_USER_INPUT`; it reaches adapters as the string the
 * client wrote (instants compare by value, so the offset does not matter).
 * Output is the adapter's ISO string as-is.
 *
 * Variables are checked here. A string literal is checked where it is used
 * (`assertDateTime`), at execution: a literal refused while validating would
 * reach clients as GRAPHQL_VALIDATION_FAILED under Apollo Server, which
 * replaces the code of validation errors.
 */
import { GraphQLError, GraphQLScalarType, Kind, print, type ValueNode } from 'graphql';
import { badInput } from '../../core/errors';

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** Whether `value` is an ISO 8601 date-time with offset naming an existing instant. */
export function isIsoDateTime(value: string): boolean {
  const m = ISO_WITH_OFFSET.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s = '00', , oh = '00', om = '00'] = m;
  const day = new Date(Date.UTC(+y, +mo - 1, +d));
  const dateOk = day.getUTCFullYear() === +y && day.getUTCMonth() === +mo - 1 && day.getUTCDate() === +d;
  return dateOk && +h <= 23 && +mi <= 59 && +s <= 59 && +oh <= 23 && +om <= 59 && !Number.isNaN(Date.parse(value));
}

function parseDateTime(value: unknown, shown: string, field?: string): string {
  if (typeof value !== 'string' || !isIsoDateTime(value)) {
    const where = field ? `${field}: ` : '';
    throw badInput(`${where}DateTime must be ISO 8601 with an offset (e.g. 2026-03-01T09:30:00+09:00), got ${shown}`, field ? { field } : {});
  }
  return value;
}

/** Checks a DateTime argument at execution (see above); null and undefined pass. */
export function assertDateTime<T extends string | null | undefined>(value: T, field: string): T {
  if (value === null || value === undefined) return value;
  parseDateTime(value, JSON.stringify(value), field);
  return value;
}

export const DateTimeScalar = new GraphQLScalarType<string, string>({
  name: 'DateTime',
  description: 'ISO 8601 date-time with offset, e.g. 2026-03-01T09:30:00+09:00.',
  serialize(value) {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value === 'string' && isIsoDateTime(value)) return value;
    throw new GraphQLError(`DateTime cannot represent ${JSON.stringify(value)}`);
  },
  parseValue(value) {
    return parseDateTime(value, JSON.stringify(value));
  },
  parseLiteral(node: ValueNode) {
    if (node.kind !== Kind.STRING) throw new GraphQLError(`DateTime must be a string, got ${print(node)}`);
    return node.value;
  },
});
