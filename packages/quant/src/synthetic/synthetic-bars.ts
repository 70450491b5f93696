import type { OhlcvBar } from '../bars/ohlcv-bar';
import { createSeededRandom, type SeededRandom } from '../random/seeded-random';
import { buildCalendar, uShape, type SyntheticSession } from './synthetic-calendar';

/** Log-return drift and volatility per bar for one market regime. */
export interface SyntheticRegime {
  drift: number;
  vol: number;
}

export interface SyntheticBarsOptions {
  seed: number;
  /** Epoch ms of the first bar (or of the first day for daily/session series). */
  start: number;
  count: number;
  timeframeMs: number;
  startPrice: number;
  /** Default: a calm bull regime and a volatile bear regime. */
  regimes?: SyntheticRegime[];
  /** Row-stochastic Markov transition matrix, one step per bar. Default: sticky 2-state chain. */
  transition?: number[][];
  /** Expected jumps per bar (Poisson intensity). Default 0. */
  jumpIntensity?: number;
  /** Mean and std of each jump's log size. */
  jumpMean?: number;
  jumpStd?: number;
  /** Intraday series: bars only inside the session, with U-shaped volatility and volume. */
  session?: SyntheticSession;
  /** Skip Saturdays and Sundays (equities). Default: true with a session or on daily bars; crypto sets false. */
  skipWeekends?: boolean;
  /** Average volume per bar. Default 1,000,000. */
  baseVolume?: number;
  /** How much higher volatility and volume are at the session ends than at midday. Default 1.5. */
  intradayDepth?: number;
}

/** Synthetic bars have the platform's one bar shape. */
export type SyntheticBar = OhlcvBar;

export interface SyntheticSeries {
  bars: SyntheticBar[];
  /** The hidden regime of every bar: ground truth for regime-detection tests. */
  states: Int32Array;
}

export const DEFAULT_REGIMES: readonly SyntheticRegime[] = [
  { drift: 0.0006, vol: 0.008 },
  { drift: -0.0012, vol: 0.025 },
];
export const DEFAULT_TRANSITION: readonly (readonly number[])[] = [
  [0.985, 0.015],
  [0.04, 0.96],
];

function validate(
  o: SyntheticBarsOptions,
  regimes: readonly SyntheticRegime[],
  transition: readonly (readonly number[])[],
) {
  const fail = (msg: string): never => {
    throw new RangeError(`generateSyntheticBars: ${msg}`);
  };
  if (!Number.isInteger(o.count) || o.count < 0) fail(`count must be a non-negative integer, got ${o.count}`);
  if (!(o.timeframeMs > 0)) fail(`timeframeMs must be positive, got ${o.timeframeMs}`);
  if (!(o.startPrice > 0)) fail(`startPrice must be positive, got ${o.startPrice}`);
  if (regimes.length === 0) fail('at least one regime is needed');
  regimes.forEach((r, i) => {
    if (!(r.vol >= 0) || !Number.isFinite(r.drift)) fail(`regime ${i} needs a finite drift and vol >= 0`);
  });
  if (transition.length !== regimes.length)
    fail(`transition has ${transition.length} rows for ${regimes.length} regimes`);
  transition.forEach((row, i) => {
    const sum = row.reduce((a, b) => a + b, 0);
    if (row.length !== regimes.length || row.some((p) => !(p >= 0)) || Math.abs(sum - 1) > 1e-9) {
      fail(`transition row ${i} must have ${regimes.length} non-negative probabilities summing to 1`);
    }
  });
  if (!((o.jumpIntensity ?? 0) >= 0)) fail('jumpIntensity must be >= 0');
}

function nextState(rng: SeededRandom, row: readonly number[], current: number): number {
  let u = rng.next();
  for (let j = 0; j < row.length; j++) {
    u -= row[j] ?? 0;
    if (u < 0) return j;
  }
  return current;
}

/**
 * Regime-switching geometric random walk with Poisson jumps (Merton-style), deterministic for a seed.
 * Each bar: the Markov chain steps, the log return is drift + vol * seasonality * z + jumps, open is the
 * previous close, and high/low extend past max/min(open, close) by a half-normal excursion, so OHLC is
 * always consistent and prices stay positive.
 */
export function generateSyntheticBars(options: SyntheticBarsOptions): SyntheticSeries {
  const regimes = options.regimes ?? DEFAULT_REGIMES;
  const transition = options.transition ?? DEFAULT_TRANSITION;
  validate(options, regimes, transition);
  const rng = createSeededRandom(options.seed);
  const skipWeekends = options.skipWeekends ?? true;
  const slots = buildCalendar(options.start, options.count, options.timeframeMs, options.session, skipWeekends);
  const depth = options.intradayDepth ?? 1.5;
  const baseVolume = options.baseVolume ?? 1_000_000;
  const jumpIntensity = options.jumpIntensity ?? 0;
  const jumpMean = options.jumpMean ?? 0;
  const jumpStd = options.jumpStd ?? 0;

  const bars: SyntheticBar[] = new Array<SyntheticBar>(slots.length);
  const states = new Int32Array(slots.length);
  let state = 0;
  let price = options.startPrice;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    if (i > 0) state = nextState(rng, transition[state]!, state);
    const regime = regimes[state]!;
    const season = slot.sessionPosition === null ? 1 : uShape(slot.sessionPosition, depth);
    const sigma = regime.vol * season;
    let logReturn = regime.drift + sigma * rng.normal();
    const jumps = jumpIntensity > 0 ? rng.poisson(jumpIntensity) : 0;
    for (let j = 0; j < jumps; j++) logReturn += jumpMean + jumpStd * rng.normal();

    const open = price;
    const close = open * Math.exp(logReturn);
    const high = Math.max(open, close) * Math.exp(0.5 * sigma * Math.abs(rng.normal()));
    const low = Math.min(open, close) * Math.exp(-0.5 * sigma * Math.abs(rng.normal()));
    // Volume follows the same intraday smile and rises with the size of the move.
    const surprise = sigma > 0 ? Math.min(Math.abs(logReturn) / sigma, 6) : 0;
    const volume = Math.round(baseVolume * season * (0.6 + 0.4 * surprise) * Math.exp(0.25 * rng.normal()));
    bars[i] = { ts: slot.ts, open, high, low, close, volume };
    states[i] = state;
    price = close;
  }
  return { bars, states };
}
