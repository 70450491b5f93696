import { describe, expect, it } from 'vitest';
import { createSeededRandom } from '../random/seeded-random';
import { ForecastInputError } from './forecast-input.error';
import { annualisedSharpe, computeMetrics, maxDrawdown, type MetricsInput } from './forecast-metrics';

describe('forecast metrics, computed by hand', () => {
  it('regression: RMSE, MAE, direction, coverage, width, sign-trading returns', () => {
    const m = computeMetrics({
      kind: 'regression',
      yhat: [0.01, -0.02, 0.03, 0],
      y: [0.02, 0.01, 0.01, -0.01],
      lower: [0, -0.03, 0.02, -0.02],
      upper: [0.02, 0, 0.04, 0.02],
      periodsPerYear: 4,
      horizon: 1,
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
      horizon: 1,
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
    const empty = { kind: 'regression', yhat: [], y: [], lower: [], upper: [], periodsPerYear: 1, horizon: 1 } as const;
    expect(() => computeMetrics(empty)).toThrow('predictions: are empty');
    expect(() => computeMetrics({ ...empty, yhat: [1], y: [1, 2], lower: [1, 2], upper: [1, 2] })).toThrow(
      'yhat: has 1 values for 2 targets',
    );
  });
});

describe('trading metrics at horizon h > 1: an overlapping book, bar by bar', () => {
  // 3 rows one bar apart, horizon 5: row i's target spans bars i..i+4 of these 7 one-bar returns.
  const barReturns = [0.01, 0.02, -0.01, 0.03, 0.01, -0.02, 0.03];
  const h5: MetricsInput = {
    kind: 'regression',
    yhat: [0.01, -0.01, 0.02], // positions +1, -1, +1
    // y0 = .01+.02-.01+.03+.01 = .06; y1 = .02-.01+.03+.01-.02 = .03; y2 = -.01+.03+.01-.02+.03 = .04
    y: [0.06, 0.03, 0.04],
    lower: [0, 0, 0],
    upper: [0.1, 0.1, 0.1],
    periodsPerYear: 4,
    horizon: 5,
    barReturns,
  };

  it("holds each position for its target's 5 bars with 1/5 of the capital (hand-checked)", () => {
    const m = computeMetrics(h5);
    // Positions open over bar k are rows max(0, k-4)..min(k, 2); exposure = their sum / 5:
    //   k:        0    1    2    3    4    5    6
    //   rows:     0   0,1  0-2  0-2  0-2  1,2   2
    //   exposure: .2   0   .2   .2   .2    0   .2
    // book (exposure x bar return, e-3): 2, 0, -2, 6, 2, 0, 6 -> total 14e-3 = (.06 - .03 + .04) / 5,
    // mean 2e-3; deviations 0, -2, -4, 4, 0, -2, 4 -> squares sum 56e-6; sample sd sqrt(56e-6 / 6);
    // 7 bars, annualised by sqrt(4) = 2 (per bar, not per 5-bar target).
    expect(m.sharpe).toBeCloseTo((2e-3 / Math.sqrt(56e-6 / 6)) * 2, 12);
    // equity log (e-3): 2, 2, 0, 6, 8, 8, 14: the only fall is 2 -> 0
    expect(m.maxDrawdown).toBeCloseTo(1 - Math.exp(-0.002), 15);
    // Buy-and-hold is the same book all long: exposure .2 .4 .6 .6 .6 .4 .2 (3 rows never fill 5 slots)
    // -> (e-3) 2, 8, -6, 18, 6, -8, 6, total 26e-3 = (.06 + .03 + .04) / 5; equity 2, 10, 4, 22, 28, 20, 26:
    // the worst fall is 28 -> 20
    expect(m.buyHoldSharpe).toBeCloseTo(annualisedSharpe([0.002, 0.008, -0.006, 0.018, 0.006, -0.008, 0.006], 4), 14);
    expect(m.buyHoldMaxDrawdown).toBeCloseTo(1 - Math.exp(-0.008), 15);
    // the per-forecast metrics still score each row's own 5-bar target
    expect(m.rmse).toBeCloseTo(Math.sqrt((0.05 ** 2 + 0.04 ** 2 + 0.02 ** 2) / 3), 15);
    expect(m.directionalAccuracy).toBeCloseTo(2 / 3, 15);
    expect(m.n).toBe(3);
  });

  it('gives a forecast that always says up exactly the buy-and-hold figures', () => {
    const m = computeMetrics({ ...h5, yhat: [0.01, 0.01, 0.01] });
    expect(m.sharpe).toBe(m.buyHoldSharpe);
    expect(m.maxDrawdown).toBe(m.buyHoldMaxDrawdown);
  });

  it('gives buy-and-hold on one price path the same Sharpe and drawdown at horizons 1, 5 and 20', () => {
    const rng = createSeededRandom(5);
    // ten years of daily bars, drift 0.03% and volatility 1% a bar (annualised Sharpe about 0.48)
    const r = Float64Array.from({ length: 2520 }, () => 0.0003 + 0.01 * rng.normal());
    const at = (horizon: number) => {
      const n = r.length - horizon + 1; // every row whose target lies inside the path
      const y = Float64Array.from({ length: n }, (_, i) => r.subarray(i, i + horizon).reduce((a, b) => a + b, 0));
      const zeros = new Float64Array(n);
      return computeMetrics({
        kind: 'regression',
        yhat: zeros,
        y,
        lower: zeros,
        upper: zeros,
        periodsPerYear: 252,
        horizon,
        barReturns: r,
      });
    };
    const [one, five, twenty] = [at(1), at(5), at(20)];
    // The books differ only on their h - 1 partly invested bars at each end (38 of 2520 bars at h = 20):
    // here Sharpe moves by < 0.01 and the drawdown by 0.018, because the deepest fall of this path ends
    // inside the last 19 bars, where the h = 20 book is winding down. Scoring the overlapping 20-bar
    // targets as if they were bars (the old metric) gave about sqrt(20) = 4.5 times the Sharpe.
    for (const m of [five, twenty]) {
      expect(Math.abs(m.buyHoldSharpe - one.buyHoldSharpe), 'Sharpe must not grow with the horizon').toBeLessThan(0.02);
      expect(
        Math.abs(m.buyHoldMaxDrawdown - one.buyHoldMaxDrawdown),
        'drawdown must not grow with the horizon',
      ).toBeLessThan(0.03);
    }
  });

  it('rejects a horizon that is not a whole number of bars, naming it', () => {
    for (const horizon of [0, -5, 2.5, Number.NaN]) {
      const call = () => computeMetrics({ ...h5, horizon });
      expect(call, `horizon ${horizon}`).toThrow(ForecastInputError);
      expect(call, `horizon ${horizon}`).toThrow(`horizon: must be an integer >= 1 (bars), got ${horizon}`);
    }
  });

  it('rejects missing, short or shifted bar returns for h > 1 instead of guessing the bars', () => {
    const { barReturns: _omit, ...noBars } = h5;
    expect(() => computeMetrics(noBars)).toThrow('barReturns: are required for horizon 5');
    expect(() => computeMetrics({ ...h5, barReturns: barReturns.slice(1) })).toThrow(
      'barReturns: has 6 values; 3 rows one bar apart at horizon 5 span 7 bars',
    );
    // the same bars shifted by one no longer add up to the targets
    expect(() => computeMetrics({ ...h5, barReturns: [0, ...barReturns.slice(0, 6)] })).toThrow(
      /^barReturns: add up to .* but y\[0\] is 0.06/,
    );
  });
});
