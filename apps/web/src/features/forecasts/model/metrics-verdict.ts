import { formatShare } from '../../../shared/format/metric-format';
import { baselineLabel, type MetricKey, type MetricValues } from './forecast-metrics';

export type Better = 'lower' | 'higher' | 'nominal';

export interface MetricRowSpec {
  key: MetricKey;
  better: Better;
}

/** The table's rows, in reading order: error first, then direction, calibration, trading (names: metricLabel). */
export const METRIC_ROWS: readonly MetricRowSpec[] = [
  { key: 'rmse', better: 'lower' },
  { key: 'mae', better: 'lower' },
  { key: 'directionalAccuracy', better: 'higher' },
  { key: 'logLoss', better: 'lower' },
  { key: 'brier', better: 'lower' },
  { key: 'intervalCoverage', better: 'nominal' },
  { key: 'intervalWidth', better: 'lower' },
  { key: 'sharpe', better: 'higher' },
  { key: 'maxDrawdown', better: 'lower' },
];

export type Comparison = 'better' | 'worse' | 'same' | 'n/a';

export interface MetricRow extends MetricRowSpec {
  model: number | null;
  baseline: number | null;
  /** Buy-and-hold beside the trading rows (Sharpe, drawdown); null elsewhere. */
  buyHold: number | null;
  comparison: Comparison;
}

/** Differences smaller than this share of the baseline's value are called "the same": noise, not a result. */
export const SAME_WITHIN = 0.005;

function compare(model: number | undefined, baseline: number | undefined, better: Better, nominal?: number) {
  if (model === undefined || baseline === undefined) return 'n/a' as const;
  if (better === 'nominal') {
    if (nominal === undefined) return 'n/a' as const;
    const [m, b] = [Math.abs(model - nominal), Math.abs(baseline - nominal)];
    if (Math.abs(m - b) <= SAME_WITHIN) return 'same' as const;
    return m < b ? ('better' as const) : ('worse' as const);
  }
  const scale = Math.max(Math.abs(baseline), Math.abs(model), Number.EPSILON);
  if (Math.abs(model - baseline) / scale <= SAME_WITHIN) return 'same' as const;
  const lowerWins = model < baseline;
  return (better === 'lower') === lowerWins ? ('better' as const) : ('worse' as const);
}

/** Rows of the model-vs-baseline table; rows neither side has are left out. */
export function buildMetricRows(model: MetricValues, baseline: MetricValues, interval?: number): MetricRow[] {
  return METRIC_ROWS.filter((spec) => model[spec.key] !== undefined || baseline[spec.key] !== undefined).map(
    (spec) => ({
      ...spec,
      model: model[spec.key] ?? null,
      baseline: baseline[spec.key] ?? null,
      buyHold:
        spec.key === 'sharpe'
          ? (model.buyHoldSharpe ?? null)
          : spec.key === 'maxDrawdown'
            ? (model.buyHoldMaxDrawdown ?? null)
            : null,
      comparison: compare(model[spec.key], baseline[spec.key], spec.better, interval),
    }),
  );
}

export interface Verdict {
  /** One sentence on error vs the baseline: the claim the page makes, and no more. */
  headline: string;
  tone: 'neutral' | 'caution';
  notes: string[];
}

const pct = formatShare;
// Four significant digits: errors of close models differ in the fourth digit, which toFixed(4) would hide.
const num = (v: number) => (Math.abs(v) >= 1 ? v.toFixed(3) : v.toPrecision(4));

/**
 * What the numbers allow us to say, in words. The rule (issue 4): never suggest skill the numbers don't
 * show. Error at or above the baseline's is "no better than" it; a small edge is "within noise"; even a
 * real edge on one walk-forward of one series is worded as a measurement, not as skill.
 */
export function describeVsBaseline(
  model: MetricValues,
  baseline: MetricValues,
  options: { baselineName?: string; interval?: number } = {},
): Verdict {
  const label = baselineLabel(options.baselineName);
  const notes: string[] = [];
  // Direction models are judged on the Brier score (their "RMSE" is on the probability scale).
  const key: MetricKey = model.brier !== undefined && baseline.brier !== undefined ? 'brier' : 'rmse';
  const name = key === 'brier' ? 'Brier score' : 'RMSE';
  const m = model[key];
  const b = baseline[key];
  let headline: string;
  let tone: Verdict['tone'] = 'caution';
  if (m === undefined || b === undefined) {
    headline = `No ${name} to compare with the ${label} yet.`;
    tone = 'neutral';
  } else {
    const gain = (b - m) / Math.max(Math.abs(b), Number.EPSILON);
    if (gain <= 0) {
      headline = `No better than the ${label}: ${name} ${num(m)} vs ${num(b)} (lower is better).`;
    } else if (gain <= SAME_WITHIN) {
      headline = `About the same as the ${label}: ${name} ${num(m)} vs ${num(b)}, a difference within noise.`;
    } else {
      tone = 'neutral';
      const n = model.n === undefined ? '' : ` over ${model.n} out-of-sample bars`;
      headline =
        `${name} ${pct(gain)} lower than the ${label}${n} (${num(m)} vs ${num(b)}). ` +
        'One walk-forward on one series: a measurement, not proof of skill.';
    }
  }

  const da = model.directionalAccuracy;
  const bda = baseline.directionalAccuracy;
  if (da !== undefined && bda !== undefined && da - bda <= SAME_WITHIN) {
    notes.push(`Directional accuracy ${pct(da)} is not above the ${label}'s ${pct(bda)}.`);
  } else if (da !== undefined && da <= 0.5) {
    notes.push(`Directional accuracy ${pct(da)} is no better than a coin flip.`);
  } else if (da !== undefined && bda !== undefined) {
    notes.push(
      `Directional accuracy ${pct(da)} vs the ${label}'s ${pct(bda)}; in a trending market part of any gap is drift.`,
    );
  }

  const s = model.sharpe;
  const bh = model.buyHoldSharpe;
  if (s !== undefined && bh !== undefined) {
    notes.push(
      s <= bh
        ? `Trading the forecast's sign earned a Sharpe of ${s.toFixed(2)}, not above buy-and-hold's ${bh.toFixed(2)}.`
        : `Trading the sign: Sharpe ${s.toFixed(2)} vs buy-and-hold ${bh.toFixed(2)} on one path of one asset, which is not evidence of skill.`,
    );
  }

  const cov = model.intervalCoverage;
  if (cov !== undefined && options.interval !== undefined) {
    const off = Math.abs(cov - options.interval) > 0.05;
    notes.push(`The ${pct(options.interval)} interval covered ${pct(cov)} of outcomes${off ? ': miscalibrated' : ''}.`);
  }
  return { headline, tone, notes };
}
