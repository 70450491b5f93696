/**
 * The platform's one convention for "which way did the forecast say" and "was it right", shared by the
 * walk-forward metrics and the production accuracy of stored predictions, so the two measure the same thing.
 */
export type ForecastKind = 'regression' | 'direction';

/** The decision threshold of a forecast: 0 for a log-return forecast, 0.5 for P(up). */
export const directionThreshold = (kind: ForecastKind): number => (kind === 'direction' ? 0.5 : 0);

/** A forecast says "up" strictly above its threshold; exactly at it means no view. */
export const saysUp = (kind: ForecastKind, forecast: number): boolean => forecast > directionThreshold(kind);

/** The forecast's side matched the outcome: it said up and the log return was > 0, or neither. */
export const isDirectionHit = (kind: ForecastKind, forecast: number, realisedLogReturn: number): boolean =>
  saysUp(kind, forecast) === realisedLogReturn > 0;

/** ln(to) - ln(from): the same difference of logs as buildTargets (not ln(to / from), which differs in the last bits). */
export const logReturnBetween = (fromPrice: number, toPrice: number): number => Math.log(toPrice) - Math.log(fromPrice);

/** The price reached from `price` after log return `r`. */
export const priceAfterLogReturn = (price: number, r: number): number => price * Math.exp(r);
