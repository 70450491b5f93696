import { assertPeriod, StreamingIndicator } from './indicator';

/**
 * Exponential moving average, alpha = 2 / (period + 1), seeded with the SMA of the first `period` values
 * (the TA-Lib / technicalindicators convention; the first result comes with value `period`).
 * trading-signals instead seeds with the first value and reports from value `period` on; the two agree
 * once the seed has decayed, (1 - alpha)^k.
 */
export class EMA extends StreamingIndicator<number> {
  readonly warmUp: number;
  readonly label: string;
  private readonly alpha: number;
  /** Sum of the seed values and the EMA, before the last value and after it (for replace). */
  private sumBefore = 0;
  private sum = 0;
  private emaBefore = Number.NaN;
  private ema = Number.NaN;

  constructor(readonly period: number) {
    super();
    assertPeriod('EMA', period);
    this.warmUp = period;
    this.label = `EMA(${period})`;
    this.alpha = 2 / (period + 1);
  }

  protected update(value: number, replacing: boolean): number | null {
    if (!replacing) {
      this.sumBefore = this.sum;
      this.emaBefore = this.ema;
    }
    const n = this.count;
    if (n < this.period) {
      this.sum = this.sumBefore + value;
      return null;
    }
    if (n === this.period) {
      this.sum = this.sumBefore + value;
      this.ema = this.sum / this.period;
    } else {
      this.ema = (value - this.emaBefore) * this.alpha + this.emaBefore;
    }
    return this.ema;
  }
}
