import type { OhlcvBar } from '../bars/ohlcv-bar';
import type { SeededRandom } from '../random/seeded-random';
import type { SentimentBucket } from '../risk/sentiment-spike';
import { generateSyntheticBars } from './synthetic-bars';

/** A pump drawn on a bar series: the price multiplier climbs, then gives most of it back. */
export interface PumpShape {
  /** Index of the last bar before the rise. */
  startIndex: number;
  riseBars: number;
  fallBars: number;
  /** Peak multiplier - 1 (0.8 = +80% at the peak). */
  rise: number;
  /** Share of the rise given back by the end of the fall (0.8 = back to +16% for a +80% rise). */
  retrace: number;
  /** Volume multiplier during the rise (half of it during the fall). */
  volumeBoost: number;
}

/** Multiplier of the price at bar i: 1, a geometric climb to 1 + rise, a geometric fall, then flat. */
export function pumpMultiplier(shape: PumpShape, i: number): number {
  const { startIndex, riseBars, fallBars, rise, retrace } = shape;
  const peak = Math.log1p(rise);
  const rest = Math.log1p(rise * (1 - retrace));
  const k = i - startIndex;
  if (k <= 0) return 1;
  if (k <= riseBars) return Math.exp((peak * k) / riseBars);
  if (k <= riseBars + fallBars) return Math.exp(peak + ((rest - peak) * (k - riseBars)) / fallBars);
  return Math.exp(rest);
}

/** Applies a pump to bars (a new array): prices scaled by the multiplier, volume boosted while it moves. */
export function applyPump(bars: readonly OhlcvBar[], shape: PumpShape): OhlcvBar[] {
  return bars.map((bar, i) => {
    const m = pumpMultiplier(shape, i);
    const k = i - shape.startIndex;
    const boost =
      k > 0 && k <= shape.riseBars
        ? shape.volumeBoost
        : k > 0 && k <= shape.riseBars + shape.fallBars
          ? shape.volumeBoost / 2
          : 1;
    // Open is the previous bar's close, so it takes the previous multiplier: the series stays continuous.
    const mOpen = pumpMultiplier(shape, i - 1);
    const open = bar.open * mOpen;
    const close = bar.close * m;
    const high = Math.max(bar.high * m, open, close);
    const low = Math.min(bar.low * Math.min(m, mOpen), open, close);
    return { ts: bar.ts, open, high, low, close, volume: Math.round(bar.volume * boost) };
  });
}

/** Five-minute bars of a thin, volatile token, with the pump drawn on them. */
export function demoTokenBars(seed: number, startMs: number, count: number, pump: PumpShape): OhlcvBar[] {
  const { bars } = generateSyntheticBars({
    seed,
    start: startMs,
    count,
    timeframeMs: 300_000,
    startPrice: 0.0004,
    regimes: [{ drift: 0, vol: 0.006 }],
    transition: [[1]],
    skipWeekends: false,
    baseVolume: 2_000_000,
  });
  return applyPump(bars, pump);
}

/** Hourly post buckets: a quiet murmur, then `spikePosts` enthusiastic posts in hour `spikeHour`. */
export function demoTokenSentiment(
  rng: SeededRandom,
  startMs: number,
  hours: number,
  spikeHour: number,
  spikePosts: number,
): SentimentBucket[] {
  const buckets: SentimentBucket[] = [];
  for (let h = 0; h < hours; h++) {
    const spike = h === spikeHour;
    const posts = spike ? spikePosts : rng.poisson(4);
    const meanSentiment = spike ? 0.8 : posts === 0 ? 0 : Math.max(-1, Math.min(1, 0.05 + 0.15 * rng.normal()));
    const postIds = Array.from({ length: posts }, (_, k) => `syn-post-${h}-${k}`);
    buckets.push({ ts: startMs + h * 3_600_000, posts, meanSentiment, postIds });
  }
  return buckets;
}
