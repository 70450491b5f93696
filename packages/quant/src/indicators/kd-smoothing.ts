import { RollingSum } from './rolling-sum';

/**
 * The %K / %D smoothing shared by the stochastics: %K = SMA(smoothK) of the raw values, %D = SMA(dPeriod)
 * of %K. `update` tells whether %D is defined; `k` and `d` are then current. %K and %D exist at the same
 * stream positions for every version of a bar, so a replaced raw value replaces inside both sums.
 */
export class KDSmoothing {
  private readonly kSum: RollingSum;
  private readonly dSum: RollingSum;
  k = Number.NaN;
  d = Number.NaN;

  constructor(
    readonly smoothK: number,
    readonly dPeriod: number,
  ) {
    this.kSum = new RollingSum(smoothK);
    this.dSum = new RollingSum(dPeriod);
  }

  update(raw: number, replacing: boolean): boolean {
    if (replacing) this.kSum.replaceLast(raw);
    else this.kSum.push(raw);
    if (!this.kSum.isFull) return false;
    this.k = this.kSum.sum / this.smoothK;
    if (replacing) this.dSum.replaceLast(this.k);
    else this.dSum.push(this.k);
    if (!this.dSum.isFull) return false;
    this.d = this.dSum.sum / this.dPeriod;
    return true;
  }
}

/** Where `x` sits in [lowest, highest], 0-100; 0 when the range is empty (TA-Lib and technicalindicators). */
export function rawStochastic(x: number, highest: number, lowest: number): number {
  const range = highest - lowest;
  return range > 0 ? (100 * (x - lowest)) / range : 0;
}
