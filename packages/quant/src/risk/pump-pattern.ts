import type { OhlcvBar } from '../bars/ohlcv-bar';
import { median } from './amount-math';
import type { PumpParams } from './risk-params';

export interface SpikeReversal {
  /** Bar with the lowest close before the rise, the peak bar, and the first bar that gave back `minRetrace`. */
  startTs: number;
  peakTs: number;
  endTs: number;
  /** close[peak] / close[start] - 1. */
  rise: number;
  /** The largest part of the rise given back within the fall window: (peak - lowest close after) / (peak - start). */
  retrace: number;
  /** The highest volume z-score among the rise's bars (start excluded); null when none had a baseline. */
  maxVolumeZ: number | null;
  /** The bar with that volume z-score. */
  volumeTs: number | null;
}

/** Bars per window from the median spacing of the series (windows are set in time, bars may be any timeframe). */
function barsIn(windowMs: number, spacingMs: number): number {
  return Math.max(1, Math.round(windowMs / spacingMs));
}

/**
 * Volume z-score of each bar: (ln(1 + v) - mean) / max(sd, minSd) over the `baselineBars` bars before it (the
 * bar itself excluded, sample SD). Log volume, because volume is heavy-tailed and often 0 on thin venues.
 * NaN until half the baseline exists.
 */
export function volumeZScores(bars: readonly OhlcvBar[], baselineBars: number, minSd: number): Float64Array {
  const n = bars.length;
  const z = new Float64Array(n).fill(Number.NaN);
  const sum = new Float64Array(n + 1);
  const sumSq = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) {
    const x = Math.log1p(Math.max(0, bars[i]!.volume));
    sum[i + 1] = sum[i]! + x;
    sumSq[i + 1] = sumSq[i]! + x * x;
  }
  const needed = Math.max(2, Math.ceil(baselineBars / 2));
  for (let i = needed; i < n; i++) {
    const from = Math.max(0, i - baselineBars);
    const k = i - from;
    const mean = (sum[i]! - sum[from]!) / k;
    const variance = Math.max(0, (sumSq[i]! - sumSq[from]! - k * mean * mean) / (k - 1));
    z[i] = (Math.log1p(Math.max(0, bars[i]!.volume)) - mean) / Math.max(Math.sqrt(variance), minSd);
  }
  return z;
}

/**
 * Price spikes that reverse: close rises at least `minRise` from the lowest close of the `riseWindowMs` before
 * it, keeps rising to a peak within that window from the low, and within `fallWindowMs` after the peak falls
 * back by at least `minRetrace` of the rise. Bars in time order; windows become bar counts through the median
 * bar spacing. The scan continues after each reversal, so one episode is reported once.
 */
export function detectSpikeReversals(bars: readonly OhlcvBar[], params: PumpParams): SpikeReversal[] {
  const n = bars.length;
  if (n < 3) return [];
  const spacing = median(bars.slice(1).map((b, i) => b.ts - bars[i]!.ts)) || 1;
  const riseBars = barsIn(params.riseWindowMs, spacing);
  const fallBars = barsIn(params.fallWindowMs, spacing);
  const volumeZ = volumeZScores(bars, barsIn(params.volumeBaselineMs, spacing), params.minVolumeSd);
  const close = (i: number) => bars[i]!.close;
  const found: SpikeReversal[] = [];
  for (let t = 1; t < n; t++) {
    let s = t - 1;
    for (let i = Math.max(0, t - riseBars); i < t; i++) if (close(i) < close(s)) s = i;
    if (!(close(s) > 0) || close(t) / close(s) - 1 < params.minRise) continue;
    let p = t;
    for (let i = t + 1; i <= Math.min(n - 1, s + riseBars); i++) if (close(i) > close(p)) p = i;
    const gain = close(p) - close(s);
    const target = close(p) - params.minRetrace * gain;
    let end = -1;
    let lowest = close(p);
    for (let i = p + 1; i <= Math.min(n - 1, p + fallBars); i++) {
      lowest = Math.min(lowest, close(i));
      if (end === -1 && close(i) <= target) end = i;
    }
    if (end === -1) {
      t = p; // a rally that held: look for the next episode after its peak
      continue;
    }
    let maxZ: number | null = null;
    let volumeTs: number | null = null;
    for (let i = s + 1; i <= p; i++) {
      const zi = volumeZ[i]!;
      if (!Number.isNaN(zi) && (maxZ === null || zi > maxZ)) {
        maxZ = zi;
        volumeTs = bars[i]!.ts;
      }
    }
    found.push({
      startTs: bars[s]!.ts,
      peakTs: bars[p]!.ts,
      endTs: bars[end]!.ts,
      rise: close(p) / close(s) - 1,
      retrace: (close(p) - lowest) / gain,
      maxVolumeZ: maxZ,
      volumeTs,
    });
    t = end;
  }
  return found;
}

/** The pump-and-dump pattern: a spike that reverses, whose rise came on abnormal volume (z >= volumeZ). */
export function detectPumpPatterns(bars: readonly OhlcvBar[], params: PumpParams): SpikeReversal[] {
  return detectSpikeReversals(bars, params).filter((s) => s.maxVolumeZ !== null && s.maxVolumeZ >= params.volumeZ);
}
