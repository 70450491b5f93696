/**
 * Registered model of a symbol's forecasts at one horizon, e.g. `forecast-BTC-USD-h1`. Characters the
 * registry does not allow in model names (`^` of index symbols) become `_`.
 */
export function forecastModelName(symbol: string, horizon: number): string {
  return `forecast-${symbol.toUpperCase().replace(/[^A-Za-z0-9._-]/g, '_')}-h${horizon}`;
}
