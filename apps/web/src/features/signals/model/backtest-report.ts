import type { BacktestResultDto } from '@marketlens/contracts';
import { formatDate, formatInteger } from '../../../shared/format/format';
import { formatMetricValue, formatShare, formatSignedShare, metricLabel } from '../../../shared/format/metric-format';

type Metrics = BacktestResultDto['metrics'];

export interface MetricRow {
  key: string;
  label: string;
  strategy: string;
  /** The same figure for buy-and-hold, where the API gives one. */
  buyAndHold?: string;
  note?: string;
}

/** Labels that differ from the shared ones (the Forecasts page's Sharpe is of trading a forecast's sign). */
const LABELS: Readonly<Record<string, string>> = {
  sharpe: 'Sharpe (annualised)',
  sortino: 'Sortino (annualised)',
  exposure: 'Exposure (time in a position)',
};

const ORDER: readonly (keyof Metrics)[] = [
  'cagr',
  'volatility',
  'sharpe',
  'sortino',
  'calmar',
  'exposure',
  'trades',
  'winRate',
  'profitFactor',
  'expectancy',
  'avgTrade',
  'bestTrade',
  'worstTrade',
  'maxConsecutiveWins',
  'maxConsecutiveLosses',
  'sqn',
];

const RETURN_KEYS = new Set(['cagr', 'expectancy', 'avgTrade', 'bestTrade', 'worstTrade']);

function drawdownNote(m: Metrics): string | undefined {
  const d = m.drawdown;
  if (!d.peakTime || !d.troughTime || d.value <= 0) return undefined;
  const recovered = d.recoveryTime ? `recovered ${formatDate(d.recoveryTime)}` : 'not recovered by the end';
  return `peak ${formatDate(d.peakTime)}, low ${formatDate(d.troughTime)}, ${recovered} (${formatInteger(d.durationBars)} bars)`;
}

/** Every metric in words and percentages, buy-and-hold beside the strategy where the API measured it. */
export function metricRows(m: Metrics): MetricRow[] {
  const rows: MetricRow[] = [
    {
      key: 'totalReturn',
      label: metricLabel('totalReturn'),
      strategy: formatSignedShare(m.totalReturn),
      buyAndHold: formatSignedShare(m.buyAndHoldReturn),
    },
    { key: 'maxDrawdown', label: 'Max drawdown', strategy: formatShare(m.maxDrawdown), note: drawdownNote(m) },
  ];
  for (const key of ORDER) {
    const value = m[key] as number | null;
    rows.push({
      key,
      label: LABELS[key] ?? metricLabel(key),
      strategy: RETURN_KEYS.has(key) ? formatSignedShare(value) : formatMetricValue(key, value),
    });
  }
  return rows;
}

export interface Verdict {
  headline: string;
  notes: string[];
  tone: 'plain' | 'caution';
}

/**
 * What the numbers say and no more: the strategy beside buy-and-hold over the same bars, and the reasons to
 * doubt it (few trades, synthetic data, a failed look-ahead check). Never a claim of skill.
 */
export function describeBacktest(result: BacktestResultDto, options: { synthetic: boolean }): Verdict {
  const m = result.metrics;
  const span = `${formatInteger(result.bars)} bars (${formatDate(result.firstBarTime)} to ${formatDate(result.lastBarTime)})`;
  const compared =
    m.totalReturn > m.buyAndHoldReturn ? 'more than' : m.totalReturn < m.buyAndHoldReturn ? 'less than' : 'the same as';
  const headline =
    `Over ${span} the strategy returned ${formatSignedShare(m.totalReturn)}, ${compared} buy-and-hold's ` +
    `${formatSignedShare(m.buyAndHoldReturn)}, with a largest fall of ${formatShare(m.maxDrawdown)}.`;
  const notes: string[] = [];
  let caution = false;
  const la = result.lookAhead;
  if (la.mismatches > 0) {
    caution = true;
    notes.push(
      `The look-ahead check found ${formatInteger(la.mismatches)} signal${la.mismatches === 1 ? '' : 's'} that changed when later bars were cut off: the rules use information from the future, so these results cannot be trusted.`,
    );
  } else if (la.cutPoints > 0) {
    notes.push(`Look-ahead check: no signal changed when the history was cut at ${la.cutPoints} points.`);
  }
  if (m.trades < 30) {
    caution = true;
    notes.push(`Only ${m.trades} trade${m.trades === 1 ? '' : 's'}: too few for the rates and ratios to mean much.`);
  }
  if (options.synthetic) {
    caution = true;
    notes.push('The bars are synthetic demo data, not real market prices.');
  }
  notes.push(
    'This describes how the rules did on past bars of this series; it is not evidence they will work on new data.',
  );
  return { headline, notes, tone: caution ? 'caution' : 'plain' };
}
