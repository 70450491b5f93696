import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { EMA } from '../../indicators/ema';
import { MACD, type MACDResult } from '../../indicators/macd';
import { RSI } from '../../indicators/rsi';
import { SMA } from '../../indicators/sma';

/** What the rule language needs of an indicator instance: fold in one input, give the result or null. */
export interface RuleIndicator {
  add(input: never): unknown;
  readonly warmUp: number;
}

export interface IndicatorParam {
  name: string;
  /** `period`: a whole number >= 1; `number`: any finite number. */
  kind: 'period' | 'number';
  default?: number;
}

export interface IndicatorSpec {
  /** What `rule --help`-style docs show. */
  summary: string;
  /** `value`: the first argument is a numeric expression (`rsi(close, 14)`); `bar`: reads the bar (`atr(14)`). */
  input: 'value' | 'bar';
  params: readonly IndicatorParam[];
  create(params: readonly number[]): RuleIndicator;
  /** Multi-output indicators: field name -> accessor. Without fields the result is a number. */
  fields?: Readonly<Record<string, (result: never) => number>>;
}

const period = (name: string, fallback?: number): IndicatorParam =>
  fallback === undefined ? { name, kind: 'period' } : { name, kind: 'period', default: fallback };

/**
 * The indicator functions of the rule language, by the name written in rules. Each entry adapts a streaming
 * indicator of packages/quant/src/indicators; the maths lives there, once.
 */
export const INDICATOR_CATALOG: Readonly<Record<string, IndicatorSpec>> = {
  sma: {
    summary: 'simple moving average',
    input: 'value',
    params: [period('period')],
    create: ([n]) => new SMA(n!),
  },
  ema: {
    summary: 'exponential moving average, SMA-seeded',
    input: 'value',
    params: [period('period')],
    create: ([n]) => new EMA(n!),
  },
  rsi: {
    summary: "Wilder's relative strength index, 0-100",
    input: 'value',
    params: [period('period', 14)],
    create: ([n]) => new RSI(n!),
  },
  macd: {
    summary: 'MACD line, signal and histogram',
    input: 'value',
    params: [period('fast', 12), period('slow', 26), period('signal', 9)],
    create: ([f, s, g]) => new MACD(f!, s!, g!),
    fields: {
      macd: (r: MACDResult) => r.macd,
      signal: (r: MACDResult) => r.signal,
      hist: (r: MACDResult) => r.histogram,
    },
  },
};

/** The series a rule can name, read from the bar. */
export const SERIES: Readonly<Record<string, (bar: OhlcvBar) => number>> = {
  open: (b) => b.open,
  high: (b) => b.high,
  low: (b) => b.low,
  close: (b) => b.close,
  volume: (b) => b.volume,
  hl2: (b) => (b.high + b.low) / 2,
  hlc3: (b) => (b.high + b.low + b.close) / 3,
  ohlc4: (b) => (b.open + b.high + b.low + b.close) / 4,
};
