import { describe, expect, it } from 'vitest';
import { describeBaseline, splitRunMetrics } from './forecast-metrics';
import { buildMetricRows, describeVsBaseline } from './metrics-verdict';

// Figures shaped like docs/forecasts.md's BTC results: ridge a hair worse than zero on RMSE.
const baseline = { rmse: 0.04142, mae: 0.02767, directionalAccuracy: 0.4675, intervalCoverage: 0.903, sharpe: 0 };
const ridge = {
  rmse: 0.04155,
  mae: 0.02781,
  directionalAccuracy: 0.4985,
  intervalCoverage: 0.906,
  sharpe: 0.31,
  buyHoldSharpe: 0.665,
  n: 1613,
};

const OVERSELLING = /\b(beats?|outperform\w*|skilful|skillful|predicts well|edge)\b/i;

describe('describeVsBaseline (the honest-language rule)', () => {
  it('says "no better than the zero-return baseline" when RMSE is above the baseline', () => {
    const verdict = describeVsBaseline(ridge, baseline, { baselineName: 'zero', interval: 0.9 });
    expect(verdict.headline).toMatch(/^No better than the zero-return baseline: RMSE 0\.04155 vs 0\.04142/);
    expect(verdict.tone).toBe('caution');
    expect(verdict.headline).not.toMatch(OVERSELLING);
  });

  it('says "no better" when RMSE equals the baseline exactly', () => {
    const verdict = describeVsBaseline({ rmse: 0.05 }, { rmse: 0.05 }, { baselineName: 'zero' });
    expect(verdict.headline).toMatch(/^No better than the zero-return baseline/);
  });

  it('calls a tiny improvement noise, not a result', () => {
    const verdict = describeVsBaseline({ rmse: 0.0414 }, { rmse: 0.04142 }, { baselineName: 'zero' });
    expect(verdict.headline).toMatch(/^About the same as the zero-return baseline/);
    expect(verdict.headline).toMatch(/within noise/);
  });

  it('reports a real improvement as a measurement and still disclaims skill', () => {
    const verdict = describeVsBaseline({ rmse: 0.03, n: 500 }, { rmse: 0.04 }, { baselineName: 'zero' });
    expect(verdict.headline).toContain('25.0% lower than the zero-return baseline over 500 out-of-sample bars');
    expect(verdict.headline).toMatch(/not proof of skill/);
    expect(verdict.headline).not.toMatch(OVERSELLING);
  });

  it('does not praise a Sharpe below buy-and-hold, and hedges one above it', () => {
    const below = describeVsBaseline(ridge, baseline, { baselineName: 'zero' });
    expect(below.notes.join(' ')).toContain("Sharpe of 0.31, not above buy-and-hold's 0.67");
    const above = describeVsBaseline({ ...ridge, sharpe: 0.81 }, baseline, { baselineName: 'zero' });
    expect(above.notes.join(' ')).toMatch(/0\.81 vs buy-and-hold 0\.67 .*not evidence of skill/);
  });

  it('says when directional accuracy is not above the baseline or a coin flip', () => {
    const notAbove = describeVsBaseline({ rmse: 1, directionalAccuracy: 0.46 }, { rmse: 1, directionalAccuracy: 0.47 });
    expect(notAbove.notes[0]).toBe("Directional accuracy 46.0% is not above the zero-return baseline's 47.0%.");
    const coin = describeVsBaseline({ rmse: 1, directionalAccuracy: 0.49 }, { rmse: 1 });
    expect(coin.notes[0]).toMatch(/no better than a coin flip/);
  });

  it('judges direction models on the Brier score and flags miscalibrated intervals', () => {
    const verdict = describeVsBaseline(
      { rmse: 0.5, brier: 0.2502, intervalCoverage: 0.811 },
      { rmse: 0.49, brier: 0.2495 },
      { baselineName: 'zero', interval: 0.9 },
    );
    expect(verdict.headline).toMatch(/^No better than the zero-return baseline: Brier score/);
    expect(verdict.notes.join(' ')).toContain('The 90.0% interval covered 81.1% of outcomes: miscalibrated');
  });
});

describe('the baseline of a direction model', () => {
  it('is called the base-rate baseline, not a zero-return one', () => {
    const verdict = describeVsBaseline({ brier: 0.2502 }, { brier: 0.2495 }, { baselineName: 'base-rate' });
    expect(verdict.headline).toMatch(/^No better than the base-rate baseline: Brier score/);
    expect(describeBaseline('base-rate')).toMatch(/always calls the more frequent direction/);
  });
});

describe('buildMetricRows', () => {
  it('marks each row better/worse/same against the baseline in the right direction, with buy-and-hold beside Sharpe', () => {
    // gbdt's RMSE is 1.9% above the baseline's: beyond the 0.5% "same" band.
    const rows = buildMetricRows({ ...ridge, rmse: 0.04222 }, baseline, 0.9);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey.rmse?.comparison).toBe('worse');
    expect(byKey.directionalAccuracy?.comparison).toBe('better');
    expect(byKey.intervalCoverage?.comparison).toBe('same');
    expect(byKey.sharpe).toMatchObject({ model: 0.31, baseline: 0, buyHold: 0.665, comparison: 'better' });
    expect(
      rows.map((r) => r.key),
      'rows neither side has are left out',
    ).not.toContain('brier');
    // ridge's 0.3% worse RMSE is inside the band: the table does not make noise look like a difference.
    expect(buildMetricRows(ridge, baseline)[0]?.comparison).toBe('same');
  });
});

describe('splitRunMetrics', () => {
  it("separates the model's metrics from the baseline's and drops per-fold values", () => {
    const split = splitRunMetrics([
      { key: 'rmse', value: 1 },
      { key: 'baseline.rmse', value: 2 },
      { key: 'fold.rmse', value: 3 },
    ]);
    expect(split).toEqual({ model: { rmse: 1 }, baseline: { rmse: 2 } });
  });
});
