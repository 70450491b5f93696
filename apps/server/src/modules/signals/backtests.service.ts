import type { Backtest, BacktestListItem, BacktestListQuery, CreateBacktestRequest } from '@marketlens/contracts';
import { InvalidParamsError, ResampleInputError } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { HttpError, NotFoundError } from '../../http/http-errors';
import { loadBacktestInput, type BacktestJobOptions } from './backtest-inputs';
import { planBacktest } from './backtest-plan';
import { toBacktest, toBacktestListItem } from './backtest-record';
import { backtestOnComputePool } from './backtest.task';
import { findBacktest, insertBacktest, listBacktestRows, stillRunning, updateBacktest } from './backtests.store';
import { TooFewBarsError } from './too-few-bars.error';

export const SIGNALS_BACKTEST_JOB = 'signals.backtest';

export interface SignalsBacktestPayload extends BacktestJobOptions {
  backtestId: string;
}

/**
 * POST /backtests: checks the request (planBacktest), stores the backtest as queued and queues the job
 * `signals.backtest` (idempotency key: the backtest's id). Answers at once; the job reports progress.
 */
export async function createBacktest(
  ctx: AppContext,
  request: CreateBacktestRequest,
  userId?: string,
): Promise<Backtest> {
  const plan = await planBacktest(ctx, request);
  const row = await insertBacktest(ctx.db.orm, {
    strategyId: plan.strategyId,
    version: plan.version,
    instrumentId: plan.instrument.id,
    symbol: plan.instrument.symbol,
    timeframe: plan.barsTimeframe,
    fromTs: plan.from === undefined ? null : new Date(plan.from),
    toTs: plan.to === undefined ? null : new Date(plan.to),
    createdBy: userId ?? null,
  });
  const payload: SignalsBacktestPayload = {
    backtestId: row.id,
    lookAheadCuts: request.lookAheadCuts,
    regimeFitId: plan.regimeFitId,
    gateVersion: plan.gateVersion,
  };
  try {
    await ctx.jobs.enqueue(SIGNALS_BACKTEST_JOB, payload, { idempotencyKey: row.id });
  } catch (err) {
    // Never leave a backtest queued that no job will ever run.
    await fail(ctx, row.id, err);
    throw err;
  }
  return toBacktest(row);
}

export async function getBacktest(ctx: AppContext, id: string): Promise<Backtest> {
  const row = await findBacktest(ctx.db.orm, id);
  if (!row) throw new NotFoundError(`Backtest ${id}`, 'BACKTEST_NOT_FOUND');
  return toBacktest(row);
}

export async function listBacktests(ctx: AppContext, query: BacktestListQuery): Promise<BacktestListItem[]> {
  return (await listBacktestRows(ctx.db.orm, query)).map(toBacktestListItem);
}

/**
 * Job `signals.backtest`: loads the strategy version and bars, runs the engine on a compute worker writing
 * progress to the row, then stores the result. Idempotent: a finished backtest (succeeded or failed) is left
 * as it is. A data problem (bars gone, too few, a deleted regime fit) fails the backtest with the reason and
 * is not retried; a shutdown mid-run rethrows so the queue runs it again.
 */
export async function runQueuedBacktest(
  ctx: AppContext,
  payload: SignalsBacktestPayload,
  signal?: AbortSignal,
): Promise<string> {
  const id = payload.backtestId;
  const row = await findBacktest(ctx.db.orm, id);
  if (!row) return 'missing';
  if (row.status === 'succeeded' || row.status === 'failed') return row.status;
  await updateBacktest(ctx.db.orm, id, { status: 'running', progress: 0, error: null }, stillRunning);
  try {
    const input = await loadBacktestInput(ctx, row, payload);
    const result = await backtestOnComputePool(ctx.compute, input, {
      signal,
      onProgress: async (share) => {
        await updateBacktest(ctx.db.orm, id, { progress: Math.min(1, share) }, stillRunning);
      },
    });
    const done = { status: 'succeeded' as const, progress: 1, result, finishedAt: new Date() };
    return (await updateBacktest(ctx.db.orm, id, done, stillRunning))?.status ?? 'succeeded';
  } catch (err) {
    if (signal?.aborted) throw err; // shutting down: the queue runs it again
    await fail(ctx, id, err);
    return 'failed';
  }
}

/**
 * The job queue stopped trying the backtest's job (its worker stopped too often, or its last attempt was cut
 * off): an unfinished backtest is marked failed with the reason, so it does not show `running` for good.
 */
export async function failAbandonedBacktest(ctx: AppContext, id: string, reason: string): Promise<void> {
  const error = `The backtest's job was given up: ${reason}`.slice(0, 1000);
  const failed = await updateBacktest(
    ctx.db.orm,
    id,
    { status: 'failed', error, finishedAt: new Date() },
    stillRunning,
  );
  if (failed) ctx.log.warn({ backtestId: id, reason }, 'backtest failed: its job was given up');
}

/** Errors whose message is written for the user; anything else is logged and summarised. */
const EXPLAINED = [HttpError, TooFewBarsError, ResampleInputError, InvalidParamsError];

async function fail(ctx: AppContext, id: string, err: unknown): Promise<void> {
  const explained = EXPLAINED.some((cls) => err instanceof cls);
  const message = explained
    ? (err as Error).message
    : `The backtest failed unexpectedly (backtest ${id}; the cause is in the server log)`;
  if (!explained) ctx.log.error({ err, backtestId: id }, 'backtest failed');
  else ctx.log.warn({ backtestId: id, reason: message }, 'backtest failed');
  await updateBacktest(
    ctx.db.orm,
    id,
    { status: 'failed', error: message.slice(0, 1000), finishedAt: new Date() },
    stillRunning,
  );
}
