import type { Prediction } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { buildAccuracySeries } from './accuracy-series';

const prediction = (day: number, over: Partial<Prediction>): Prediction => ({
  id: String(day),
  symbol: 'X',
  horizon: 1,
  model: 'm',
  version: 1,
  asOf: `2024-01-${String(day).padStart(2, '0')}T00:00:00.000Z`,
  forecast: 0.01,
  kind: 'regression',
  basePrice: 100,
  lower: null,
  upper: null,
  realised: 0.02,
  realisedAt: null,
  hit: true,
  ...over,
});

describe('buildAccuracySeries', () => {
  it('orders realised predictions oldest first and rolls the hit rate over the window', () => {
    const newestFirst = [
      prediction(5, { realised: null, hit: null }),
      prediction(4, { hit: true }),
      prediction(3, { hit: false }),
      prediction(2, { hit: false }),
      prediction(1, { hit: true }),
    ];
    const series = buildAccuracySeries(newestFirst, 2);
    expect(series.map((p) => p.date)).toEqual(['2024-01-01', '2024-01-02', '2024-01-03', '2024-01-04']);
    expect(series.map((p) => p.rollingAccuracy)).toEqual([1, 0.5, 0, 0.5]);
  });

  it('has no predicted return for direction models', () => {
    const [point] = buildAccuracySeries([prediction(1, { kind: 'direction', forecast: 0.6 })]);
    expect(point?.predicted).toBeNull();
  });
});
