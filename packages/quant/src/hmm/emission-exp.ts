// exp(x) for x <= 0, cheaper than Math.exp in V8 and accurate to ~1 ulp (relative error < 1e-15, far
// inside the forward pass's ~1e-12 budget). The forward pass calls it up to K times per row, where
// Math.exp was a quarter of an EM iteration.
// exp(x) = 2^e * 2^(j/64) * exp(r) with k = round(64 x / ln 2) = 64 e + j, |r| <= ln(2)/128, exp(r) by
// its Taylor series to degree 5 (truncation error < 4e-17), 2^(j/64) and 2^e from tables.

const N = 64;
const LN2_N_HI = 0.6931471803691238 / N; // ln2 / 64 split so k * LN2_N_HI is exact for |k| < 2^17
const LN2_N_LO = 1.9082149292705877e-10 / N;
const N_LOG2E = N * 1.4426950408889634;
const MIN_E = -1022;
const POW2 = new Float64Array(-MIN_E + 1);
for (let e = MIN_E; e <= 0; e++) POW2[e - MIN_E] = 2 ** e;
const FRAC = new Float64Array(N);
for (let j = 0; j < N; j++) FRAC[j] = 2 ** (j / N);

export function expNonPositive(x: number): number {
  // Results that would be subnormal (or x > 0, NaN) go to Math.exp; they never occur in a well-scaled row.
  if (!(x >= -700 && x <= 0)) return Math.exp(x);
  // x * N_LOG2E is in [-64700, 0]: | 0 truncates toward zero, so subtracting 0.5 first rounds to nearest.
  const k = (x * N_LOG2E - 0.5) | 0;
  const r = x - k * LN2_N_HI - k * LN2_N_LO;
  const r2 = r * r;
  const p = 1 + r + r2 * (0.5 + r * (1 / 6) + r2 * (1 / 24 + r * (1 / 120)));
  const j = k & (N - 1);
  return p * FRAC[j]! * POW2[((k - j) >> 6) - MIN_E]!;
}
