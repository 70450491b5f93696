/**
 * Number helpers for raw token amounts (bigint base units) and the robust statistics the detectors share.
 */

/** log10 of a positive bigint, to ~15 significant digits whatever its size; -Infinity for 0 or less. */
export function log10Big(x: bigint): number {
  if (x <= 0n) return Number.NEGATIVE_INFINITY;
  const digits = x.toString();
  if (digits.length <= 15) return Math.log10(Number(digits));
  return Math.log10(Number(digits.slice(0, 15))) + (digits.length - 15);
}

/** a / b as a number (0 when b is 0). Both convert to doubles first: exact to ~1e-16 relative, enough for a share. */
export function ratio(a: bigint, b: bigint): number {
  return b === 0n ? 0 : Number(a) / Number(b);
}

/** True when a and b differ by at most `tolerance` relative to the larger: |a - b| <= tolerance * max(a, b). */
export function withinTolerance(a: bigint, b: bigint, tolerance: number): boolean {
  if (a <= 0n || b <= 0n) return false;
  const [lo, hi] = a < b ? [a, b] : [b, a];
  return Number(hi - lo) <= tolerance * Number(hi);
}

/** Median of finite numbers (mean of the middle two for an even count); NaN for an empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** 1 / Phi^-1(3/4): scales the MAD to the standard deviation of a normal sample. */
export const MAD_TO_SD = 1.4826;
/** sqrt(pi / 2): scales the mean absolute deviation to the standard deviation of a normal sample. */
export const MEAN_AD_TO_SD = 1.2533;

export interface RobustScale {
  center: number;
  /** A standard-deviation-like spread: 1.4826 MAD, or 1.2533 x mean absolute deviation when the MAD is 0. */
  scale: number;
}

/**
 * Median and robust spread of a sample (Iglewicz & Hoaglin 1993, as in IBM SPSS's modified z-score): the MAD
 * scaled to a normal SD, falling back to the mean absolute deviation when more than half the values are equal
 * (MAD 0). `scale` is 0 only when every value equals the median: then no value is an outlier by z.
 */
export function robustScale(values: readonly number[]): RobustScale {
  const center = median(values);
  const deviations = values.map((v) => Math.abs(v - center));
  const mad = median(deviations);
  if (mad > 0) return { center, scale: MAD_TO_SD * mad };
  const meanAd = deviations.reduce((a, b) => a + b, 0) / Math.max(1, deviations.length);
  return { center, scale: MEAN_AD_TO_SD * meanAd };
}

/** Mean and sample standard deviation (divisor n - 1; 0 for fewer than two values). */
export function meanSd(values: ArrayLike<number>, from = 0, to = values.length): { mean: number; sd: number } {
  const n = to - from;
  if (n <= 0) return { mean: Number.NaN, sd: 0 };
  let sum = 0;
  for (let i = from; i < to; i++) sum += values[i]!;
  const mean = sum / n;
  if (n < 2) return { mean, sd: 0 };
  let ss = 0;
  for (let i = from; i < to; i++) ss += (values[i]! - mean) ** 2;
  return { mean, sd: Math.sqrt(ss / (n - 1)) };
}
