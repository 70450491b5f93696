import type { OhlcvBar } from '@marketlens/quant';
import type { Timeframe } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { HttpError } from '../../http/http-errors';
import { loadBarSeries } from '../instruments/instruments.service';
import type { TokenRow } from './tokens.store';

/** The finest stored timeframe is the token's price: the pump pattern lives within hours. */
const TIMEFRAMES: readonly Timeframe[] = ['1m', '5m', '15m', '30m', '1h', '4h', '1d'];

/**
 * The token's price bars from `from` (epoch ms), at the finest timeframe its instrument has; null when the
 * token names no instrument or the instrument is gone (the assessment then has no price input).
 */
export async function loadTokenBars(
  ctx: AppContext,
  token: Pick<TokenRow, 'instrumentSymbol'>,
  range: { from?: number; to?: number } = {},
): Promise<OhlcvBar[] | null> {
  if (!token.instrumentSymbol) return null;
  for (const timeframe of TIMEFRAMES) {
    try {
      const bars = await loadBarSeries(ctx, token.instrumentSymbol, timeframe, range);
      if (bars.length > 0) return bars;
    } catch (err) {
      if (err instanceof HttpError && err.statusCode === 404) return null;
      throw err;
    }
  }
  return [];
}
