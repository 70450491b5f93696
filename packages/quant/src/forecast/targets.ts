import type { OhlcvBar } from '../bars/ohlcv-bar';
import { ForecastInputError } from './forecast-input.error';

export interface ForecastTargets {
  /** logReturn[t] = ln(close[t + h]) - ln(close[t]): uses bars t+1..t+h only; NaN for the last h bars. */
  logReturn: Float64Array;
  /** 1 when logReturn[t] > 0, 0 when <= 0, NaN where the future is unknown. */
  up: Float64Array;
}

/** Next-h-bar log return and direction for every bar (aligned with `bars`). */
export function buildTargets(bars: readonly OhlcvBar[], horizon: number): ForecastTargets {
  if (!Number.isInteger(horizon) || horizon < 1) {
    throw new ForecastInputError('horizon', `must be an integer >= 1 (bars), got ${horizon}`);
  }
  const n = bars.length;
  const logClose = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = bars[i]!.close;
    if (!Number.isFinite(c) || c <= 0)
      throw new ForecastInputError(`bars[${i}].close`, `must be a finite number > 0, got ${c}`);
    logClose[i] = Math.log(c);
  }
  const logReturn = new Float64Array(n).fill(Number.NaN);
  const up = new Float64Array(n).fill(Number.NaN);
  for (let t = 0; t + horizon < n; t++) {
    const r = logClose[t + horizon]! - logClose[t]!;
    logReturn[t] = r;
    up[t] = r > 0 ? 1 : 0;
  }
  return { logReturn, up };
}
