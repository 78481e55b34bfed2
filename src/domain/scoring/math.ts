// Numeric building blocks of the model: decay, squashing, the Poisson tail
// behind the spike measure, and rounding that keeps parts adding up.

/** 2^(−age / halfLife) for whole-day ages 0..horizon; ages beyond weigh 0. */
export function decayTable(halfLifeDays: number, horizonDays: number): Float64Array {
  const t = new Float64Array(horizonDays + 1);
  for (let a = 0; a <= horizonDays; a++) t[a] = 2 ** (-a / halfLifeDays);
  return t;
}

/** Raw points to 0–100: 100·(1 − e^(−raw/k)). Concave, so each extra point adds less. */
export function squash(raw: number, k: number): number {
  return raw > 0 ? 100 * -Math.expm1(-raw / k) : 0;
}

/** The inverse of squash, for adding score-scale points in raw space. */
export function unsquash(score: number, k: number): number {
  return score > 0 ? -k * Math.log1p(-Math.min(score, 99.999) / 100) : 0;
}

// ln(n!) for small n from a table, Stirling's series beyond; the table is
// built once at load and never changes.
const LN_FACT = new Float64Array(257);
for (let i = 2; i < LN_FACT.length; i++) LN_FACT[i] = LN_FACT[i - 1]! + Math.log(i);

export function lnFactorial(n: number): number {
  if (n < LN_FACT.length) return LN_FACT[n]!;
  const x = n + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/**
 * −log10 P(X ≥ n) for X ~ Poisson(λ): 0 when n is unremarkable, about 6 for
 * a one-in-a-million burst. Computed in log space so a quiet firm (λ small)
 * with a large burst does not underflow to an infinite surprise.
 */
export function poissonSurprise(n: number, lambda: number): number {
  if (n <= 0) return 0;
  if (!(lambda > 0)) return Number.POSITIVE_INFINITY;
  if (n > lambda) {
    // P(X ≥ n) = pmf(n) · Σ_{j≥0} λ^j · n!/(n+j)!; the ratio λ/(n+j) < 1 makes it converge.
    let term = 1;
    let sum = 1;
    for (let j = 1; j < 100_000; j++) {
      term *= lambda / (n + j);
      sum += term;
      if (term < sum * 1e-16) break;
    }
    const lnP = -lambda + n * Math.log(lambda) - lnFactorial(n) + Math.log(sum);
    return Math.max(0, -lnP / Math.LN10);
  }
  // Here the tail is at least about a half, so 1 − CDF loses nothing.
  let cdf = 0;
  for (let k = 0; k < n; k++) cdf += Math.exp(-lambda + k * Math.log(lambda) - lnFactorial(k));
  return Math.max(0, -Math.log10(Math.max(1 - cdf, Number.MIN_VALUE)));
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}

/**
 * Splits `total` (already rounded to `decimals`) into parts proportional to
 * `weights`, each rounded to `decimals`, that add up exactly to `total`
 * (largest remainder method; ties go to the earlier part, so it is stable).
 */
export function apportion(total: number, weights: readonly number[], decimals: number): number[] {
  const f = 10 ** decimals;
  const units = Math.round(total * f);
  const sum = weights.reduce((a, w) => a + w, 0);
  if (!(sum > 0) || units === 0) return weights.map(() => 0);
  const exact = weights.map((w) => (w / sum) * units);
  const floors = exact.map(Math.floor);
  let left = units - floors.reduce((a, b) => a + b, 0);
  const order = exact.map((e, i) => ({ i, r: e - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors.map((u) => u / f);
}
