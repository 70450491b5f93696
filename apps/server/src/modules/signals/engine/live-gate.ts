import type { StrategyDefinition, Timeframe } from '@marketlens/contracts';
import { timeframeMs, type EntryFilter } from '@marketlens/quant';
import type { AppContext } from '../../../context';
import { forecastGateFilter } from '../forecast-gate';
import { loadGateInput, type GateInput } from '../gate-input';

/** How long one process reuses a gate model's predictions before reading its alias and bars again. */
const LIVE_GATE_TTL_MS = 5_000;

interface Entry {
  at: number;
  value: Promise<GateInput>;
}
const memoByContext = new WeakMap<AppContext, Map<string, Entry>>();

/**
 * The forecast gate of a strategy running live: the version its alias points at now, judged by the same
 * filter as backtests (forecast-gate.ts), so a signal bar gets the newest prediction known when it closed.
 * Deployments sharing a gate share one read of its predictions for a few seconds.
 */
export async function loadLiveGate(
  ctx: AppContext,
  definition: StrategyDefinition,
  timeframe: Timeframe,
  now = Date.now(),
): Promise<EntryFilter | undefined> {
  const gate = definition.gate;
  if (!gate) return undefined;
  let memo = memoByContext.get(ctx);
  if (!memo) memoByContext.set(ctx, (memo = new Map()));
  const key = `${gate.model}|${gate.alias}`;
  let entry = memo.get(key);
  if (!entry || now - entry.at >= LIVE_GATE_TTL_MS) {
    entry = { at: now, value: loadGateInput(ctx, gate) };
    memo.set(key, entry);
    entry.value.catch(() => memo.delete(key));
  }
  const input = await entry.value;
  // The threshold is the strategy's own, whoever loaded the predictions.
  const spec = { ...input.spec, minPredictedReturn: gate.minPredictedReturn, minProbUp: gate.minProbUp };
  return forecastGateFilter(input.timeline, spec, timeframeMs(timeframe));
}
