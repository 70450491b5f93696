import type { StrategyDefinition, Timeframe } from '@marketlens/contracts';
import { StrategyRunner, timeframeMs, type ClosedTrade, type Snapshot, type StrategySignal } from '@marketlens/quant';
import type { AppContext } from '../../../context';
import type { RawBar } from '../../../providers/market-data-provider';
import { getBars, streamBarSeries } from '../../instruments/instruments.service';
import { lockDeployment, saveDeploymentState, type DeploymentToRun } from '../deployments.store';
import { writeOutbox } from '../../../notify/outbox';
import { insertPaperTrade, insertSignal, type SignalRow } from '../signals.store';
import { loadLiveGate } from './live-gate';
import { loadLiveRegime, restoreTracker, trackerSnapshot } from './live-regime';

/** What a deployment's row keeps between passes: the runner, and the regime tracker with the fit it follows. */
export interface EngineState {
  runner: Snapshot;
  regime?: { fitId: string; tracker: Snapshot };
}

/** What one pass over a deployment's new bars did. */
export interface DeploymentPass {
  bars: number;
  signals: SignalRow[];
  trades: number;
  /** Another engine replica held the deployment, or processed it first: nothing was written. */
  skipped: boolean;
}

export interface EngineSettings {
  /** History bars run through the indicators before a new deployment's first live bar. */
  warmupBars: number;
  /** Most bars one pass processes (a long backlog is worked off in several passes, each committed). */
  maxBarsPerPass: number;
  now: () => number;
}

/** A bar that closed longer ago than this is history (a backfill, a replay): its lag says nothing about the engine. */
const LIVE_LAG_LIMIT_MS = 3_600_000;

/** Milliseconds from a live bar's close to its signal; null for history. */
export function engineLagMs(now: number, barClose: number): number | null {
  const lag = now - barClose;
  return lag >= 0 && lag <= LIVE_LAG_LIMIT_MS ? Math.round(lag) : null;
}

/** The oldest `limit` bars from `from` on, read page by page: a long backlog is never read whole per pass. */
async function newBars(
  ctx: AppContext,
  symbol: string,
  timeframe: Timeframe,
  from: number | undefined,
  limit: number,
): Promise<RawBar[]> {
  const out: RawBar[] = [];
  for await (const page of streamBarSeries(ctx, symbol, timeframe, { from })) {
    out.push(...page.slice(0, limit - out.length));
    if (out.length >= limit) break;
  }
  return out;
}

/** The unique key of a signal and of its notification: strategy version, series, bar and action. */
export function signalKey(d: DeploymentToRun, barTs: number, action: string): string {
  return `signal:${d.strategyId}:${d.version}:${d.instrumentId}:${d.timeframe}:${barTs}:${action}`;
}

/**
 * One pass of the live engine over one deployment: the bars stored after its last processed bar go through
 * the same StrategyRunner backtests use; the signals, their outbox rows, the closed paper trades and the
 * runner's new state are written in one transaction, under the deployment's row lock. A crash before the
 * commit leaves nothing, and the next pass redoes the same bars from the same state: no signal is lost, and
 * the unique keys make a repeat impossible.
 */
export async function processDeployment(
  ctx: AppContext,
  d: DeploymentToRun,
  settings: EngineSettings,
): Promise<DeploymentPass> {
  const definition = d.definition as StrategyDefinition;
  const timeframe = d.timeframe as Timeframe;
  const step = timeframeMs(timeframe);
  const anchor = d.lastBarTs?.getTime() ?? null;
  // New bars first: a poll that finds none (most of them) compiles, restores and loads nothing else.
  const fresh = await newBars(
    ctx,
    d.symbol,
    timeframe,
    anchor === null ? undefined : anchor + 1,
    settings.maxBarsPerPass,
  );
  if (fresh.length === 0) return { bars: 0, signals: [], trades: 0, skipped: false };

  const regime = await loadLiveRegime(ctx, definition, d.symbol, timeframe);
  const gate = await loadLiveGate(ctx, definition, timeframe);
  const runner = new StrategyRunner(definition, {
    filters: { ...(regime ? { regime: regime.filter } : {}), ...(gate ? { gate } : {}) },
  });
  const saved = d.state as EngineState | null;
  const history = async () =>
    anchor === null
      ? []
      : (
          await getBars(ctx, d.symbol, {
            timeframe,
            to: new Date(anchor + 1).toISOString(),
            limit: settings.warmupBars,
          })
        ).bars.map((bar) => ({ ...bar, ts: Date.parse(bar.ts) }));
  if (saved !== null) {
    runner.restore(saved.runner);
    if (regime && saved.regime?.fitId === regime.fitId) restoreTracker(regime.tracker, saved.regime.tracker);
    else if (regime) {
      // A new fit (the tracked fit was refitted): its tracker warms up on the history, the strategy goes on.
      for (const bar of await history()) regime.tracker.add(bar);
    }
  } else {
    // First pass: lastBarTs is the newest bar stored when the deployment was enabled. The indicators (and the
    // regime tracker) warm up on the bars up to it, then the runner starts flat: every later bar is live.
    for (const bar of await history()) {
      regime?.tracker.add(bar);
      runner.step(bar);
    }
    runner.startFlat();
  }

  const found: Array<{ bar: RawBar; signal: StrategySignal }> = [];
  const closed: ClosedTrade[] = [];
  for (const bar of fresh) {
    // The tracker takes the bar first: the filter judges the signal bar on its own filtered probabilities.
    regime?.tracker.add(bar);
    const ev = runner.step(bar);
    if (ev.signal) found.push({ bar, signal: ev.signal });
    if (ev.closed) closed.push(ev.closed);
  }
  const last = fresh[fresh.length - 1]!;

  return ctx.db.orm.transaction(async (tx) => {
    const lock = await lockDeployment(tx, d.id);
    const expected = d.lastBarTs?.getTime() ?? null;
    // Held by another replica, disabled meanwhile, or already advanced past what this pass read: leave it.
    if (!lock || !lock.enabled || (lock.lastBarTs?.getTime() ?? null) !== expected) {
      return { bars: 0, signals: [], trades: 0, skipped: true };
    }
    const written: SignalRow[] = [];
    // Millisecond precision, set here rather than by the database's microsecond now(): the API's keyset
    // cursor carries a JavaScript Date, and equality on (created_at, id) must hold exactly.
    const createdAt = new Date(settings.now());
    for (const { bar, signal } of found) {
      const key = signalKey(d, bar.ts, signal.action);
      const row = await insertSignal(tx, {
        deploymentId: d.id,
        strategyId: d.strategyId,
        version: d.version,
        instrumentId: d.instrumentId,
        symbol: d.symbol,
        timeframe: d.timeframe,
        barTs: new Date(bar.ts),
        action: signal.action,
        reason: signal.reason,
        price: bar.close,
        evidence: { rule: signal.rule, indicators: signal.indicators, filters: signal.filters },
        lagMs: engineLagMs(settings.now(), bar.ts + step),
        createdAt,
      });
      if (!row) continue;
      written.push(row);
      await writeOutbox(tx, {
        idempotencyKey: key,
        topic: 'signal',
        payload: {
          signalId: row.id,
          strategyId: d.strategyId,
          strategy: d.strategyName,
          version: d.version,
          symbol: d.symbol,
          timeframe: d.timeframe,
          action: row.action,
          barTs: row.barTs.toISOString(),
          price: row.price,
          evidence: row.evidence,
        },
      });
    }
    for (const t of closed) {
      await insertPaperTrade(tx, {
        deploymentId: d.id,
        side: t.side,
        entryTs: new Date(t.entryTs),
        entryPrice: t.entryPrice,
        exitTs: new Date(t.exitTs),
        exitPrice: t.exitPrice,
        returnPct: t.returnPct,
        exitReason: t.exitReason,
      });
    }
    await saveDeploymentState(tx, d.id, {
      lastBarTs: new Date(last.ts),
      state: {
        runner: runner.snapshot(),
        ...(regime ? { regime: { fitId: regime.fitId, tracker: trackerSnapshot(regime.tracker) } } : {}),
      } satisfies EngineState,
      realisedEquity: runner.realisedEquity,
      markedEquity: runner.equityAt(last.close),
    });
    return { bars: fresh.length, signals: written, trades: closed.length, skipped: false };
  });
}
