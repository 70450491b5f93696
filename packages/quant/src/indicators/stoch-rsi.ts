import { assertFiniteValues, assertInteger, batchOutput, StreamingIndicator, type BatchResult } from './indicator';
import { computeRSI, RSI } from './rsi';
import { SeriesStochastic, seriesStochasticInto } from './series-stochastic';
import type { StochasticResult } from './stochastic';

/**
 * Stochastic RSI (Chande & Kroll 1994): the stochastic of RSI(rsiPeriod) values over their last
 * `stochPeriod`, 100 (rsi - lowest) / (highest - lowest) (0 when the window is flat, as TA-Lib and
 * technicalindicators; trading-signals answers 100), then %K = SMA(smoothK), %D = SMA(dPeriod) of %K.
 * Scale 0-100 like TA-Lib, TradingView and technicalindicators (Chande & Kroll and trading-signals use
 * 0-1). Defaults (14, 14, 3, 3) are TradingView's and technicalindicators'; smoothK = 1 gives the raw
 * StochRSI as %K. The RSI is Wilder's, SMA-seeded (our RSI). A result once %D is defined: value
 * rsiPeriod + stochPeriod + smoothK + dPeriod - 2.
 */
export class StochRSI extends StreamingIndicator<StochasticResult> {
  readonly warmUp: number;
  readonly label: string;
  private readonly rsi: RSI;
  private readonly stochastic: SeriesStochastic;

  constructor(
    readonly rsiPeriod = 14,
    readonly stochPeriod = 14,
    readonly smoothK = 3,
    readonly dPeriod = 3,
  ) {
    super();
    assertStochRSIPeriods(rsiPeriod, stochPeriod, smoothK, dPeriod);
    this.rsi = new RSI(rsiPeriod);
    this.stochastic = new SeriesStochastic(stochPeriod, smoothK, dPeriod);
    this.warmUp = rsiPeriod + stochPeriod + smoothK + dPeriod - 2;
    this.label = `StochRSI(${rsiPeriod},${stochPeriod},${smoothK},${dPeriod})`;
  }

  protected update(value: number, replacing: boolean): StochasticResult | null {
    const rsi = replacing ? this.rsi.replace(value) : this.rsi.add(value);
    if (rsi === null) return null;
    // RSI values exist at the same positions for every version of a value, so replace maps to replace.
    return replacing ? this.stochastic.replace(rsi) : this.stochastic.add(rsi);
  }
}

function assertStochRSIPeriods(rsiPeriod: number, stochPeriod: number, smoothK: number, dPeriod: number): void {
  assertInteger('StochRSI rsiPeriod', rsiPeriod);
  assertInteger('StochRSI stochPeriod', stochPeriod);
  assertInteger('StochRSI smoothK', smoothK);
  assertInteger('StochRSI dPeriod', dPeriod);
}

/** StochRSI over a batch of values: exactly the streaming values, NaN before %D is defined. */
export function computeStochRSI(
  values: Float64Array,
  rsiPeriod = 14,
  stochPeriod = 14,
  smoothK = 3,
  dPeriod = 3,
  out?: BatchResult<StochasticResult>,
): BatchResult<StochasticResult> {
  assertStochRSIPeriods(rsiPeriod, stochPeriod, smoothK, dPeriod);
  assertFiniteValues(`StochRSI(${rsiPeriod},${stochPeriod},${smoothK},${dPeriod})`, values);
  const rsi = computeRSI(values, rsiPeriod);
  const first = rsiPeriod + stochPeriod + smoothK + dPeriod - 3;
  const k = batchOutput(values.length, first, out?.k);
  const d = batchOutput(values.length, first, out?.d);
  seriesStochasticInto(rsi, rsiPeriod, stochPeriod, smoothK, dPeriod, k, d);
  return { k, d };
}
