import { describe, expect, it } from 'vitest';
import { computeADX } from './adx';
import { computeATR } from './atr';
import { contractBars } from './bar-indicator-contract';
import { toBarColumns } from './bar-columns';
import { computeBollingerBands } from './bollinger-bands';
import { computeDonchianChannel } from './donchian-channel';
import { computeEMA } from './ema';
import { computeMACD } from './macd';
import { computeOBV } from './obv';
import { computeRSI } from './rsi';
import { computeSeriesStochastic } from './series-stochastic';
import { computeSMA } from './sma';
import { computeStochRSI } from './stoch-rsi';
import { computeStochastic } from './stochastic';
import { computeVWAP } from './vwap';
import { computeWMA } from './wma';
import { computeZScore } from './z-score';

const bars = toBarColumns(contractBars(200));
const n = bars.close.length;
type Output = Float64Array | Record<string, Float64Array>;

/** Each batch form, called with `out` (undefined: allocate) so fresh and reused outputs can be compared. */
const forms: Record<string, (out?: never) => Output> = {
  SMA: (out) => computeSMA(bars.close, 20, out),
  EMA: (out) => computeEMA(bars.close, 20, out),
  RSI: (out) => computeRSI(bars.close, 14, out),
  MACD: (out) => computeMACD(bars.close, 12, 26, 9, out),
  WMA: (out) => computeWMA(bars.close, 20, out),
  BollingerBands: (out) => computeBollingerBands(bars.close, 20, 2, out),
  ZScore: (out) => computeZScore(bars.close, 20, out),
  StochRSI: (out) => computeStochRSI(bars.close, 14, 14, 3, 3, out),
  SeriesStochastic: (out) => computeSeriesStochastic(bars.close, 5, 2, 3, out),
  ATR: (out) => computeATR(bars, 14, out),
  ADX: (out) => computeADX(bars, 14, out),
  Stochastic: (out) => computeStochastic(bars, 14, 3, 3, out),
  OBV: (out) => computeOBV(bars, out),
  VWAP: (out) => computeVWAP(bars, 'utc-day', out),
  DonchianChannel: (out) => computeDonchianChannel(bars, 20, out),
};

/** Arrays of the same shape as `output`, full of a value no indicator produces here. */
function dirtyLike(output: Output, length = n): Output {
  const dirty = () => new Float64Array(length).fill(-12345.678);
  if (output instanceof Float64Array) return dirty();
  return Object.fromEntries(Object.keys(output).map((key) => [key, dirty()]));
}

describe('batch forms with caller-provided outputs', () => {
  for (const [name, compute] of Object.entries(forms)) {
    it(`${name} writes into the given arrays, every entry, exactly as into fresh ones`, () => {
      const fresh = compute();
      const out = dirtyLike(fresh);
      const reused = compute(out as never);
      expect(reused).toEqual(fresh);
      if (reused instanceof Float64Array) expect(reused).toBe(out);
      else for (const key of Object.keys(reused)) expect(reused[key]).toBe((out as Record<string, Float64Array>)[key]);
    });

    it(`${name} rejects an output array of the wrong length`, () => {
      expect(() => compute(dirtyLike(compute(), n - 1) as never)).toThrow(
        new RangeError(`output array has ${n - 1} entries for ${n} inputs`),
      );
    });
  }
});
