import type { ScreenMetricName } from './screen-metrics';

export type ScreenFieldType = 'number' | 'text';

export interface ScreenField {
  name: string;
  type: ScreenFieldType;
  label: string;
  /** How to show a number: a fraction as a percentage, usd as money, and so on. */
  unit?: 'fraction' | 'usd' | 'shares' | 'ratio' | 'count' | 'points' | 'probability';
  description: string;
}

const text = (name: string, label: string, description: string): ScreenField => ({
  name,
  type: 'text',
  label,
  description,
});
const number = (name: string, label: string, unit: ScreenField['unit'], description: string): ScreenField => ({
  name,
  type: 'number',
  label,
  ...(unit ? { unit } : {}),
  description,
});

/** The metrics as fields; a Record so that adding a metric without describing it fails to compile. */
const METRIC_FIELDS: Record<ScreenMetricName, ScreenField> = {
  ret1w: number('ret1w', '1W return', 'fraction', 'close / close 5 bars earlier - 1'),
  ret1m: number('ret1m', '1M return', 'fraction', 'close / close 21 bars earlier - 1'),
  ret3m: number('ret3m', '3M return', 'fraction', 'close / close 63 bars earlier - 1'),
  ret6m: number('ret6m', '6M return', 'fraction', 'close / close 126 bars earlier - 1'),
  ret1y: number('ret1y', '1Y return', 'fraction', 'close / close 252 bars earlier - 1'),
  sma20Dist: number('sma20Dist', 'vs SMA20', 'fraction', 'close / 20-bar simple moving average - 1'),
  sma50Dist: number('sma50Dist', 'vs SMA50', 'fraction', 'close / 50-bar simple moving average - 1'),
  sma200Dist: number('sma200Dist', 'vs SMA200', 'fraction', 'close / 200-bar simple moving average - 1'),
  rsi14: number('rsi14', 'RSI(14)', 'points', "Wilder's 14-bar relative strength index, 0..100"),
  high52wDist: number(
    'high52wDist',
    'vs 52W high',
    'fraction',
    'close / highest high of the last 252 bars - 1 (0 at the high)',
  ),
  low52wDist: number(
    'low52wDist',
    'vs 52W low',
    'fraction',
    'close / lowest low of the last 252 bars - 1 (0 at the low)',
  ),
  atr14Pct: number('atr14Pct', 'ATR(14) %', 'fraction', "Wilder's 14-bar average true range / close"),
  avgVol20: number('avgVol20', 'Avg volume 20D', 'shares', 'mean volume of the last 20 bars'),
  relVol: number('relVol', 'Rel. volume', 'ratio', "the bar's volume / avgVol20 (null when avgVol20 is 0)"),
  vol63: number(
    'vol63',
    'Volatility 3M',
    'fraction',
    'sample standard deviation of the last 63 daily log returns x sqrt(252)',
  ),
  maxDd1y: number(
    'maxDd1y',
    'Max drawdown 1Y',
    'fraction',
    'largest peak-to-trough fall of close within the last 252 bars, as a positive fraction',
  ),
  rs3m: number('rs3m', 'RS vs benchmark 3M', 'fraction', "ret3m minus the benchmark's ret3m"),
};

/**
 * Every field a screen can filter, sort or show: symbol name sector industry exchange (text), marketCap price
 * (number), the SCREEN_METRICS, fundamentals (revenueGrowthQoQ revenueGrowthYoY epsGrowthQoQ epsGrowthYoY
 * grossMargin operatingMargin profitMargin peRatio psRatio sharesFloat shortInterest), regime (text)
 * regimeProb (number), score (number).
 */
export const SCREEN_FIELDS: readonly ScreenField[] = [
  text('symbol', 'Symbol', 'ticker symbol'),
  text('name', 'Name', 'company name'),
  text('sector', 'Sector', 'sector, e.g. "Technology"'),
  text('industry', 'Industry', 'industry within the sector'),
  text('exchange', 'Exchange', 'listing exchange, e.g. "NASDAQ"'),
  number('marketCap', 'Market cap', 'usd', 'market capitalisation in US dollars'),
  number('price', 'Price', 'usd', 'close of the as-of bar'),
  ...Object.values(METRIC_FIELDS),
  number('revenueGrowthQoQ', 'Revenue growth QoQ', 'fraction', "last quarter's revenue / the quarter before's - 1"),
  number(
    'revenueGrowthYoY',
    'Revenue growth YoY',
    'fraction',
    "last quarter's revenue / the same quarter a year earlier - 1",
  ),
  number('epsGrowthQoQ', 'EPS growth QoQ', 'fraction', "last quarter's earnings per share / the quarter before's - 1"),
  number(
    'epsGrowthYoY',
    'EPS growth YoY',
    'fraction',
    "last quarter's earnings per share / the same quarter a year earlier - 1",
  ),
  number('grossMargin', 'Gross margin', 'fraction', 'gross profit / revenue, trailing twelve months'),
  number('operatingMargin', 'Operating margin', 'fraction', 'operating income / revenue, trailing twelve months'),
  number('profitMargin', 'Profit margin', 'fraction', 'net income / revenue, trailing twelve months'),
  number('peRatio', 'P/E', 'ratio', 'price / trailing twelve months earnings per share'),
  number('psRatio', 'P/S', 'ratio', 'market cap / trailing twelve months revenue'),
  number('sharesFloat', 'Float', 'shares', 'shares available to trade'),
  number('shortInterest', 'Short interest', 'fraction', 'shares sold short / float'),
  text('regime', 'Regime', "the symbol's current market regime label (Regimes module)"),
  number('regimeProb', 'Regime prob.', 'probability', 'filtered probability of that regime'),
  number(
    'score',
    'Score',
    'points',
    'composite growth/momentum score, 0..100, relative to the snapshot (COMPOSITE_WEIGHTS)',
  ),
];

/** Fields by name, for the parser and the screen runner. */
export function fieldMap(fields: readonly ScreenField[]): ReadonlyMap<string, ScreenField> {
  return new Map(fields.map((f) => [f.name, f]));
}
