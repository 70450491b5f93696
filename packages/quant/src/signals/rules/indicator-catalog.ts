import type { OhlcvBar } from '../../bars/ohlcv-bar';
import { ADX, type ADXResult } from '../../indicators/adx';
import { ATR } from '../../indicators/atr';
import { BollingerBands, type BollingerBandsResult } from '../../indicators/bollinger-bands';
import { DonchianChannel, type DonchianChannelResult } from '../../indicators/donchian-channel';
import { EMA } from '../../indicators/ema';
import { MACD, type MACDResult } from '../../indicators/macd';
import { OBV } from '../../indicators/obv';
import { RSI } from '../../indicators/rsi';
import { SMA } from '../../indicators/sma';
import { StochRSI } from '../../indicators/stoch-rsi';
import { Stochastic, type StochasticResult } from '../../indicators/stochastic';
import { VWAP } from '../../indicators/vwap';
import { WMA } from '../../indicators/wma';
import { ZScore } from '../../indicators/z-score';

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
  wma: {
    summary: 'linearly weighted moving average',
    input: 'value',
    params: [period('period')],
    create: ([n]) => new WMA(n!),
  },
  bb: {
    summary: 'Bollinger Bands: SMA +/- k population standard deviations',
    input: 'value',
    params: [period('period', 20), { name: 'k', kind: 'number', default: 2 }],
    create: ([n, k]) => new BollingerBands(n!, k!),
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
  },
  stochrsi: {
    summary: 'stochastic of RSI, 0-100',
    input: 'value',
    params: [period('rsi', 14), period('stoch', 14), period('smoothK', 3), period('d', 3)],
    create: ([r, st, sk, d]) => new StochRSI(r!, st!, sk!, d!),
    fields: kd,
  },
  atr: {
    summary: "Wilder's average true range",
    input: 'bar',
    params: [period('period', 14)],
    create: ([n]) => new ATR(n!),
  },
  adx: {
    summary: "Wilder's ADX with +DI and -DI, 0-100",
    input: 'bar',
    params: [period('period', 14)],
    create: ([n]) => new ADX(n!),
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
    fields: kd,
  },
  donchian: {
    summary: 'Donchian channel: highest high and lowest low of the last n bars, this one included',
    input: 'bar',
    params: [period('period', 20)],
    create: ([n]) => new DonchianChannel(n!),
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
  },
  vwap: {
    summary: 'volume-weighted average price of hlc3, reset at 00:00 UTC',
    input: 'bar',
    params: [],
    create: () => new VWAP('utc-day'),
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
