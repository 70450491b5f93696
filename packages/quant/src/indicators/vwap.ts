import { BarIndicator, type BarInput } from './bar-indicator';
import { assertBarColumns, type BarColumnsOf } from './bar-columns';
import { batchOutput } from './indicator';
import { IndicatorInputError } from './indicator.error';

const DAY_MS = 86_400_000;

/** Where the running sums restart: at 00:00 UTC of each day, or never (cumulative from the first bar). */
export const VWAP_ANCHORS = ['utc-day', 'none'] as const;
export type VWAPAnchor = (typeof VWAP_ANCHORS)[number];

type VWAPField = 'ts' | 'high' | 'low' | 'close' | 'volume';

/**
 * Volume-weighted average price: sum(typical price x volume) / sum(volume) over the bars since the anchor,
 * typical price = (high + low + close) / 3 (hlc3; trading-signals and technicalindicators use the same).
 * Anchored to the UTC day by default: the sums restart with the first bar whose open time `ts` (epoch ms)
 * falls on a new UTC date. Neither peer anchors: they are cumulative from their first bar, our 'none'. A
 * result from the first bar; while the day has traded no volume yet the VWAP is the bar's typical price (the
 * limit of equal tiny volumes; trading-signals gives null for a zero-volume bar). Bars must come in time
 * order: a bar older than the one before it is rejected.
 */
export class VWAP extends BarIndicator<number, VWAPField> {
  readonly fields = ['ts', 'high', 'low', 'close', 'volume'] as const;
  readonly warmUp = 1;
  readonly label: string;
  private ts = Number.NaN;
  private tsBefore = Number.NaN;
  private priceVolume = 0;
  private priceVolumeBefore = 0;
  private volume = 0;
  private volumeBefore = 0;

  constructor(readonly anchor: VWAPAnchor = 'utc-day') {
    super();
    this.label = vwapLabel(anchor);
  }

  protected override validate(bar: BarInput<VWAPField>, index: number): void {
    super.validate(bar, index);
    // Adding, the bar before is the last one; replacing, it is the one before that.
    const previous = index === this.count ? this.ts : this.tsBefore;
    if (bar.ts < previous)
      throw new IndicatorInputError(
        this.label,
        index,
        bar.ts,
        'ts',
        `must not be before the previous bar's (${previous})`,
      );
  }

  protected update(bar: BarInput<VWAPField>, replacing: boolean): number {
    if (!replacing) {
      this.tsBefore = this.ts;
      this.priceVolumeBefore = this.priceVolume;
      this.volumeBefore = this.volume;
    }
    this.ts = bar.ts;
    const typical = (bar.high + bar.low + bar.close) / 3;
    const restart = this.count === 1 || startsSession(this.anchor, this.tsBefore, bar.ts);
    this.priceVolume = (restart ? 0 : this.priceVolumeBefore) + typical * bar.volume;
    this.volume = (restart ? 0 : this.volumeBefore) + bar.volume;
    return this.volume > 0 ? this.priceVolume / this.volume : typical;
  }
}

function vwapLabel(anchor: VWAPAnchor): string {
  if (!VWAP_ANCHORS.includes(anchor))
    throw new RangeError(`VWAP anchor must be one of ${VWAP_ANCHORS.join(', ')}, got ${anchor}`);
  return anchor === 'utc-day' ? 'VWAP' : `VWAP(${anchor})`;
}

function startsSession(anchor: VWAPAnchor, previousTs: number, ts: number): boolean {
  return anchor === 'utc-day' && Math.floor(ts / DAY_MS) !== Math.floor(previousTs / DAY_MS);
}

/** VWAP over a batch of bars: exactly the streaming values (defined from the first bar). */
export function computeVWAP(
  bars: BarColumnsOf<VWAPField>,
  anchor: VWAPAnchor = 'utc-day',
  out?: Float64Array,
): Float64Array {
  const label = vwapLabel(anchor);
  const n = assertBarColumns(label, bars, ['ts', 'high', 'low', 'close', 'volume']);
  const { ts, high, low, close, volume } = bars;
  for (let i = 1; i < n; i++) {
    if (ts[i]! < ts[i - 1]!)
      throw new IndicatorInputError(label, i, ts[i]!, 'ts', `must not be before the previous bar's (${ts[i - 1]})`);
  }
  const vwap = batchOutput(n, 0, out);
  let priceVolume = 0;
  let totalVolume = 0;
  for (let i = 0; i < n; i++) {
    const typical = (high[i]! + low[i]! + close[i]!) / 3;
    const restart = i === 0 || startsSession(anchor, ts[i - 1]!, ts[i]!);
    priceVolume = (restart ? 0 : priceVolume) + typical * volume[i]!;
    totalVolume = (restart ? 0 : totalVolume) + volume[i]!;
    vwap[i] = totalVolume > 0 ? priceVolume / totalVolume : typical;
  }
  return vwap;
}
