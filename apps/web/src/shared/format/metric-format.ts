import { formatInteger } from './format';

/**
 * How a metric reads: shares as percentages, error-sized numbers to 4 decimals, ratios (Sharpe) to 2,
 * information criteria to 1, counts whole.
 */
type MetricFormat = 'percent' | 'number' | 'ratio' | 'criterion' | 'count';

interface MetricSpec {
  label: string;
  format: MetricFormat;
}

/**
 * Every metric a run logs (forecast walk-forward, regime fits), by key: the one place that names and formats
 * them, so Models and Forecasts show the same figure the same way.
 */
const METRICS: Readonly<Record<string, MetricSpec>> = {
  rmse: { label: 'RMSE', format: 'number' },
  mae: { label: 'MAE', format: 'number' },
  directionalAccuracy: { label: 'Directional accuracy', format: 'percent' },
  logLoss: { label: 'Log loss', format: 'number' },
  brier: { label: 'Brier score', format: 'number' },
  intervalCoverage: { label: 'Interval coverage', format: 'percent' },
  intervalWidth: { label: 'Interval width', format: 'number' },
  sharpe: { label: 'Sharpe of trading the sign', format: 'ratio' },
  maxDrawdown: { label: 'Max drawdown', format: 'percent' },
  buyHoldSharpe: { label: 'Buy-and-hold Sharpe', format: 'ratio' },
  buyHoldMaxDrawdown: { label: 'Buy-and-hold max drawdown', format: 'percent' },
  n: { label: 'Rows', format: 'count' },
  logLikelihood: { label: 'Log-likelihood', format: 'criterion' },
  aic: { label: 'AIC', format: 'criterion' },
  bic: { label: 'BIC', format: 'criterion' },
  bicByK: { label: 'BIC by number of regimes', format: 'criterion' },
  nIter: { label: 'Iterations', format: 'count' },
  nStates: { label: 'Regimes', format: 'count' },
  // Backtests (Signals): returns and shares are fractions of equity.
  totalReturn: { label: 'Total return', format: 'percent' },
  buyAndHoldReturn: { label: 'Buy-and-hold return', format: 'percent' },
  cagr: { label: 'CAGR', format: 'percent' },
  volatility: { label: 'Annualised volatility', format: 'percent' },
  sortino: { label: 'Sortino', format: 'ratio' },
  calmar: { label: 'Calmar', format: 'ratio' },
  exposure: { label: 'Exposure', format: 'percent' },
  trades: { label: 'Trades', format: 'count' },
  winRate: { label: 'Win rate', format: 'percent' },
  profitFactor: { label: 'Profit factor', format: 'ratio' },
  expectancy: { label: 'Expectancy per trade', format: 'percent' },
  avgTrade: { label: 'Average trade', format: 'percent' },
  bestTrade: { label: 'Best trade', format: 'percent' },
  worstTrade: { label: 'Worst trade', format: 'percent' },
  maxConsecutiveWins: { label: 'Most wins in a row', format: 'count' },
  maxConsecutiveLosses: { label: 'Most losses in a row', format: 'count' },
  sqn: { label: 'SQN', format: 'ratio' },
};

/** `baseline.rmse` is the baseline's RMSE; `fold.rmse` is the per-fold curve of the model's. */
function parseKey(key: string): { prefix: 'baseline' | 'fold' | null; name: string } {
  const dot = key.indexOf('.');
  const head = dot < 0 ? '' : key.slice(0, dot);
  if (head === 'baseline' || head === 'fold') return { prefix: head, name: key.slice(dot + 1) };
  return { prefix: null, name: key };
}

/** "someNewMetric" -> "Some new metric", for a key no one has named yet. */
function humanize(name: string): string {
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[._-]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** Lower-cases a leading common word ("Rows" -> "rows"), not an acronym ("RMSE") or a name ("Brier score"). */
const inSentence = (label: string) =>
  /^[A-Z][a-z]/.test(label) && !/^(Brier|Sharpe)\b/.test(label)
    ? label.charAt(0).toLowerCase() + label.slice(1)
    : label;

/** A metric key in words: "directionalAccuracy" -> "Directional accuracy", "baseline.n" -> "Baseline rows". */
export function metricLabel(key: string): string {
  const { prefix, name } = parseKey(key);
  const label = METRICS[name]?.label ?? humanize(name);
  if (prefix === 'baseline') return `Baseline ${inSentence(label)}`;
  if (prefix === 'fold') return `${label} by fold`;
  return label;
}

/** 0.5094 -> "50.9%": a share (accuracy, coverage, drawdown) as a percentage. */
export function formatShare(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

const signedPercent = new Intl.NumberFormat('en-US', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  signDisplay: 'exceptZero',
});

/** Returns carry their sign: 0.052 -> "+5.2%", 15.2 -> "+1,520.0%"; "—" when there is none. */
export function formatSignedShare(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Number.isFinite(value) ? signedPercent.format(value) : String(value);
}

/** Four decimals, or three significant digits for a value too small to show in four. */
const fourDecimals = (value: number) =>
  Math.abs(value) >= 0.01 || value === 0 ? value.toFixed(4) : value.toPrecision(3);

/** A metric value the way its key reads (see MetricFormat); "—" when there is none. */
export function formatMetricValue(key: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (!Number.isFinite(value)) return String(value);
  switch (METRICS[parseKey(key).name]?.format) {
    case 'percent':
      return formatShare(value);
    case 'ratio':
      return value.toFixed(2);
    case 'criterion':
      return value.toFixed(1);
    case 'count':
      return formatInteger(value);
    case 'number':
      return fourDecimals(value);
    default:
      return Number.isInteger(value) && Math.abs(value) < 1e9 ? String(value) : fourDecimals(value);
  }
}
