import { describe, expect, it } from 'vitest';
import { computeMetrics } from './forecast-metrics';
import { isDirectionHit, logReturnBetween, priceAfterLogReturn, saysUp } from './direction';
import { buildTargets } from './targets';

describe('direction convention', () => {
  it('reads a log-return forecast against 0 and P(up) against 0.5, with the threshold itself meaning no view', () => {
    expect(saysUp('regression', 0.001)).toBe(true);
    expect(saysUp('regression', 0)).toBe(false);
    expect(saysUp('direction', 0.51)).toBe(true);
    expect(saysUp('direction', 0.5)).toBe(false);
  });

  it('counts a hit when the side matches the realised return, a flat outcome counting as not up', () => {
    expect(isDirectionHit('regression', 0.01, 0.02)).toBe(true);
    expect(isDirectionHit('regression', 0.01, -0.02)).toBe(false);
    expect(isDirectionHit('direction', 0.3, 0)).toBe(true);
    expect(isDirectionHit('direction', 0.7, 0)).toBe(false);
  });

  it('gives the walk-forward directional accuracy as the share of hits', () => {
    const yhat = [0.01, -0.02, 0.03, 0];
    const y = [0.02, 0.01, 0.01, -0.01];
    const hits = yhat.filter((f, i) => isDirectionHit('regression', f, y[i]!)).length;
    const m = computeMetrics({ kind: 'regression', yhat, y, lower: y, upper: y, periodsPerYear: 252, horizon: 1 });
    expect(m.directionalAccuracy).toBe(hits / 4);
  });

  it('computes log returns exactly as the training targets do, and inverts them to prices', () => {
    const bars = [100.1, 103.7].map((close, i) => ({ ts: i, open: close, high: close, low: close, close, volume: 0 }));
    expect(logReturnBetween(100.1, 103.7)).toBe(buildTargets(bars, 1).logReturn[0]);
    expect(priceAfterLogReturn(100, Math.log(1.05))).toBeCloseTo(105, 12);
  });
});
