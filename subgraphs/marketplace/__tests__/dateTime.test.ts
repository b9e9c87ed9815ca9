import { graphql } from 'graphql';
import { DateTimeScalar, isIsoDateTime } from '../../shared/dateTime';
import { createMarketplaceContext } from '../schema';
import { COOP, codes, harness, ok, order, product, sampleData } from './harness';

describe('DateTime', () => {
  it.each([
    '2026-03-01T09:30:00+09:00',
    '2026-03-01T00:30:00Z',
    '2026-03-01T00:30Z',
    '2026-03-01T00:30:00.123Z',
    '2026-03-01T00:30:00.123456-05:30',
    '2024-02-29T23:59:59+14:00',
  ])('accepts %s', (value) => {
    expect(isIsoDateTime(value)).toBe(true);
    expect(DateTimeScalar.parseValue(value)).toBe(value);
  });

  it.each([
    '2026-03-01',
    '2026-03-01T09:30:00',
    '2026-03-01 09:30:00+09:00',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-13-01T00:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01T09:60:00Z',
    '2026-03-01T09:30:00+0900',
    '2026-03-01T09:30:00+24:00',
    '20260301',
    'yesterday',
    '',
  ])('refuses %j with BAD_USER_INPUT', (value) => {
    expect(() => DateTimeScalar.parseValue(value)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }));
  });

  it('refuses non-strings', () => {
    for (const value of [1767225600000, null, {}, true]) expect(() => DateTimeScalar.parseValue(value)).toThrow();
  });

  it('serializes ISO strings as-is and Dates as UTC ISO; refuses junk', () => {
    expect(DateTimeScalar.serialize('2026-03-01T09:30:00+09:00')).toBe('2026-03-01T09:30:00+09:00');
    expect(DateTimeScalar.serialize(new Date('2026-03-01T00:30:00Z'))).toBe('2026-03-01T00:30:00.000Z');
    expect(() => DateTimeScalar.serialize('20260301')).toThrow();
  });

  describe('through the schema', () => {
    const h = harness();
    const Q = `query($from: DateTime) { orders(filter: { from: $from }) { totalCount } }`;

    it('variables: equal instants written with different offsets filter alike', async () => {
      const a = ok(await h.run(Q, { from: '2026-02-01T10:00:00+09:00' })).orders.totalCount;
      const b = ok(await h.run(Q, { from: '2026-02-01T01:00:00Z' })).orders.totalCount;
      expect(a).toBe(4);
      expect(b).toBe(a);
    });

    it('a bad variable is BAD_USER_INPUT', async () => {
      const result = await h.run(Q, { from: '2026-02-01 10:00' });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0].message).toContain('ISO 8601');
    });

    it('a bad string literal passes validation and is BAD_USER_INPUT where it is used', async () => {
      const result = await graphql({
        schema: h.schema,
        source: `{ orders(filter: { to: "2026-02-30T00:00:00Z" }) { totalCount } }`,
        contextValue: createMarketplaceContext(),
      });
      expect(codes(result)).toEqual(['BAD_USER_INPUT']);
      expect(result.errors?.[0].message).toContain('filter.to');
      const good = await graphql({
        schema: h.schema,
        source: `{ orders(filter: { to: "2026-02-01T10:00:00+09:00" }) { totalCount } }`,
        contextValue: createMarketplaceContext(),
      });
      expect(ok(good).orders.totalCount).toBe(2);
    });

    it('an adapter row with a date that is not ISO with offset is a field error, not a bad answer', async () => {
      const data = sampleData();
      data.products = [product('P1', { updatedAt: '20260101' })];
      data.orders = [order('O1', { orderedAt: '2026-01-01T00:00:00+09:00' })];
      const bad = harness(data);
      const result = await bad.run(`{ product(id: "${COOP}:P1") { id updatedAt } }`);
      expect(result.errors).toHaveLength(1);
      expect(result.data).toEqual({ product: null });
    });
  });
});
