/** The bench's statistics against oracles: enumeration for the sign test, sorting for medians and quantiles. */
import fc from 'fast-check';
import { fixed, median, quantile, ratio, signTestP } from '../stats';

/** P(≥ k positive of n) by counting every one of the 2ⁿ equally likely sign patterns. */
function enumeratedTail(n: number, k: number): number {
  let count = 0;
  for (let mask = 0; mask < 2 ** n; mask++) {
    let ones = 0;
    for (let m = mask; m; m >>= 1) ones += m & 1;
    if (ones >= k) count++;
  }
  return count / 2 ** n;
}

describe('signTestP', () => {
  it('equals the tail counted over every sign pattern, for every n ≤ 14 and count', () => {
    for (let n = 0; n <= 14; n++) {
      for (let k = 0; k <= n; k++) {
        const diffs = [...Array(k).fill(1.5), ...Array(n - k).fill(-0.5)];
        expect(signTestP(diffs)).toBeCloseTo(enumeratedTail(n, k), 12);
      }
    }
  });

  it('leaves out ties and does not depend on the order or size of the differences', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -5, max: 5 }), { maxLength: 14 }), (xs) => {
        const n = xs.filter((x) => x !== 0).length;
        const k = xs.filter((x) => x > 0).length;
        expect(signTestP(xs)).toBeCloseTo(enumeratedTail(n, k), 12);
        expect(signTestP([...xs].reverse().map((x) => x * 7))).toBeCloseTo(signTestP(xs), 12);
      }),
    );
  });

  it('says "not more often than chance" for an even split and "more often" for a lopsided one', () => {
    const even = Array.from({ length: 40 }, (_, i) => (i % 2 ? 1 : -1));
    expect(signTestP(even)).toBeGreaterThan(0.5);
    expect(signTestP([...Array(30).fill(1), ...Array(10).fill(-1)])).toBeLessThan(0.01);
    // Beyond where 2⁻ⁿ underflows: an even split is still ~½, two to one still tiny but not 0.
    expect(signTestP(Array.from({ length: 3000 }, (_, i) => (i % 2 ? 1 : -1)))).toBeCloseTo(0.5, 1);
    const lopsided = signTestP(Array.from({ length: 3000 }, (_, i) => (i % 3 ? 1 : -1)));
    expect(lopsided).toBeGreaterThan(0);
    expect(lopsided).toBeLessThan(1e-6);
  });
});

describe('median and quantile', () => {
  it('match the sorted array', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), { minLength: 1, maxLength: 50 }), fc.double({ min: 0, max: 1, noNaN: true }), (xs, q) => {
        const s = [...xs].sort((a, b) => a - b);
        const mid = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        expect(median(xs)).toBe(mid);
        expect(quantile(xs, q)).toBe(s[Math.min(s.length - 1, Math.floor(q * s.length))]);
        expect(quantile(xs, 0)).toBe(s[0]);
        expect(quantile(xs, 1)).toBe(s[s.length - 1]);
      }),
    );
  });
});

describe('ratio', () => {
  it('divides, and says — instead of NaN or Infinity when there is nothing to divide by', () => {
    expect(ratio(3, 2)).toBe('1.50×');
    expect(ratio(0, 2)).toBe('0.00×');
    expect(ratio(0, 0)).toBe('—');
    expect(ratio(5, 0)).toBe('—');
    expect(ratio(Number.NaN, 2)).toBe('—');
  });
});

describe('fixed', () => {
  it('prints a number with its decimals, and — for the median of no samples', () => {
    expect(fixed(2.345, 1)).toBe('2.3');
    expect(fixed(median([]), 2)).toBe('—');
    expect(fixed(median([4, 2]), 2)).toBe('3.00');
  });
});
