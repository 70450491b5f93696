import { BarIndicator, type BarInput } from './bar-indicator';
import { assertBarColumns, type BarColumnsOf } from './bar-columns';
import { assertInteger, batchOutput, type BatchResult } from './indicator';
import { KDSmoothing, rawStochastic } from './kd-smoothing';
import { RollingMax } from './rolling-max';

export interface StochasticResult {
  /** %K, 0-100 (the smoothed one when smoothK > 1). */
  readonly k: number;
  /** %D: SMA(dPeriod) of %K. */
  readonly d: number;
}

/**
 * Stochastic oscillator (Lane): raw %K = 100 (close - lowest low) / (highest high - lowest low) over the last
 * `kPeriod` bars (0 when the range is empty), %K = SMA(smoothK) of raw %K, %D = SMA(dPeriod) of %K.
 * Defaults (14, 1, 3) are the *fast* stochastic of TradingView and technicalindicators; (14, 3, 3) is the
 * slow one (trading-signals' kSlowingPeriod = smoothK; TA-Lib STOCH with SMA smoothing defaults to 5, 3, 3).
 * A result once %D is defined: bar kPeriod + smoothK + dPeriod - 2. Highest and lowest come from monotonic
 * deques (O(1) amortised, exact replace).
 */
export class Stochastic extends BarIndicator<StochasticResult, 'high' | 'low' | 'close'> {
  readonly fields = ['high', 'low', 'close'] as const;
  readonly warmUp: number;
  readonly label: string;
  private readonly highs: RollingMax;
  /** Negated lows: their maximum is minus the lowest low. */
  private readonly lows: RollingMax;
  private readonly kd: KDSmoothing;

  constructor(
    readonly kPeriod = 14,
    readonly smoothK = 1,
    readonly dPeriod = 3,
  ) {
    super();
    assertStochasticPeriods('Stochastic', kPeriod, smoothK, dPeriod);
    this.warmUp = kPeriod + smoothK + dPeriod - 2;
    this.label = `Stoch(${kPeriod},${smoothK},${dPeriod})`;
    this.highs = new RollingMax(kPeriod);
    this.lows = new RollingMax(kPeriod);
    this.kd = new KDSmoothing(smoothK, dPeriod);
  }

  protected update(bar: BarInput<'high' | 'low' | 'close'>, replacing: boolean): StochasticResult | null {
    if (replacing) {
      this.highs.replaceLast(bar.high);
      this.lows.replaceLast(-bar.low);
    } else {
      this.highs.push(bar.high);
      this.lows.push(-bar.low);
    }
    if (this.count < this.kPeriod) return null;
    const raw = rawStochastic(bar.close, this.highs.max, -this.lows.max);
    return this.kd.update(raw, replacing) ? { k: this.kd.k, d: this.kd.d } : null;
  }
}

export function assertStochasticPeriods(name: string, kPeriod: number, smoothK: number, dPeriod: number): void {
  assertInteger(`${name} kPeriod`, kPeriod);
  assertInteger(`${name} smoothK`, smoothK);
  assertInteger(`${name} dPeriod`, dPeriod);
}

/** Stochastic over a batch of bars: exactly the streaming values, NaN before %D is defined. */
export function computeStochastic(
  bars: BarColumnsOf<'high' | 'low' | 'close'>,
  kPeriod = 14,
  smoothK = 1,
  dPeriod = 3,
  out?: BatchResult<StochasticResult>,
): BatchResult<StochasticResult> {
  assertStochasticPeriods('Stochastic', kPeriod, smoothK, dPeriod);
  const n = assertBarColumns(`Stoch(${kPeriod},${smoothK},${dPeriod})`, bars, ['high', 'low', 'close']);
  const first = kPeriod + smoothK + dPeriod - 3;
  const k = batchOutput(n, first, out?.k);
  const d = batchOutput(n, first, out?.d);
  const highs = new RollingMax(kPeriod);
  const lows = new RollingMax(kPeriod);
  const kd = new KDSmoothing(smoothK, dPeriod);
  for (let i = 0; i < n; i++) {
    highs.push(bars.high[i]!);
    lows.push(-bars.low[i]!);
    if (i < kPeriod - 1) continue;
    if (kd.update(rawStochastic(bars.close[i]!, highs.max, -lows.max), false)) {
      k[i] = kd.k;
      d[i] = kd.d;
    }
  }
  return { k, d };
}
