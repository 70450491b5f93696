import { MAX_HORIZON, MIN_HORIZON } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { listInstrumentSummaries } from '../instruments/instruments.service';
import { listRegisteredModels } from '../registry/registry-read.service';
import { forecastModelName } from './forecast-names';
import { SERVING_ALIAS } from './forecast-serving.service';

export interface ChampionRef {
  symbol: string;
  horizon: number;
  model: string;
  version: number;
}

/** The forecast series (of the given symbols, or of every instrument) that have a serving model. */
export async function listChampions(ctx: AppContext, symbols?: readonly string[]): Promise<ChampionRef[]> {
  const all = symbols ?? (await listInstrumentSummaries(ctx)).map((i) => i.symbol);
  const series = new Map<string, { symbol: string; horizon: number }>();
  for (const symbol of all) {
    for (let horizon = MIN_HORIZON; horizon <= MAX_HORIZON; horizon++) {
      series.set(forecastModelName(symbol, horizon), { symbol: symbol.toUpperCase(), horizon });
    }
  }
  const found: ChampionRef[] = [];
  for (const model of await listRegisteredModels(ctx)) {
    const known = series.get(model.name);
    const version = model.aliases[SERVING_ALIAS];
    if (known && version !== undefined) found.push({ ...known, model: model.name, version });
  }
  return found;
}
