import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { ADX, computeADX, type ADXResult } from '../../indicators/adx';
import { ATR, computeATR } from '../../indicators/atr';
import type { BarColumns } from '../../indicators/bar-columns';
import { BollingerBands, computeBollingerBands, type BollingerBandsResult } from '../../indicators/bollinger-bands';
import { computeDonchianChannel, DonchianChannel, type DonchianChannelResult } from '../../indicators/donchian-channel';
import { computeEMA, EMA } from '../../indicators/ema';
import { computeMACD, MACD, type MACDResult } from '../../indicators/macd';
import { computeOBV, OBV } from '../../indicators/obv';
import { computeRSI, RSI } from '../../indicators/rsi';
import { computeSMA, SMA } from '../../indicators/sma';
import { computeStochRSI, StochRSI } from '../../indicators/stoch-rsi';
import { computeStochastic, Stochastic, type StochasticResult } from '../../indicators/stochastic';
import { computeVWAP, VWAP } from '../../indicators/vwap';
import { computeWMA, WMA } from '../../indicators/wma';
import { computeZScore, ZScore } from '../../indicators/z-score';

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
  /**
   * The batch form over a whole series, exactly `create`'s values with NaN where it gives null: a `value`
   * indicator gets its source's values (a Float64Array), a `bar` indicator the bar columns. A multi-output
   * result has the streaming result's keys, so `fields` pick its columns as well. Optional: without it the
   * batch rule evaluator (rule-batch.ts) runs `create`'s instance over the series. `out`: where a
   * one-column result may be written (a reused column, stale contents: the batch forms write every entry).
   */
  batch?: (
    params: readonly number[],
    input: never,
    out?: Float64Array,
  ) => Float64Array | Readonly<Record<string, Float64Array>>;
  /** Multi-output indicators: field name -> accessor. Without fields the result is a number. */
  fields?: Readonly<Record<string, (result: never) => number>>;
}

const period = (name: string, fallback?: number): IndicatorParam =>
  fallback === undefined ? { name, kind: 'period' } : { name, kind: 'period', default: fallback };
const kd = {
  k: (r: StochasticResult) => r.k,
  d: (r: StochasticResult) => r.d,
};

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
    batch: ([n], v: Float64Array, out?: Float64Array) => computeSMA(v, n!, out),
  },
  ema: {
    summary: 'exponential moving average, SMA-seeded',
    input: 'value',
    params: [period('period')],
    create: ([n]) => new EMA(n!),
    batch: ([n], v: Float64Array, out?: Float64Array) => computeEMA(v, n!, out),
  },
  rsi: {
    summary: "Wilder's relative strength index, 0-100",
    input: 'value',
    params: [period('period', 14)],
    create: ([n]) => new RSI(n!),
    batch: ([n], v: Float64Array, out?: Float64Array) => computeRSI(v, n!, out),
  },
  macd: {
    summary: 'MACD line, signal and histogram',
    input: 'value',
    params: [period('fast', 12), period('slow', 26), period('signal', 9)],
    create: ([f, s, g]) => new MACD(f!, s!, g!),
    batch: ([f, s, g], v: Float64Array) => computeMACD(v, f!, s!, g!),
    fields: {
      macd: (r: MACDResult) => r.macd,
      signal: (r: MACDResult) => r.signal,
      hist: (r: MACDResult) => r.histogram,
    },
  },
  wma: {
    summary: 'linearly weighted moving average',
    input: 'value',
    params: [period('period')],
    create: ([n]) => new WMA(n!),
    batch: ([n], v: Float64Array, out?: Float64Array) => computeWMA(v, n!, out),
  },
  bb: {
    summary: 'Bollinger Bands: SMA +/- k population standard deviations',
    input: 'value',
    params: [period('period', 20), { name: 'k', kind: 'number', default: 2 }],
    create: ([n, k]) => new BollingerBands(n!, k!),
    batch: ([n, k], v: Float64Array) => computeBollingerBands(v, n!, k!),
    fields: {
      upper: (r: BollingerBandsResult) => r.upper,
      middle: (r: BollingerBandsResult) => r.middle,
      lower: (r: BollingerBandsResult) => r.lower,
    },
  },
  zscore: {
    summary: 'rolling z-score (population standard deviation, window includes the value)',
    input: 'value',
    params: [period('period')],
    create: ([n]) => new ZScore(n!),
    batch: ([n], v: Float64Array, out?: Float64Array) => computeZScore(v, n!, out),
  },
  stochrsi: {
    summary: 'stochastic of RSI, 0-100',
    input: 'value',
    params: [period('rsi', 14), period('stoch', 14), period('smoothK', 3), period('d', 3)],
    create: ([r, st, sk, d]) => new StochRSI(r!, st!, sk!, d!),
    batch: ([r, st, sk, d], v: Float64Array) => computeStochRSI(v, r!, st!, sk!, d!),
    fields: kd,
  },
  atr: {
    summary: "Wilder's average true range",
    input: 'bar',
    params: [period('period', 14)],
    create: ([n]) => new ATR(n!),
    batch: ([n], bars: BarColumns, out?: Float64Array) => computeATR(bars, n!, out),
  },
  adx: {
    summary: "Wilder's ADX with +DI and -DI, 0-100",
    input: 'bar',
    params: [period('period', 14)],
    create: ([n]) => new ADX(n!),
    batch: ([n], bars: BarColumns) => computeADX(bars, n!),
    fields: {
      adx: (r: ADXResult) => r.adx,
      plus_di: (r: ADXResult) => r.plusDI,
      minus_di: (r: ADXResult) => r.minusDI,
    },
  },
  stoch: {
    summary: 'stochastic oscillator %K/%D, 0-100 (fast by default)',
    input: 'bar',
    params: [period('k', 14), period('smoothK', 1), period('d', 3)],
    create: ([k, sk, d]) => new Stochastic(k!, sk!, d!),
    batch: ([k, sk, d], bars: BarColumns) => computeStochastic(bars, k!, sk!, d!),
    fields: kd,
  },
  donchian: {
    summary: 'Donchian channel: highest high and lowest low of the last n bars, this one included',
    input: 'bar',
    params: [period('period', 20)],
    create: ([n]) => new DonchianChannel(n!),
    batch: ([n], bars: BarColumns) => computeDonchianChannel(bars, n!),
    fields: {
      upper: (r: DonchianChannelResult) => r.upper,
      middle: (r: DonchianChannelResult) => r.middle,
      lower: (r: DonchianChannelResult) => r.lower,
    },
  },
  obv: {
    summary: 'on-balance volume, 0 on the first bar',
    input: 'bar',
    params: [],
    create: () => new OBV(),
    batch: (_, bars: BarColumns, out?: Float64Array) => computeOBV(bars, out),
  },
  vwap: {
    summary: 'volume-weighted average price of hlc3, reset at 00:00 UTC',
    input: 'bar',
    params: [],
    create: () => new VWAP('utc-day'),
    batch: (_, bars: BarColumns, out?: Float64Array) => computeVWAP(bars, 'utc-day', out),
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
