import type { Deployment, Timeframe } from '@marketlens/contracts';
import { decodeState } from '@marketlens/quant';
import type { z } from 'zod';
import type { createDeploymentRequestSchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { getBars, getInstrumentInfo } from '../instruments/instruments.service';
import { insertDeployment, listDeployments, setDeploymentEnabled, type DeploymentRow } from './deployments.store';
import { listPaperTrades } from './signals.store';
import { loadGateInput } from './gate-input';
import { loadLiveRegime } from './engine/live-regime';
import { requireRunnableVersion } from './strategies.service';

type CreateDeployment = z.infer<typeof createDeploymentRequestSchema>;

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** The open paper position inside a stored runner snapshot (StrategyRunner.snapshot), if any. */
function openPosition(state: unknown): Deployment['position'] {
  const snap = (state as { runner?: { position?: unknown } } | null)?.runner;
  if (!snap?.position) return null;
  const p = decodeState(snap.position as never) as {
    side: 'long' | 'short';
    entryTs: number;
    entryPrice: number;
  } | null;
  return p ? { side: p.side, entryTs: new Date(p.entryTs).toISOString(), entryPrice: p.entryPrice } : null;
}

function toDeployment(row: DeploymentRow & { strategyName: string; symbol: string }): Deployment {
  return {
    id: row.id,
    strategyId: row.strategyId,
    strategyName: row.strategyName,
    version: row.version,
    symbol: row.symbol,
    timeframe: row.timeframe,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    lastBarTs: row.state === null ? null : iso(row.lastBarTs),
    lastError: row.lastError,
    realisedEquity: row.realisedEquity,
    markedEquity: row.markedEquity,
    position: openPosition(row.state),
  };
}

/**
 * Runs a strategy version live on one series. The newest stored bar becomes the anchor: the engine warms the
 * indicators up to it and treats every bar stored after it as live, whatever its timestamp (so a replay of
 * older data runs through the live path too).
 */
export async function createDeployment(
  ctx: AppContext,
  request: CreateDeployment,
  userId?: string,
): Promise<Deployment> {
  const { strategy, version, definition } = await requireRunnableVersion(ctx, request.strategyId, request.version);
  // The gate's model, alias and threshold are checked now (400 naming what is wrong), not at the first pass.
  if (definition.gate) await loadGateInput(ctx, definition.gate);
  const timeframe = (request.timeframe ?? definition.timeframe) as Timeframe;
  const instrument = await getInstrumentInfo(ctx, request.symbol);
  // The regime filter's fit and labels are checked now (400 naming what is missing), not at the first pass.
  await loadLiveRegime(ctx, definition, instrument.symbol, timeframe);
  const latest = await getBars(ctx, instrument.symbol, { timeframe, limit: 1 });
  const row = await insertDeployment(ctx.db.orm, {
    strategyId: strategy.id,
    version,
    instrumentId: instrument.id,
    timeframe,
    enabledBy: userId ?? null,
    lastBarTs: latest.bars[0] ? new Date(latest.bars[0].ts) : null,
  });
  if (!row) {
    throw new ConflictError(
      'DEPLOYMENT_EXISTS',
      `Strategy "${strategy.name}" already runs on ${instrument.symbol} ${timeframe}: enable or disable that deployment`,
    );
  }
  await ctx.events.emit('bars.ingested', {
    instrumentId: instrument.id,
    symbol: instrument.symbol,
    timeframe,
    firstTs: 0,
    lastTs: 0,
  });
  return toDeployment({ ...row, strategyName: strategy.name, symbol: instrument.symbol });
}

export async function listAllDeployments(ctx: AppContext): Promise<Deployment[]> {
  return (await listDeployments(ctx.db.orm)).map(toDeployment);
}

export async function getDeployment(ctx: AppContext, id: string): Promise<Deployment> {
  const found = (await listDeployments(ctx.db.orm)).find((d) => d.id === id);
  if (!found) throw new NotFoundError(`Deployment ${id}`, 'DEPLOYMENT_NOT_FOUND');
  return toDeployment(found);
}

export async function setEnabled(ctx: AppContext, id: string, enabled: boolean, userId?: string): Promise<Deployment> {
  if (!(await setDeploymentEnabled(ctx.db.orm, id, enabled, userId ?? null))) {
    throw new NotFoundError(`Deployment ${id}`, 'DEPLOYMENT_NOT_FOUND');
  }
  return getDeployment(ctx, id);
}

export async function paperTrades(ctx: AppContext, id: string, limit = 200) {
  await getDeployment(ctx, id);
  const rows = await listPaperTrades(ctx.db.orm, id, limit);
  return rows.map((t) => ({
    side: t.side,
    entryTs: t.entryTs.toISOString(),
    entryPrice: t.entryPrice,
    exitTs: t.exitTs.toISOString(),
    exitPrice: t.exitPrice,
    returnPct: t.returnPct,
    exitReason: t.exitReason,
  }));
}
