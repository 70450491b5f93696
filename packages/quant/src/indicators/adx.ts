import { BarIndicator, type BarInput } from './bar-indicator';
import { assertBarColumns, type BarColumnsOf } from './bar-columns';
import { assertPeriod, batchOutput, type BatchResult } from './indicator';
import { trueRange } from './true-range';

export interface ADXResult {
  /** Average directional index, 0-100: trend strength, whatever its direction. */
  readonly adx: number;
  /** +DI, 0-100: 100 x smoothed +DM / smoothed TR. */
  readonly plusDI: number;
  /** -DI, 0-100. */
  readonly minusDI: number;
}

/**
 * Wilder's directional movement system (1978), as technicalindicators computes it (its ADX matches this one
 * to 1e-9 on real bars):
 * - from the second bar: up = H - H', down = L' - L; +DM = up if up > down and up > 0, else 0; -DM likewise;
 *   TR the true range;
 * - +DM, -DM and TR are Wilder-smoothed, each seeded with the simple mean of its first `period` values
 *   (bars 2..period + 1), then avg += (x - avg) / period; +DI = 100 +DM/TR, -DI = 100 -DM/TR (0 when TR is 0);
 * - DX = 100 |+DI - -DI| / (+DI + -DI) (0 when both are 0), from bar period + 1;
 * - ADX = Wilder-smoothed DX, seeded with the mean of the first `period` DX: the first result comes with bar
 *   2 x period (TA-Lib's lookback 2 x period - 1). +DI and -DI are reported with it.
 * TA-Lib seeds the DM and TR sums with the first period - 1 values plus one smoothing step instead of the
 * first `period` values; trading-signals counts a zero DM and the high - low of the first bar in the seeds
 * (and, when up = down > 0, counts both moves). All three agree once the seeds have decayed, (1 - 1/period)^k.
 */
export class ADX extends BarIndicator<ADXResult, 'high' | 'low' | 'close'> {
  readonly fields = ['high', 'low', 'close'] as const;
  readonly warmUp: number;
  readonly label: string;
  private readonly s = new DirectionalState();
  private readonly before = new DirectionalState();

  constructor(readonly period = 14) {
    super();
    assertPeriod('ADX', period);
    this.warmUp = 2 * period;
    this.label = `ADX(${period})`;
  }

  protected update(bar: BarInput<'high' | 'low' | 'close'>, replacing: boolean): ADXResult | null {
    if (!replacing) this.before.copy(this.s);
    return this.s.step(this.before, bar.high, bar.low, bar.close, this.count, this.period)
      ? { adx: this.s.adx, plusDI: this.s.plusDI, minusDI: this.s.minusDI }
      : null;
  }
}

/** ADX over a batch of bars: exactly the streaming values, NaN for the first 2 x period - 1 bars. */
export function computeADX(
  bars: BarColumnsOf<'high' | 'low' | 'close'>,
  period = 14,
  out?: BatchResult<ADXResult>,
): BatchResult<ADXResult> {
  assertPeriod('ADX', period);
  const count = assertBarColumns(`ADX(${period})`, bars, ['high', 'low', 'close']);
  const first = 2 * period - 1;
  const adx = batchOutput(count, first, out?.adx);
  const plusDI = batchOutput(count, first, out?.plusDI);
  const minusDI = batchOutput(count, first, out?.minusDI);
  const s = new DirectionalState();
  for (let i = 0; i < count; i++) {
    if (!s.step(s, bars.high[i]!, bars.low[i]!, bars.close[i]!, i + 1, period)) continue;
    adx[i] = s.adx;
    plusDI[i] = s.plusDI;
    minusDI[i] = s.minusDI;
  }
  return { adx, plusDI, minusDI };
}

/**
 * The whole ADX state. One step is a function of the state before the bar, so the class replays a
 * replaced bar from its saved copy and the batch form steps in place (`from` = this), with the same maths.
 */
class DirectionalState {
  high = Number.NaN;
  low = Number.NaN;
  close = Number.NaN;
  /** Sums while seeding, then Wilder averages. */
  tr = 0;
  plusDM = 0;
  minusDM = 0;
  plusDI = 0;
  minusDI = 0;
  /** The sum of DX while seeding, then the ADX. */
  adx = 0;

  copy(from: DirectionalState): void {
    this.high = from.high;
    this.low = from.low;
    this.close = from.close;
    this.tr = from.tr;
    this.plusDM = from.plusDM;
    this.minusDM = from.minusDM;
    this.plusDI = from.plusDI;
    this.minusDI = from.minusDI;
    this.adx = from.adx;
  }

  /** Folds in bar number `count` (1-based) on top of `from`; true when the ADX is defined. */
  step(from: DirectionalState, high: number, low: number, close: number, count: number, n: number): boolean {
    const moves = count - 1;
    const up = high - from.high;
    const down = from.low - low;
    const tr = trueRange(high, low, from.close);
    const prevTR = from.tr;
    const prevPlus = from.plusDM;
    const prevMinus = from.minusDM;
    const prevADX = from.adx;
    this.high = high;
    this.low = low;
    this.close = close;
    if (moves === 0) return false;
    const plus = up > down && up > 0 ? up : 0;
    const minus = down > up && down > 0 ? down : 0;
    if (moves < n) {
      this.tr = prevTR + tr;
      this.plusDM = prevPlus + plus;
      this.minusDM = prevMinus + minus;
      return false;
    }
    if (moves === n) {
      this.tr = (prevTR + tr) / n;
      this.plusDM = (prevPlus + plus) / n;
      this.minusDM = (prevMinus + minus) / n;
    } else {
      this.tr = prevTR + (tr - prevTR) / n;
      this.plusDM = prevPlus + (plus - prevPlus) / n;
      this.minusDM = prevMinus + (minus - prevMinus) / n;
    }
    this.plusDI = this.tr > 0 ? (100 * this.plusDM) / this.tr : 0;
    this.minusDI = this.tr > 0 ? (100 * this.minusDM) / this.tr : 0;
    const sum = this.plusDI + this.minusDI;
    const dx = sum > 0 ? (100 * Math.abs(this.plusDI - this.minusDI)) / sum : 0;
    const dxCount = moves - n + 1;
    if (dxCount < n) {
      this.adx = prevADX + dx;
      return false;
    }
    this.adx = dxCount === n ? (prevADX + dx) / n : prevADX + (dx - prevADX) / n;
    return true;
  }
}
