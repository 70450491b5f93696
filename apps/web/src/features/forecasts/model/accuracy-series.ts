import type { Prediction } from '@marketlens/contracts';

export interface AccuracyPoint {
  date: string;
  /** Forecast log return (regression) or null (direction models forecast P(up)). */
  predicted: number | null;
  realised: number;
  /** Share of hits over the last `window` realised predictions up to this one. */
  rollingAccuracy: number;
}

/** Realised predictions oldest first, with the rolling directional accuracy the server's gauge tracks. */
export function buildAccuracySeries(predictions: readonly Prediction[], window = 20): AccuracyPoint[] {
  const realised = predictions
    .filter((p): p is Prediction & { realised: number } => p.realised !== null)
    .toSorted((a, b) => Date.parse(a.asOf) - Date.parse(b.asOf));
  const hits: number[] = [];
  return realised.map((p) => {
    hits.push(p.hit ? 1 : 0);
    const recent = hits.slice(-window);
    return {
      date: p.asOf.slice(0, 10),
      predicted: p.kind === 'regression' ? p.forecast : null,
      realised: p.realised,
      rollingAccuracy: recent.reduce((a, b) => a + b, 0) / recent.length,
    };
  });
}
