import type { ForecastAnswer, ForecastValue } from '@marketlens/contracts';
import type { AppContext } from '../../../context';
import { getForecast } from '../../forecasts/forecast-serving.service';
import { getInstrumentInfo } from '../../instruments/instruments.service';
import { getCurrent } from '../../regimes/regimes.service';
import type { BotCommand } from './bot-command';
import { explained } from './bot-errors';
import { bold, esc, formatNumber, formatPercent, formatUtc, lines, parseSymbol, words } from './bot-text';

// /regime and /forecast: what the Regimes and Forecasts pages show of a symbol today, in a few lines.

async function knownSymbol(ctx: AppContext, args: string, usage: string): Promise<string> {
  const symbol = parseSymbol(words(args)[0], usage);
  const instrument = await explained(getInstrumentInfo(ctx, symbol), {
    INSTRUMENT_NOT_FOUND: `I know no symbol ${symbol}.`,
  });
  return instrument.symbol;
}

export const regimeCommand: BotCommand = {
  command: 'regime',
  usage: 'SYMBOL',
  description: "Today's regime odds of a symbol",
  role: 'viewer',
  async answer(ctx, _chat, args) {
    const symbol = await knownSymbol(ctx, args, '/regime SYMBOL');
    const current = await explained(getCurrent(ctx, symbol), {
      NO_REGIME_FIT: `${symbol} has no regime fit yet: an analyst fits one on the Regimes page.`,
    });
    const likeliest = Math.max(...current.states.map((s) => s.prob));
    return lines(
      `${bold(`Regime of ${current.symbol}`)} ${esc(`as of ${formatUtc(current.ts)}`)}`,
      ...current.states.map((s) => {
        const line = `${s.name}: ${formatPercent(s.prob)}`;
        return s.prob === likeliest ? bold(line) : esc(line);
      }),
    );
  },
};

function describeValue(v: ForecastValue): string {
  if (v.kind === 'direction') return `P(up) ${v.probUp === null ? 'n/a' : formatPercent(v.probUp)}`;
  const interval =
    v.lower !== null && v.upper !== null
      ? ` (${formatPercent(v.interval)} interval ${formatNumber(v.lower)} to ${formatNumber(v.upper)})`
      : '';
  return `${formatNumber(v.expectedPrice)}${interval}`;
}

function forecastReply(a: ForecastAnswer): string {
  const bars = a.horizon === 1 ? `the next ${a.timeframe} bar` : `${a.horizon} ${a.timeframe} bars ahead`;
  return lines(
    `${bold(`Forecast of ${a.symbol}`)} ${esc(`for ${bars}`)}`,
    esc(`Champion ${a.model.name} v${a.model.version} (${a.model.algorithm}): ${describeValue(a.forecast)}`),
    esc(`Baseline (${a.baseline.name}): ${describeValue(a.baseline.forecast)}`),
    esc(`Last close ${formatNumber(a.lastClose)}, bar of ${formatUtc(a.asOf)}`),
  );
}

export const forecastCommand: BotCommand = {
  command: 'forecast',
  usage: 'SYMBOL',
  description: 'The champion forecast of a symbol, beside the baseline',
  role: 'viewer',
  async answer(ctx, _chat, args) {
    const symbol = await knownSymbol(ctx, args, '/forecast SYMBOL');
    const retrain = `The forecast model of ${symbol} needs retraining on the Forecasts page.`;
    const answer = await explained(getForecast(ctx, symbol, 1), {
      NO_MODEL: `${symbol} has no forecast model yet: an analyst trains one on the Forecasts page.`,
      NO_FEATURES: `The newest bar of ${symbol} cannot be forecast yet: wait for more bars.`,
      REGIME_FIT_UNAVAILABLE: retrain,
      MODEL_ARTIFACT_CORRUPT: retrain,
    });
    return forecastReply(answer);
  },
};
