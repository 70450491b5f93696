import { directionThreshold, isDirectionHit } from './direction';
import { ForecastInputError } from './forecast-input.error';
import { checkBarReturns, overlappingBookReturns } from './overlapping-book';

export interface ForecastMetrics {
  /** Regression: of the log-return forecast; direction: of P(up) against the 0/1 outcome (so rmse^2 = brier). */
  rmse: number;
  mae: number;
  /** Share of rows where the forecast's side (yhat > 0, or P(up) > 0.5) matches the outcome (y > 0). */
  directionalAccuracy: number;
  /** Direction models only: mean negative log-likelihood of the outcome (P clipped to [1e-15, 1 - 1e-15]). */
  logLoss: number | null;
  /** Direction models only: mean (P(up) - outcome)^2. */
  brier: number | null;
  /** Share of rows whose target (the return; the 0/1 outcome for direction models) lies in [lower, upper]. */
  intervalCoverage: number;
  /** Mean upper - lower. */
  intervalWidth: number;
  /**
   * Annualised Sharpe of trading the forecast's sign (long +1 / short -1 / flat 0 on no view), no costs,
   * each position held for the h bars of its target in an overlapping book (overlapping-book.ts), measured
   * bar by bar.
   */
  sharpe: number;
  /** Largest peak-to-trough fall of that book's equity, bar by bar, as a fraction (0.3 = -30%). */
  maxDrawdown: number;
  /** The same book with every position long, so it does not depend on the horizon beyond its ramp-in/out. */
  buyHoldSharpe: number;
  buyHoldMaxDrawdown: number;
  n: number;
}

export interface MetricsInput {
  kind: 'regression' | 'direction';
  /** Forecast per row: log return (regression) or P(up) (direction). */
  yhat: ArrayLike<number>;
  /** Realised target log return per row: the h-bar return after the row's bar; rows are one bar apart. */
  y: ArrayLike<number>;
  lower: ArrayLike<number>;
  upper: ArrayLike<number>;
  /** Bars per year, for the Sharpe ratio of the bar-by-bar book. */
  periodsPerYear: number;
  /** Bars each target spans (h >= 1), so consecutive rows' targets overlap by h - 1 bars. */
  horizon: number;
  /**
   * One-bar log returns from the first row's bar to the last row's target (n + h - 1 values), so that
   * y[i] = barReturns[i] + ... + barReturns[i + h - 1]. Required when h > 1; for h = 1 it is y.
   */
  barReturns?: ArrayLike<number>;
}

const mean = (xs: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return s / xs.length;
};

/**
 * Annualised Sharpe of per-period log returns: mean / sd (ddof 1) * sqrt(periodsPerYear), risk-free 0.
 * A series with no variation (e.g. always flat) has Sharpe 0: no risk taken, no skill shown.
 */
export function annualisedSharpe(returns: ArrayLike<number>, periodsPerYear: number): number {
  if (returns.length < 2) return 0;
  const m = mean(returns);
  let ss = 0;
  for (let i = 0; i < returns.length; i++) ss += (returns[i]! - m) ** 2;
  const sd = Math.sqrt(ss / (returns.length - 1));
  return sd > 0 ? (m / sd) * Math.sqrt(periodsPerYear) : 0;
}

/** Max drawdown of the equity exp(cumulative log return), from a start at 1: max over t of 1 - E_t / max_{s<=t} E_s. */
export function maxDrawdown(logReturns: ArrayLike<number>): number {
  let cum = 0;
  let peak = 0;
  let worst = 0;
  for (let i = 0; i < logReturns.length; i++) {
    cum += logReturns[i]!;
    peak = Math.max(peak, cum);
    worst = Math.max(worst, 1 - Math.exp(cum - peak));
  }
  return worst;
}

/** Metrics of one set of out-of-sample predictions (a fold, or all folds together). */
export function computeMetrics(input: MetricsInput): ForecastMetrics {
  const { kind, yhat, y, lower, upper, periodsPerYear, horizon } = input;
  const n = y.length;
  if (n === 0) throw new ForecastInputError('predictions', 'are empty: no metrics without at least one row');
  for (const [field, xs] of [
    ['yhat', yhat],
    ['lower', lower],
    ['upper', upper],
  ] as const) {
    if (xs.length !== n) throw new ForecastInputError(field, `has ${xs.length} values for ${n} targets`);
  }
  const barReturns = barReturnsOf(input);
  const direction = kind === 'direction';
  const threshold = directionThreshold(kind);
  let se = 0;
  let ae = 0;
  let hits = 0;
  let covered = 0;
  let width = 0;
  let ll = 0;
  const positions = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const f = yhat[i]!;
    const r = y[i]!;
    const outcome = r > 0 ? 1 : 0;
    const target = direction ? outcome : r;
    se += (f - target) ** 2;
    ae += Math.abs(f - target);
    if (isDirectionHit(kind, f, r)) hits += 1;
    if (target >= lower[i]! && target <= upper[i]!) covered += 1;
    width += upper[i]! - lower[i]!;
    if (direction) {
      const p = Math.min(1 - 1e-15, Math.max(1e-15, f));
      ll -= outcome === 1 ? Math.log(p) : Math.log(1 - p);
    }
    positions[i] = Math.sign(f - threshold);
  }
  const strategy = overlappingBookReturns(positions, barReturns, horizon);
  const buyHold = overlappingBookReturns(new Float64Array(n).fill(1), barReturns, horizon);
  return {
    rmse: Math.sqrt(se / n),
    mae: ae / n,
    directionalAccuracy: hits / n,
    logLoss: direction ? ll / n : null,
    brier: direction ? se / n : null,
    intervalCoverage: covered / n,
    intervalWidth: width / n,
    sharpe: annualisedSharpe(strategy, periodsPerYear),
    maxDrawdown: maxDrawdown(strategy),
    buyHoldSharpe: annualisedSharpe(buyHold, periodsPerYear),
    buyHoldMaxDrawdown: maxDrawdown(buyHold),
    n,
  };
}

function barReturnsOf({ y, horizon, barReturns }: MetricsInput): ArrayLike<number> {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new ForecastInputError('horizon', `must be an integer >= 1 (bars), got ${horizon}`);
  }
  if (barReturns === undefined) {
    if (horizon === 1) return y;
    throw new ForecastInputError(
      'barReturns',
      `are required for horizon ${horizon}: overlapping ${horizon}-bar targets cannot be split back into bars`,
    );
  }
  checkBarReturns(y, barReturns, horizon);
  return barReturns;
}
