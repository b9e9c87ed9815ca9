import fc from 'fast-check';
import type { FormattedExecutionResult } from 'graphql';
import { sharedDataStringifier } from '../resultJson';

/** What Apollo Server writes without `stringifyResult` (its `prettyJSONStringify` over the ordered members). */
function apollos(value: FormattedExecutionResult): string {
  return `${JSON.stringify({ errors: value.errors, data: value.data, extensions: value.extensions })}\n`;
}

const error = fc.record({ message: fc.string(), extensions: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }) });
const result = fc.record(
  {
    errors: fc.option(fc.array(error, { maxLength: 3 }), { nil: undefined }),
    data: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.constant(null), fc.constant(undefined)),
    extensions: fc.option(fc.dictionary(fc.string(), fc.jsonValue()), { nil: undefined }),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<FormattedExecutionResult>;

describe('the gateway’s result serialization (stringifyResult)', () => {
  it('writes exactly what Apollo Server writes, for any result, first time and again (property)', () => {
    fc.assert(
      fc.property(result, (value) => {
        const stringify = sharedDataStringifier();
        expect(stringify(value)).toBe(apollos(value));
        expect(stringify(value)).toBe(apollos(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('serializes a shared data object once, and writes each caller’s own errors and extensions', () => {
    const stringify = sharedDataStringifier();
    let serialized = 0;
    const data = { products: { totalCount: 2, edges: [{ cursor: 'a' }, { cursor: 'b' }] }, toJSON: undefined as unknown };
    // A toJSON that counts, and serializes as the object without it.
    data.toJSON = () => {
      serialized++;
      return { products: data.products };
    };
    const first = stringify({ data });
    const second = stringify({ data, errors: [{ message: 'Cooperative kfurn did not answer', extensions: { code: 'COOPERATIVE_UNAVAILABLE' } }] });
    const third = stringify({ data, extensions: { cost: 3 } });
    expect(serialized).toBe(1);
    expect(first).toBe('{"data":{"products":{"totalCount":2,"edges":[{"cursor":"a"},{"cursor":"b"}]}}}\n');
    expect(JSON.parse(second)).toEqual({ errors: [{ message: 'Cooperative kfurn did not answer', extensions: { code: 'COOPERATIVE_UNAVAILABLE' } }], data: { products: data.products } });
    expect(Object.keys(JSON.parse(second))).toEqual(['errors', 'data']);
    expect(JSON.parse(third)).toEqual({ data: { products: data.products }, extensions: { cost: 3 } });
    // Another data object, even an equal one, is serialized on its own.
    expect(stringify({ data: { products: data.products } })).toBe(first);
    expect(serialized).toBe(1);
  });

  it('hands a result with members Apollo does not write to plain JSON.stringify', () => {
    const stringify = sharedDataStringifier();
    const odd = { data: { a: 1 }, hasNext: true } as FormattedExecutionResult;
    expect(stringify(odd)).toBe(`${JSON.stringify(odd)}\n`);
  });
});
