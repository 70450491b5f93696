import { describe, expect, it } from 'vitest';
import { annualisedSharpe, computeMetrics, maxDrawdown } from './forecast-metrics';

describe('forecast metrics, computed by hand', () => {
  it('regression: RMSE, MAE, direction, coverage, width, sign-trading returns', () => {
    const m = computeMetrics({
      kind: 'regression',
      yhat: [0.01, -0.02, 0.03, 0],
      y: [0.02, 0.01, 0.01, -0.01],
      lower: [0, -0.03, 0.02, -0.02],
      upper: [0.02, 0, 0.04, 0.02],
      periodsPerYear: 4,
    });
    // errors: -0.01, -0.03, 0.02, 0.01 -> squares 1, 9, 4, 1 (e-4) -> mse 3.75e-4
    expect(m.rmse).toBeCloseTo(Math.sqrt(3.75e-4), 15);
    expect(m.mae).toBeCloseTo(0.0175, 15);
    // sides: up/up hit, down/up miss, up/up hit, "not up"/down hit
    expect(m.directionalAccuracy).toBe(0.75);
    // covered: 0.02 in [0, 0.02] yes; 0.01 in [-0.03, 0] no; 0.01 in [0.02, 0.04] no; -0.01 yes
    expect(m.intervalCoverage).toBe(0.5);
    expect(m.intervalWidth).toBeCloseTo((0.02 + 0.03 + 0.02 + 0.04) / 4, 15);
    expect(m.logLoss).toBeNull();
    expect(m.brier).toBeNull();
    // positions +1, -1, +1, 0 -> returns 0.02, -0.01, 0.01, 0: mean 0.005, squared deviations
    // 2.25e-4 + 2.25e-4 + 0.25e-4 + 0.25e-4 = 5e-4, sample sd sqrt(5e-4 / 3); annualised by sqrt(4)
    expect(m.sharpe).toBeCloseTo((0.005 / Math.sqrt(5e-4 / 3)) * 2, 12);
    expect(m.buyHoldSharpe).toBeCloseTo(annualisedSharpe([0.02, 0.01, 0.01, -0.01], 4), 15);
    expect(m.n).toBe(4);
  });

  it('direction: log loss and Brier of P(up) against the outcome; RMSE is sqrt(Brier)', () => {
    const m = computeMetrics({
      kind: 'direction',
      yhat: [0.8, 0.4, 0.5],
      y: [0.01, 0.02, -0.03],
      lower: [0.5, 0, 0],
      upper: [1, 0.8, 1],
      periodsPerYear: 365,
    });
    expect(m.brier).toBeCloseTo((0.04 + 0.36 + 0.25) / 3, 15);
    expect(m.rmse).toBeCloseTo(Math.sqrt(m.brier!), 15);
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.4) + Math.log(0.5)) / 3, 15);
    // sides: up (hit), not up vs up (miss), 0.5 = not up vs down (hit)
    expect(m.directionalAccuracy).toBeCloseTo(2 / 3, 15);
    // outcomes 1, 1, 0: in [0.5,1] yes, [0,0.8] no, [0,1] yes
    expect(m.intervalCoverage).toBeCloseTo(2 / 3, 15);
  });

  it('Sharpe: mean / sample sd * sqrt(periods per year), 0 for a flat series', () => {
    // returns 1, 3: mean 2, sample sd sqrt(2)
    expect(annualisedSharpe([1, 3], 9)).toBeCloseTo((2 / Math.sqrt(2)) * 3, 14);
    expect(annualisedSharpe([0, 0, 0], 365)).toBe(0);
  });

  it('max drawdown of exp(cumulative log return), measured from the running peak', () => {
    // cum: 0.1, -0.1, 0.2, 0.0 -> peak 0.1 then trough -0.1: 1 - e^-0.2; later 0.2 -> 0.0: 1 - e^-0.2 again
    expect(maxDrawdown([0.1, -0.2, 0.3, -0.2])).toBeCloseTo(1 - Math.exp(-0.2), 15);
    expect(maxDrawdown([0.1, 0.2])).toBe(0);
    // a fall from the start counts against the starting equity of 1
    expect(maxDrawdown([-0.5, 0.1])).toBeCloseTo(1 - Math.exp(-0.5), 15);
  });

  it('rejects empty and mismatched input by name', () => {
    expect(() =>
      computeMetrics({ kind: 'regression', yhat: [], y: [], lower: [], upper: [], periodsPerYear: 1 }),
    ).toThrow('predictions: are empty');
    expect(() =>
      computeMetrics({ kind: 'regression', yhat: [1], y: [1, 2], lower: [1, 2], upper: [1, 2], periodsPerYear: 1 }),
    ).toThrow('yhat: has 1 values for 2 targets');
  });
});
