/** The fragment builder: values are bound in order, placeholders numbered only at render time. */
import { and, FALSE, inList, join, notInList, or, raw, render, sql } from '../sql';

const dollar = (i: number) => `$${i}`;

describe('sql fragments', () => {
  it('binds interpolated values and inlines fragments, numbering placeholders in text order', () => {
    const inner = sql`b = ${2}`;
    const q = sql`SELECT * FROM T WHERE a = ${'x'} AND ${inner} AND c IN (${join([sql`${3}`, sql`${4}`], ', ')})`;
    expect(render(q, dollar)).toEqual({ text: 'SELECT * FROM T WHERE a = $1 AND b = $2 AND c IN ($3, $4)', params: ['x', 2, 3, 4] });
    expect(render(q, () => '?').text).toBe('SELECT * FROM T WHERE a = ? AND b = ? AND c IN (?, ?)');
  });

  it('reuses a fragment without sharing parameter numbers', () => {
    const cond = sql`k > ${5}`;
    expect(render(and([cond, cond]), dollar)).toEqual({ text: '(k > $1) AND (k > $2)', params: [5, 5] });
  });

  it('makes empty lists valid SQL everywhere', () => {
    expect(render(inList(raw('x'), []), dollar).text).toBe(render(FALSE, dollar).text);
    expect(render(notInList(raw('x'), []), dollar).text).toBe('x IS NOT NULL');
    expect(render(or([]), dollar).text).toBe('1 = 0');
    expect(render(and([]), dollar).text).toBe('1 = 1');
    expect(render(inList(raw('x'), ['a', null]), dollar)).toEqual({ text: 'x IN ($1, $2)', params: ['a', null] });
  });
});
