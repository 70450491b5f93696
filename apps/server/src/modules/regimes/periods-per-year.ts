import type { Timeframe } from '@marketlens/contracts';
import type { RawBar } from '../../providers/market-data-provider';

const YEAR_MS = 365.25 * 86_400_000;
const TRADING_KINDS = new Set(['equity', 'index', 'etf']);

/**
 * Bars per year for annualising: daily bars of exchange-traded kinds trade 252 days a year, crypto 365.
 * Otherwise (kind unknown, CSV uploads) weekend bars tell a 7-day market from a 5-day one; intraday series
 * use the bar count per calendar year actually observed.
 */
export function periodsPerYear(timeframe: Timeframe, bars: readonly RawBar[], kind?: string): number {
  if (timeframe === '1d') {
    if (kind === 'crypto' || kind === 'token') return 365;
    if (kind && TRADING_KINDS.has(kind)) return 252;
    const weekend = bars.some((b) => {
      const day = new Date(b.ts).getUTCDay();
      return day === 0 || day === 6;
    });
    return weekend ? 365 : 252;
  }
  const first = bars[0];
  const last = bars[bars.length - 1];
  if (!first || !last || last.ts <= first.ts) return 252;
  return (bars.length - 1) / ((last.ts - first.ts) / YEAR_MS);
}
