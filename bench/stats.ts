/** The summary statistics the bench reports: medians, ranges, quantiles and a paired sign test. */

/** The median; NaN for no samples. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

export function range(xs: readonly number[]): string {
  return `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)}`;
}

/** `x` with `digits` decimals, or `—` for a value there is none of (NaN: no samples). */
export function fixed(x: number, digits: number): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '—';
}

/** `a ÷ b` as `1.23×`, or `—` when there is nothing to divide by (a load that completed no request). */
export function ratio(a: number, b: number): string {
  return b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : '—';
}

/** The sample at quantile `q` (nearest rank below; q = 0.99 of 40 samples is the largest). */
export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/**
 * One-sided sign test of paired differences: the chance of at least this many
 * positive differences among the non-zero ones if positive and negative were
 * equally likely (binomial, p = ½). Small (say < 0.05): the first of each pair
 * is longer more often than chance explains. It needs no assumption about the
 * noise's shape, which on a shared machine is anything but normal.
 */
export function signTestP(differences: readonly number[]): number {
  const n = differences.filter((d) => d !== 0).length;
  const positive = differences.filter((d) => d > 0).length;
  // P(X ≥ positive) for X ~ Binomial(n, ½): each term from the one before it,
  // in logarithms (2⁻ⁿ alone underflows from n ≈ 1,075 on), summed after
  // shifting by the largest.
  const logTerms: number[] = [];
  let logTerm = -n * Math.LN2;
  for (let k = 0; k <= n; k++) {
    if (k > 0) logTerm += Math.log((n - k + 1) / k);
    if (k >= positive) logTerms.push(logTerm);
  }
  const top = Math.max(...logTerms);
  return Math.min(1, Math.exp(top) * logTerms.reduce((sum, t) => sum + Math.exp(t - top), 0));
}
