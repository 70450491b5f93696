import type { OhlcvBar } from '../bars/ohlcv-bar';
import { createSeededRandom } from '../random/seeded-random';
import { buildCalendar, DAY_MS } from './synthetic-calendar';

/** Mean and standard deviation of the daily log return in one regime. */
export interface RegimeSpec {
  mean: number;
  sd: number;
}

/** Reference README §2: 0 = calm bull, 1 = choppy, 2 = crisis. */
export const REFERENCE_REGIMES: readonly RegimeSpec[] = [
  { mean: 0.0005, sd: 0.007 },
  { mean: 0, sd: 0.013 },
  { mean: -0.002, sd: 0.03 },
];
export const REFERENCE_TRANSITION: readonly (readonly number[])[] = [
  [0.98, 0.01, 0.01],
  [0.025, 0.95, 0.025],
  [0.05, 0.05, 0.9],
];

/** 2000-01-03T00:00:00Z, a Monday: the first date of the reference series. */
export const REGIME_SERIES_START = 946_857_600_000;

export interface RegimeSeriesOptions {
  /** Number of log returns; the series has n + 1 bars (bar 0 is the anchor). */
  n: number;
  seed: number;
  regimes?: readonly RegimeSpec[];
  transition?: readonly (readonly number[])[];
  startPrice?: number;
}

export interface RegimeSeries {
  /** n + 1 daily bars on business days from 2000-01-03; open = previous close, high/low = max/min(open, close). */
  bars: OhlcvBar[];
  /** True regime of every bar (bar 0, the anchor, is in regime 0). */
  states: Int32Array;
  /** The drawn log return of every bar (0 for the anchor, which has no return). */
  logReturns: Float64Array;
}

function validate(n: number, regimes: readonly RegimeSpec[], transition: readonly (readonly number[])[]): void {
  const fail = (msg: string): never => {
    throw new RangeError(`generateRegimeSeries: ${msg}`);
  };
  if (!Number.isInteger(n) || n < 0) fail(`n must be a non-negative integer, got ${n}`);
  if (regimes.length === 0) fail('at least one regime is needed');
  regimes.forEach((r, i) => {
    if (!Number.isFinite(r.mean) || !(r.sd >= 0) || !Number.isFinite(r.sd)) {
      fail(`regimes[${i}] needs a finite mean and a finite sd >= 0`);
    }
  });
  if (transition.length !== regimes.length)
    fail(`transition has ${transition.length} rows for ${regimes.length} regimes`);
  transition.forEach((row, i) => {
    const sum = row.reduce((a, b) => a + b, 0);
    if (row.length !== regimes.length || row.some((p) => !(p >= 0)) || Math.abs(sum - 1) > 1e-9) {
      fail(`transition[${i}] must have ${regimes.length} non-negative probabilities summing to 1`);
    }
  });
}

/**
 * The reference README §2 regime process with our seeded RNG (the numbers cannot match numpy's; the
 * process does): all n uniforms are drawn first, then all n normals, like the numpy generator; state s_t
 * is the first j with u < cumsum(P[s_{t-1}])[j]; r_t = mean + sd * z; close_t = startPrice * exp(r_1 + ...
 * + r_t) from a sequential sum. Volume is drawn from a separate stream (seeded from `seed`), higher in
 * volatile regimes, so it does not change the returns.
 */
export function generateRegimeSeries(options: RegimeSeriesOptions): RegimeSeries {
  const { n, seed } = options;
  const regimes = options.regimes ?? REFERENCE_REGIMES;
  const transition = options.transition ?? REFERENCE_TRANSITION;
  const startPrice = options.startPrice ?? 100;
  validate(n, regimes, transition);
  if (!(startPrice > 0)) throw new RangeError(`generateRegimeSeries: startPrice must be > 0, got ${startPrice}`);

  const rng = createSeededRandom(seed);
  const u = new Float64Array(n);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) u[i] = rng.next();
  for (let i = 0; i < n; i++) z[i] = rng.normal();
  const volumeRng = createSeededRandom(seed + 0x9e3779b9);
  const calmSd = regimes[0]!.sd > 0 ? regimes[0]!.sd : 1;

  const slots = buildCalendar(REGIME_SERIES_START, n + 1, DAY_MS, undefined, true);
  const states = new Int32Array(n + 1);
  const logReturns = new Float64Array(n + 1);
  const bars: OhlcvBar[] = new Array<OhlcvBar>(n + 1);
  const volumeOf = (s: number) =>
    Math.round(1_000_000 * Math.sqrt(regimes[s]!.sd / calmSd) * Math.exp(0.25 * volumeRng.normal()));
  bars[0] = {
    ts: slots[0]!.ts,
    open: startPrice,
    high: startPrice,
    low: startPrice,
    close: startPrice,
    volume: volumeOf(0),
  };
  let cumulative = 0;
  for (let t = 1; t <= n; t++) {
    const row = transition[states[t - 1]!]!;
    let s = row.length - 1; // guards against a cumsum that rounds to just below 1
    let acc = 0;
    for (let j = 0; j < row.length; j++) {
      acc += row[j]!;
      if (u[t - 1]! < acc) {
        s = j;
        break;
      }
    }
    const r = regimes[s]!.mean + regimes[s]!.sd * z[t - 1]!;
    states[t] = s;
    logReturns[t] = r;
    cumulative += r;
    const open = bars[t - 1]!.close;
    const close = startPrice * Math.exp(cumulative);
    bars[t] = {
      ts: slots[t]!.ts,
      open,
      high: Math.max(open, close),
      low: Math.min(open, close),
      close,
      volume: volumeOf(s),
    };
  }
  return { bars, states, logReturns };
}
