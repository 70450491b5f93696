import { describe, expect, it } from 'vitest';
import { formatMetricValue, formatSignedShare, metricLabel } from './metric-format';

describe('metricLabel', () => {
  it('names the logged keys in words', () => {
    expect(metricLabel('directionalAccuracy')).toBe('Directional accuracy');
    expect(metricLabel('rmse')).toBe('RMSE');
    expect(metricLabel('maxDrawdown')).toBe('Max drawdown');
    expect(metricLabel('bic')).toBe('BIC');
  });

  it("names the baseline's metrics and the per-fold curves after the model's", () => {
    expect(metricLabel('baseline.n')).toBe('Baseline rows');
    expect(metricLabel('baseline.rmse')).toBe('Baseline RMSE');
    expect(metricLabel('baseline.directionalAccuracy')).toBe('Baseline directional accuracy');
    expect(metricLabel('baseline.brier')).toBe('Baseline Brier score');
    expect(metricLabel('baseline.sharpe')).toBe('Baseline Sharpe of trading the sign');
    expect(metricLabel('fold.rmse')).toBe('RMSE by fold');
  });

  it('makes words of a key no one has named yet', () => {
    expect(metricLabel('someNewMetric')).toBe('Some new metric');
  });
});

describe('formatMetricValue', () => {
  it('shows shares as percentages, as the Forecasts page always has', () => {
    expect(formatMetricValue('directionalAccuracy', 0.5094)).toBe('50.9%');
    expect(formatMetricValue('baseline.intervalCoverage', 0.903)).toBe('90.3%');
    expect(formatMetricValue('fold.maxDrawdown', 0.4213)).toBe('42.1%');
  });

  it('gives errors four decimals (three significant digits when tiny), Sharpe two, criteria one', () => {
    expect(formatMetricValue('rmse', 0.041553)).toBe('0.0416');
    expect(formatMetricValue('mae', 0.00312)).toBe('0.00312');
    expect(formatMetricValue('sharpe', 0.3149)).toBe('0.31');
    expect(formatMetricValue('bic', 7575.83)).toBe('7575.8');
  });

  it('shows counts whole with separators, and a dash for a missing value', () => {
    expect(formatMetricValue('baseline.n', 1613)).toBe('1,613');
    expect(formatMetricValue('rmse', null)).toBe('—');
    expect(formatMetricValue('custom', 2)).toBe('2');
  });
});

describe('backtest metrics', () => {
  it('shows returns, rates and exposure as percentages, ratios to two decimals and streaks whole', () => {
    expect(formatMetricValue('totalReturn', 0.2345)).toBe('23.4%');
    expect(formatMetricValue('winRate', 0.46846)).toBe('46.8%');
    expect(formatMetricValue('exposure', 0.5559)).toBe('55.6%');
    expect(formatMetricValue('profitFactor', 2.07483)).toBe('2.07');
    expect(formatMetricValue('maxConsecutiveLosses', 4)).toBe('4');
    expect(metricLabel('cagr')).toBe('CAGR');
    expect(metricLabel('buyAndHoldReturn')).toBe('Buy-and-hold return');
  });

  it('gives returns a sign and thousands separators', () => {
    expect(formatSignedShare(0.052)).toBe('+5.2%');
    expect(formatSignedShare(-0.1109)).toBe('-11.1%');
    expect(formatSignedShare(0)).toBe('0.0%');
    expect(formatSignedShare(15.2105)).toBe('+1,521.1%');
    expect(formatSignedShare(null)).toBe('—');
  });
});
