import type { OhlcvBar } from '../bars/ohlcv-bar';
import { LogReturn } from '../features/log-return';
import { RollingVolatility } from '../features/rolling-volatility';
import type { StreamingFeature } from '../features/streaming-feature';
import { VolumeZScore } from '../features/volume-z-score';
import type { Matrix } from '../hmm/hmm-types';
import { MACD } from '../indicators/macd';
import { RSI } from '../indicators/rsi';
import { ForecastInputError } from './forecast-input.error';
import { utcCivil } from './utc-calendar';

export interface ForecastFeatureSpec {
  /** Lagged log returns: lag k is the return of bar t - k + 1 (lag 1 = ln(close_t / close_{t-1})). */
  lags: readonly number[];
  /** Rolling volatility windows (sample sd of log returns). */
  vol: readonly number[];
  /** RSI period, or null for none. */
  rsi: number | null;
  /** MACD [fast, slow, signal], or null. */
  macd: readonly [number, number, number] | null;
  /** Volume z-score window, or null. */
  volumeZ: number | null;
  /** Day of week and month as sin/cos pairs (UTC, from the bar's open time). */
  calendar: boolean;
}

export const DEFAULT_FEATURE_SPEC: ForecastFeatureSpec = {
  lags: [1, 2, 3, 5, 10],
  vol: [5, 20],
  rsi: 14,
  macd: [12, 26, 9],
  volumeZ: 20,
  calendar: true,
};

export interface ForecastFeatures {
  /** rows x names.length, row-major; row r describes bar rowIndex[r] using bars 0..rowIndex[r] only. */
  X: Matrix;
  names: string[];
  rowIndex: Int32Array;
}

/** One column group: how many columns, their names, and a writer for bar t (NaN while warming up). */
interface Column {
  names: string[];
  write(bar: OhlcvBar, t: number, out: Float64Array, at: number): void;
}

function lagColumns(lags: readonly number[]): Column {
  const maxLag = Math.max(...lags);
  const history = new Float64Array(maxLag).fill(Number.NaN); // history[k - 1] = return of bar t - k + 1
  const logReturn = new LogReturn();
  return {
    names: lags.map((k) => `ret_lag${k}`),
    write(bar, _t, out, at) {
      history.copyWithin(1, 0, maxLag - 1);
      history[0] = logReturn.add(bar) ?? Number.NaN;
      lags.forEach((k, j) => (out[at + j] = history[k - 1]!));
    },
  };
}

function featureColumn(f: StreamingFeature): Column {
  return { names: [f.label], write: (bar, _t, out, at) => (out[at] = f.add(bar) ?? Number.NaN) };
}

function rsiColumn(period: number): Column {
  const rsi = new RSI(period);
  // Scaled to [0, 1] so it sits on the scale of the other inputs; models standardise anyway.
  return { names: [`rsi${period}`], write: (bar, _t, out, at) => (out[at] = (rsi.add(bar.close) ?? Number.NaN) / 100) };
}

function macdColumns([fast, slow, signal]: readonly [number, number, number]): Column {
  const macd = new MACD(fast, slow, signal);
  return {
    names: ['macd_line', 'macd_signal', 'macd_hist'],
    write(bar, _t, out, at) {
      const r = macd.add(bar.close);
      // Divided by the close: MACD is in price units, which drift by orders of magnitude over BTC's history.
      out[at] = r === null ? Number.NaN : r.macd / bar.close;
      out[at + 1] = r === null ? Number.NaN : r.signal / bar.close;
      out[at + 2] = r === null ? Number.NaN : r.histogram / bar.close;
    },
  };
}

const calendarColumns: Column = {
  names: ['dow_sin', 'dow_cos', 'month_sin', 'month_cos'],
  write(bar, _t, out, at) {
    const { weekday, month } = utcCivil(bar.ts);
    out[at] = Math.sin((2 * Math.PI * weekday) / 7);
    out[at + 1] = Math.cos((2 * Math.PI * weekday) / 7);
    out[at + 2] = Math.sin((2 * Math.PI * (month - 1)) / 12);
    out[at + 3] = Math.cos((2 * Math.PI * (month - 1)) / 12);
  },
};

function regimeColumns(probs: Matrix, bars: number): Column {
  if (probs.rows !== bars || probs.data.length !== probs.rows * probs.cols || probs.cols < 1) {
    throw new ForecastInputError(
      'regimeProbs',
      `must have one row per bar (${bars}) and >= 1 column, got ${probs.rows} x ${probs.cols}`,
    );
  }
  const K = probs.cols;
  return {
    names: Array.from({ length: K }, (_, k) => `regime_p${k}`),
    // A NaN row (the tracker still warming up) keeps the bar out of the matrix, like any other warm-up.
    write: (_bar, t, out, at) => out.set(probs.data.subarray(t * K, t * K + K), at),
  };
}

function checkPeriods(field: string, values: readonly number[], min: number): void {
  values.forEach((v, i) => {
    if (!Number.isInteger(v) || v < min)
      throw new ForecastInputError(`spec.${field}[${i}]`, `must be an integer >= ${min}, got ${v}`);
  });
}

function columnsFor(spec: ForecastFeatureSpec, bars: number, regimeProbs?: Matrix): Column[] {
  checkPeriods('lags', spec.lags, 1);
  checkPeriods('vol', spec.vol, 2);
  const columns: Column[] = [];
  if (spec.lags.length > 0) columns.push(lagColumns(spec.lags));
  for (const n of spec.vol) columns.push(featureColumn(new RollingVolatility(n)));
  if (spec.rsi !== null) columns.push(rsiColumn(spec.rsi));
  if (spec.macd !== null) columns.push(macdColumns(spec.macd));
  if (spec.volumeZ !== null) columns.push(featureColumn(new VolumeZScore(spec.volumeZ)));
  if (spec.calendar) columns.push(calendarColumns);
  if (regimeProbs !== undefined) columns.push(regimeColumns(regimeProbs, bars));
  if (columns.length === 0) throw new ForecastInputError('spec', 'selects no features');
  return columns;
}

/**
 * The forecasting feature matrix of a bar series. Every value at bar t is computed by a streaming
 * calculator that has seen bars 0..t only, so no row looks ahead (a property test checks it). Rows are
 * kept only when every column is finite: the warm-ups, and regime rows the caller left NaN, are dropped;
 * `rowIndex[r]` is the bar of row r. A bad bar throws FeatureInputError naming its index.
 */
export function buildForecastFeatures(
  bars: readonly OhlcvBar[],
  spec: ForecastFeatureSpec,
  regimeProbs?: Matrix,
): ForecastFeatures {
  const columns = columnsFor(spec, bars.length, regimeProbs);
  const names = columns.flatMap((c) => c.names);
  const D = names.length;
  const data = new Float64Array(bars.length * D);
  const rowIndex = new Int32Array(bars.length);
  const row = new Float64Array(D);
  const validator = new VolumeZScore(2);
  const closeCheck = new LogReturn();
  let rows = 0;
  for (let t = 0; t < bars.length; t++) {
    const bar = bars[t]!;
    closeCheck.validate(bar, t);
    validator.validate(bar, t);
    if (!Number.isFinite(bar.ts))
      throw new ForecastInputError(`bars[${t}].ts`, `must be a finite epoch ms, got ${bar.ts}`);
    let at = 0;
    for (const c of columns) {
      c.write(bar, t, row, at);
      at += c.names.length;
    }
    if (row.every(Number.isFinite)) {
      data.set(row, rows * D);
      rowIndex[rows] = t;
      rows += 1;
    }
  }
  return { X: { data: data.slice(0, rows * D), rows, cols: D }, names, rowIndex: rowIndex.slice(0, rows) };
}
