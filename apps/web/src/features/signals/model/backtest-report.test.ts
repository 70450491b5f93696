import type { BacktestResultDto } from '@marketlens/contracts';
import { describe, expect, it } from 'vitest';
import { describeBacktest, metricRows } from './backtest-report';

// The shape and figures of a real backtest of an EMA(5)/SMA(20) cross on the demo SYN-BTC daily bars.
const metrics: BacktestResultDto['metrics'] = {
  totalReturn: 15.210527994394312,
  cagr: 0.32158699330431584,
  volatility: 0.47192312369724737,
  sharpe: 0.821230294538409,
  sortino: 1.31142515767274,
  calmar: 0.8066442862281227,
  maxDrawdown: 0.3986726228584102,
  drawdown: {
    value: 0.3986726228584102,
    peakIndex: 902,
    troughIndex: 1505,
    recoveryIndex: 1732,
    durationBars: 830,
    peakTime: '2018-06-24T00:00:00.000Z',
    troughTime: '2020-02-17T00:00:00.000Z',
    recoveryTime: '2020-10-01T00:00:00.000Z',
  },
  exposure: 0.5558904109589041,
  trades: 111,
  winRate: 0.46846846846846846,
  profitFactor: 2.0748296819518384,
  expectancy: 0.035020928494772875,
  avgTrade: 0.035020928494772875,
  bestTrade: 0.885695831660962,
  worstTrade: -0.20651279384951648,
  maxConsecutiveWins: 3,
  maxConsecutiveLosses: 4,
  sqn: 2.3809899434075357,
  buyAndHoldReturn: 164.59660119670778,
  periodsPerYear: 365.25,
};

const result = (overrides: Partial<BacktestResultDto> = {}): BacktestResultDto => ({
  bars: 3650,
  firstBarTime: '2015-01-01T00:00:00.000Z',
  lastBarTime: '2024-12-28T00:00:00.000Z',
  signals: 222,
  trades: [],
  metrics,
  equityCurve: { times: [], equity: [], buyAndHold: [], totalPoints: 0 },
  regimes: [],
  regimeFitId: null,
  lookAhead: { cutPoints: 5, mismatches: 0, firstMismatch: null },
  engineSeconds: 0.01,
  lookAheadSeconds: 0.02,
  ...overrides,
});

describe('metricRows', () => {
  it('puts buy-and-hold beside the total return and gives returns a sign', () => {
    const [total, drawdown] = metricRows(metrics);
    expect(total).toMatchObject({ label: 'Total return', strategy: '+1,521.1%', buyAndHold: '+16,459.7%' });
    expect(drawdown).toMatchObject({ strategy: '39.9%' });
    expect(drawdown?.note).toBe('peak 2018-06-24, low 2020-02-17, recovered 2020-10-01 (830 bars)');
  });

  it('shows every metric, percentages for shares, two decimals for ratios', () => {
    const byKey = Object.fromEntries(metricRows(metrics).map((r) => [r.key, r]));
    expect(Object.keys(byKey)).toHaveLength(18);
    expect(byKey.winRate?.strategy).toBe('46.8%');
    expect(byKey.worstTrade?.strategy).toBe('-20.7%');
    expect(byKey.sharpe).toMatchObject({ label: 'Sharpe (annualised)', strategy: '0.82' });
    expect(byKey.trades?.strategy).toBe('111');
  });

  it('shows a dash for a figure that does not apply', () => {
    const byKey = Object.fromEntries(metricRows({ ...metrics, profitFactor: null }).map((r) => [r.key, r]));
    expect(byKey.profitFactor?.strategy).toBe('—');
  });
});

describe('describeBacktest', () => {
  it('compares with buy-and-hold in plain words and never claims skill', () => {
    const verdict = describeBacktest(result(), { synthetic: false });
    expect(verdict.headline).toBe(
      "Over 3,650 bars (2015-01-01 to 2024-12-28) the strategy returned +1,521.1%, less than buy-and-hold's +16,459.7%, with a largest fall of 39.9%.",
    );
    expect(verdict.notes.join(' ')).toMatch(/no signal changed .* 5 points/);
    expect(verdict.notes.join(' ')).toMatch(/not evidence they will work on new data/);
    expect(verdict.tone).toBe('plain');
  });

  it('cautions about few trades, synthetic bars and a failed look-ahead check', () => {
    const verdict = describeBacktest(
      result({
        metrics: { ...metrics, trades: 4 },
        lookAhead: { cutPoints: 5, mismatches: 2, firstMismatch: null },
      }),
      { synthetic: true },
    );
    expect(verdict.tone).toBe('caution');
    const text = verdict.notes.join(' ');
    expect(text).toMatch(/2 signals that changed/);
    expect(text).toMatch(/Only 4 trades/);
    expect(text).toMatch(/synthetic/);
  });
});
