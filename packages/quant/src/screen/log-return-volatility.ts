import { assertPeriod, batchOutput } from '../indicators/indicator';
import { rollingMomentsInto } from '../indicators/rolling-moments';
import { TRADING_DAYS_PER_YEAR } from './screen-metrics';

/**
 * Annualised volatility for every end: the sample standard deviation (n - 1) of the last `returns` daily log
 * returns ln(close[i] / close[i - 1]), times sqrt(252). NaN until there are returns + 1 closes. The window's
 * moments come from RollingMoments' batch form (Welford updates re-done exactly in two passes every `returns`
 * values, so rounding never builds up); its population variance is scaled by n / (n - 1).
 *
 * The value at bar t depends on closes 0..t only, and bit for bit so: a computation on close[0..t] gives the
 * same number at t as one on the whole series (the single-date metrics rely on it).
 */
export function rollingLogReturnVolatility(close: Float64Array, returns: number, out?: Float64Array): Float64Array {
  assertPeriod('rollingLogReturnVolatility', returns, 2);
  const n = close.length;
  const result = batchOutput(n, returns, out);
  if (n <= returns) return result;
  const logReturns = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) logReturns[i - 1] = Math.log(close[i]! / close[i - 1]!);
  const mean = new Float64Array(n - 1);
  const variance = new Float64Array(n - 1);
  rollingMomentsInto(logReturns, returns, mean, variance);
  const sample = returns / (returns - 1);
  const annualise = Math.sqrt(TRADING_DAYS_PER_YEAR);
  // logReturns[k] ends at bar k + 1.
  for (let t = returns; t < n; t++) result[t] = Math.sqrt(variance[t - 1]! * sample) * annualise;
  return result;
}
