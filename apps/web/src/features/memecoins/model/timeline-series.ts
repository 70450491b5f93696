import type { Timeline } from '@marketlens/contracts';

/** lightweight-charts' UTC seconds; whole seconds, as every series on one axis must agree on a time. */
export const chartSeconds = (ms: number) => Math.floor(ms / 1000);

/**
 * A post bucket's colour by its mean sentiment (-1..1): rose for negative, slate near zero, emerald for
 * positive, deeper with the strength; the same cut-offs as a post's label (|score| < 0.05 is neutral).
 */
export function sentimentColor(mean: number): string {
  if (mean >= 0.05) return mean >= 0.4 ? '#059669' : '#6ee7b7';
  if (mean <= -0.05) return mean <= -0.4 ? '#e11d48' : '#fda4af';
  return '#94a3b8';
}

interface SentimentPoint {
  time: number;
  value: number;
  color: string;
}

export interface TimelineSeries {
  price: { time: number; value: number }[];
  /** One point per hourly bucket. */
  sentiment: SentimentPoint[];
  /** The buckets as drawn: each repeated on every price bar of its hour, so a bar is an hour wide. */
  sentimentBlocks: SentimentPoint[];
  risk: { time: number; value: number }[];
}

const HOUR_S = 3600;

/** The price bars' spacing in seconds (the smallest gap), or null with fewer than two bars. */
function barStep(times: readonly number[]): number | null {
  let step = Infinity;
  for (let i = 1; i < times.length; i++) step = Math.min(step, times[i]! - times[i - 1]!);
  return Number.isFinite(step) && step > 0 ? step : null;
}

/**
 * On an axis of 5-minute bars an hourly bucket would be a hairline; repeating it on each bar of its hour draws it
 * an hour wide. Without finer bars (or with hourly ones) the buckets are drawn as they are.
 */
export function sentimentBlocks(buckets: readonly SentimentPoint[], priceTimes: readonly number[]): SentimentPoint[] {
  const step = barStep(priceTimes);
  if (step === null || step >= HOUR_S) return [...buckets];
  return buckets.flatMap((b) =>
    Array.from({ length: Math.floor(HOUR_S / step) }, (_, k) => ({ ...b, time: b.time + k * step })),
  );
}

/**
 * The three lines of the chart in chart time. Points falling in the same second keep the last one, since the
 * chart refuses two points at one time; risk points are ordered by time (a step line needs them in order).
 */
export function timelineSeries(timeline: Pick<Timeline, 'price' | 'sentiment' | 'risk'>): TimelineSeries {
  const bySecond = <T extends { time: number }>(points: T[]) => {
    const last = new Map<number, T>();
    for (const p of points) last.set(p.time, p);
    return [...last.values()].sort((a, b) => a.time - b.time);
  };
  const price = bySecond(timeline.price.map((p) => ({ time: chartSeconds(p.t), value: p.close })));
  const sentiment = bySecond(
    timeline.sentiment.map((s) => ({
      time: chartSeconds(s.t),
      value: s.posts,
      color: sentimentColor(s.meanSentiment),
    })),
  );
  return {
    price,
    sentiment,
    sentimentBlocks: bySecond(
      sentimentBlocks(
        sentiment,
        price.map((p) => p.time),
      ),
    ),
    risk: bySecond(timeline.risk.map((r) => ({ time: chartSeconds(r.t), value: r.riskScore }))),
  };
}

/**
 * Decimals that show four significant digits of the largest price: a meme token at 0.00001234 needs 8, one
 * at 12.34 needs 2 (never fewer than 2, at most 12).
 */
export function pricePrecision(maxPrice: number): number {
  if (!(maxPrice > 0) || !Number.isFinite(maxPrice)) return 2;
  const leading = Math.floor(Math.log10(maxPrice));
  return Math.min(12, Math.max(2, 3 - leading));
}
