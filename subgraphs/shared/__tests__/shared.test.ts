import { GraphQLError } from 'graphql';
import { silentLogger } from '../../../core/log';
import { callAdapter, failureReason } from '../adapterCall';
import { perRequest } from '../perRequest';
import { mergeResolvers } from '../roleSchema';
import { DateTimeScalar } from '../dateTime';

describe('perRequest', () => {
  it('one state per context object, fresh state without one', () => {
    let made = 0;
    const stateOf = perRequest(() => ({ n: ++made }));
    const a = {};
    const b = {};
    expect(stateOf(a)).toBe(stateOf(a));
    expect(stateOf(b)).not.toBe(stateOf(a));
    expect(stateOf(undefined)).not.toBe(stateOf(undefined));
  });
});

describe('callAdapter', () => {
  const scope = { cooperativeId: 'kfurn', log: silentLogger };

  it('passes answers through and keeps GraphQLErrors', async () => {
    await expect(callAdapter(scope, 'x', async () => 42)).resolves.toBe(42);
    const own = new GraphQLError('nope', { extensions: { code: 'BAD_USER_INPUT', field: 'x' } });
    await expect(callAdapter(scope, 'x', async () => Promise.reject(own))).rejects.toBe(own);
  });

  it('turns anything else into COOPERATIVE_UNAVAILABLE with a one-line reason', async () => {
    const error = await callAdapter(scope, 'x', async () => Promise.reject('boom')).catch((e: GraphQLError) => e);
    expect(error.extensions).toEqual({ code: 'COOPERATIVE_UNAVAILABLE', cooperativeId: 'kfurn', reason: 'boom' });
    expect(failureReason(new Error(`${'x'.repeat(300)}\nstack`))).toHaveLength(200);
    expect(failureReason({})).toBe('adapter failed');
  });
});

describe('mergeResolvers', () => {
  it('merges types field by field and refuses a field defined twice', () => {
    const f = () => 1;
    expect(mergeResolvers({ Query: { a: f } }, { Query: { b: f }, DateTime: DateTimeScalar })).toEqual({ Query: { a: f, b: f }, DateTime: DateTimeScalar });
    expect(() => mergeResolvers({ Query: { a: f } }, { Query: { a: f } })).toThrow('Query.a');
    expect(() => mergeResolvers({ DateTime: DateTimeScalar }, { DateTime: DateTimeScalar })).toThrow('DateTime');
  });
});
