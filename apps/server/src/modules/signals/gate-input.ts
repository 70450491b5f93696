import type { StrategyDefinition } from '@marketlens/contracts';
import { timeframeMs } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { BadRequestError } from '../../http/http-errors';
import { CorruptModelError } from '../forecasts/forecast-errors';
import { forecastHistory, type ForecastHistory } from '../forecasts/forecast-history';
import { resolveAlias, resolveVersion } from '../registry/registry.service';
import type { GateSpec, GateTimeline } from './forecast-gate';

type StrategyGate = NonNullable<StrategyDefinition['gate']>;

/** A strategy's gate made concrete: the model version it reads and that version's out-of-sample predictions. */
export interface GateInput {
  spec: GateSpec;
  timeline: GateTimeline;
  /** Close of the model bar fitted last (ms): predictions known before it would come from a model that saw later closes. */
  honestFrom: number;
}

/**
 * The gate of a strategy: the version its alias points at now, or `version` (pinned when a backtest was
 * queued). 400 when the model or alias does not exist, is not a forecast model, or the threshold is of the
 * other kind (minProbUp on a regression model, minPredictedReturn on a direction one).
 */
export async function loadGateInput(ctx: AppContext, gate: StrategyGate, version?: number): Promise<GateInput> {
  const resolved =
    version === undefined
      ? await resolveAlias(ctx, gate.model, gate.alias)
      : await resolveVersion(ctx, gate.model, version);
  if (!resolved) {
    throw new BadRequestError(
      'GATE_MODEL_NOT_FOUND',
      version === undefined
        ? `The strategy's gate reads model "${gate.model}" alias "${gate.alias}", which the registry does not have: ` +
            'train a forecast model (POST /forecasts/train) and name it here, or set the alias'
        : `Version ${version} of gate model "${gate.model}" no longer exists`,
      { model: gate.model, alias: gate.alias },
    );
  }
  let history: ForecastHistory;
  try {
    history = await forecastHistory(ctx, gate.model, resolved);
  } catch (err) {
    if (err instanceof CorruptModelError) {
      throw new BadRequestError(
        'GATE_NOT_A_FORECAST_MODEL',
        `The strategy's gate reads model "${gate.model}" v${resolved.version}, which is not a readable forecast model: ${err.reason}`,
        { model: gate.model, version: resolved.version },
      );
    }
    throw err;
  }
  checkThreshold(gate, history);
  const barMs = timeframeMs(history.timeframe);
  const closeAt = history.ts.map((ts) => ts + barMs);
  return {
    spec: {
      model: gate.model,
      alias: gate.alias,
      version: history.version,
      kind: history.kind,
      minPredictedReturn: gate.minPredictedReturn,
      minProbUp: gate.minProbUp,
    },
    timeline: { closeAt, asOf: history.ts, values: history.values },
    honestFrom: history.trainedThrough + barMs,
  };
}

function checkThreshold(gate: StrategyGate, history: ForecastHistory): void {
  const wanted = history.kind === 'direction' ? 'minProbUp' : 'minPredictedReturn';
  if (gate[wanted] === undefined) {
    throw new BadRequestError(
      'GATE_THRESHOLD_MISMATCH',
      `Gate model "${gate.model}" v${history.version} is a ${history.kind} model: give ${wanted} ` +
        (history.kind === 'direction'
          ? '(the least P(up) an entry needs)'
          : '(the least predicted log return an entry needs)'),
      { model: gate.model, kind: history.kind },
    );
  }
}

/** A gated backtest that starts before the model's last training bar closed would gate with hindsight: 400. */
export function checkGateHonest(gate: GateInput, firstBarClose: number, describe: string): void {
  if (firstBarClose >= gate.honestFrom) return;
  const from = new Date(gate.honestFrom).toISOString();
  throw new BadRequestError(
    'GATE_LOOKS_AHEAD',
    `Gate model "${gate.spec.model}" v${gate.spec.version} was fitted on bars up to ${from}; its predictions for ` +
      `earlier bars would use closes it had already seen. Backtest ${describe} from ${from} on (set "from"), or ` +
      'save a version without the gate to backtest the rules alone',
    { model: gate.spec.model, version: gate.spec.version, honestFrom: from },
  );
}
