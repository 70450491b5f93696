import type { OhlcvBar } from '../../bars/ohlcv-bar';
import type { SeededRandom } from '../../random/seeded-random';
import { applyPump, type PumpShape } from '../../synthetic/demo-token-market';
import type { SentimentBucket } from '../sentiment-spike';

/** A planted price episode (positive: a pump and dump; decoy: a look-alike) and the time it spans. */
export interface PlantedEpisode {
  kind: 'positive' | 'decoy';
  variant: string;
  fromTs: number;
  toTs: number;
}

const uniform = (rng: SeededRandom, lo: number, hi: number) => lo + (hi - lo) * rng.next();

/**
 * Plants `pumps` pump-and-dumps and `decoys` look-alikes into real bars, each in its own slot of the series
 * after `lead` bars (the volume baseline needs history). Pump: +25%..+100% over 10-90 bars on 3-15x volume,
 * then 60-100% of the rise given back over 30-240 bars. Decoys alternate between a rally on 3-15x volume that
 * holds (gives back at most 30%) and a spike that reverses on ordinary volume.
 */
export function plantPumps(
  bars: readonly OhlcvBar[],
  rng: SeededRandom,
  pumps: number,
  decoys: number,
  lead: number,
): { bars: OhlcvBar[]; episodes: PlantedEpisode[] } {
  const slots = pumps + decoys;
  const slotLength = Math.floor((bars.length - lead) / slots);
  const order = Array.from({ length: slots }, (_, i) => i);
  for (let i = slots - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  let out = [...bars];
  const episodes: PlantedEpisode[] = [];
  order.forEach((slot, k) => {
    const positive = k < pumps;
    const riseBars = 10 + rng.int(81);
    const fallBars = 30 + rng.int(211);
    const quietSpike = !positive && k % 2 === 1;
    const shape: PumpShape = {
      startIndex: lead + slot * slotLength + rng.int(Math.max(1, slotLength - riseBars - fallBars - 1)),
      riseBars,
      fallBars,
      rise: uniform(rng, 0.25, 1),
      retrace: positive || quietSpike ? uniform(rng, 0.6, 1) : uniform(rng, 0, 0.3),
      volumeBoost: quietSpike ? 1 : uniform(rng, 3, 15),
    };
    out = applyPump(out, shape);
    const end = Math.min(out.length - 1, shape.startIndex + riseBars + fallBars);
    episodes.push({
      kind: positive ? 'positive' : 'decoy',
      variant: positive ? 'pump and dump' : quietSpike ? 'spike on ordinary volume' : 'rally on volume that holds',
      fromTs: out[shape.startIndex]!.ts,
      toTs: out[end]!.ts,
    });
  });
  return { bars: out, episodes };
}

/**
 * A synthetic host for SENTIMENT_SPIKE (shared/data has no time series of posts): `days` of hourly buckets,
 * Poisson posts around 20 an hour with a daily cycle, mean sentiment near 0; then `spikes` buckets with 2.5-6x
 * the posts and |mean sentiment| 0.5-0.9 (positives), and as many decoys: 2.5-6x the posts at neutral sentiment
 * (|mean| < 0.3), or strong sentiment at ordinary volume.
 */
export function plantSentimentSpikes(
  rng: SeededRandom,
  days: number,
  spikes: number,
): { buckets: SentimentBucket[]; episodes: PlantedEpisode[] } {
  const hours = days * 24;
  const buckets: SentimentBucket[] = Array.from({ length: hours }, (_, h) => {
    const rate = 20 * (1 + 0.4 * Math.sin((2 * Math.PI * h) / 24));
    return { ts: h * 3_600_000, posts: rng.poisson(rate), meanSentiment: 0.1 * rng.normal() };
  });
  const episodes: PlantedEpisode[] = [];
  const used = new Set<number>();
  for (let k = 0; k < 2 * spikes; k++) {
    let h = 48 + rng.int(hours - 48);
    while (used.has(h) || used.has(h - 1) || used.has(h + 1)) h = 48 + rng.int(hours - 48);
    used.add(h);
    const bucket = buckets[h]!;
    const positive = k < spikes;
    const sign = rng.next() < 0.5 ? -1 : 1;
    const loud = positive || k % 2 === 0;
    if (loud) bucket.posts = Math.round(bucket.posts * uniform(rng, 2.5, 6));
    bucket.meanSentiment = positive || !loud ? sign * uniform(rng, 0.5, 0.9) : sign * uniform(rng, 0, 0.3);
    episodes.push({
      kind: positive ? 'positive' : 'decoy',
      variant: positive
        ? 'post spike, strong sentiment'
        : loud
          ? 'post spike, neutral sentiment'
          : 'strong sentiment, usual volume',
      fromTs: bucket.ts,
      toTs: bucket.ts,
    });
  }
  return { buckets, episodes };
}
