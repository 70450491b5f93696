import type { BarsQuery, BarsResponse, Instrument, Timeframe } from '@marketlens/contracts';
import { desc, eq } from 'drizzle-orm';
import type { AppContext } from '../../context';
import { instruments, uploads } from '../../db/schema';
import { NotFoundError } from '../../http/http-errors';
import type { RawBar } from '../../providers/market-data-provider';
import { emitClosedBars } from './bar-events';
import { countBars, iterateBars, readBars, upsertBars, type BarWriteResult } from './bars.store';
import { JobRunsStore } from '../../jobs/job-runs.store';
import { lastSuccessfulUpload } from './ingest-freshness.store';
import {
  deleteInstrument,
  ensureInstrument,
  findInstrument,
  listInstruments,
  type InstrumentKind,
} from './instruments.store';

const iso = (d: Date | number) => new Date(d).toISOString();

export async function listInstrumentSummaries(ctx: AppContext): Promise<Instrument[]> {
  const rows = await listInstruments(ctx.db.orm);
  return rows.map((row) => ({
    id: row.id,
    symbol: row.symbol,
    name: row.name,
    kind: row.kind,
    source: row.source,
    synthetic: row.synthetic,
    timeframes: row.timeframes.map((t) => ({
      timeframe: t.timeframe,
      bars: t.bars,
      first: iso(t.first),
      last: iso(t.last),
    })),
  }));
}

export async function getBars(ctx: AppContext, symbol: string, query: BarsQuery): Promise<BarsResponse> {
  const instrument = await findInstrument(ctx.db.orm, symbol);
  if (!instrument) throw new NotFoundError(`Instrument ${symbol}`, 'INSTRUMENT_NOT_FOUND');
  const bars = await readBars(ctx.db.orm, {
    instrumentId: instrument.id,
    timeframe: query.timeframe as Timeframe,
    from: query.from ? Date.parse(query.from) : undefined,
    to: query.to ? Date.parse(query.to) : undefined,
    limit: query.limit,
  });
  return {
    symbol: instrument.symbol,
    timeframe: query.timeframe,
    synthetic: instrument.synthetic,
    bars: bars.map((b) => ({ ...b, ts: iso(b.ts) })),
  };
}

export async function removeInstrument(ctx: AppContext, symbol: string): Promise<void> {
  const instrument = await findInstrument(ctx.db.orm, symbol);
  if (!instrument) throw new NotFoundError(`Instrument ${symbol}`, 'INSTRUMENT_NOT_FOUND');
  await deleteInstrument(ctx.db.orm, instrument.id);
}

export async function listUploads(ctx: AppContext, limit = 50) {
  const rows = await ctx.db.orm
    .select({ upload: uploads, symbol: instruments.symbol })
    .from(uploads)
    .leftJoin(instruments, eq(uploads.instrumentId, instruments.id))
    .orderBy(desc(uploads.createdAt))
    .limit(limit);
  return rows.map(({ upload }) => ({
    id: upload.id,
    filename: upload.filename,
    sizeBytes: upload.sizeBytes,
    symbol: upload.symbol,
    timeframe: upload.timeframe,
    status: upload.status,
    rows: upload.rows,
    inserted: upload.inserted,
    updated: upload.updated,
    unchanged: upload.unchanged,
    rejectedCount: upload.rejected.length,
    error: upload.error,
    createdAt: iso(upload.createdAt),
  }));
}

/** What other modules may know about an instrument (they never read the store themselves). */
export interface InstrumentInfo {
  id: number;
  symbol: string;
  name: string | null;
  kind: InstrumentKind;
  synthetic: boolean;
}

/** The instrument with this symbol (case-insensitive), or 404 INSTRUMENT_NOT_FOUND. */
export async function getInstrumentInfo(ctx: AppContext, symbol: string): Promise<InstrumentInfo> {
  const instrument = await findInstrument(ctx.db.orm, symbol);
  if (!instrument) throw new NotFoundError(`Instrument ${symbol}`, 'INSTRUMENT_NOT_FOUND');
  const { id, name, kind, synthetic } = instrument;
  return { id, symbol: instrument.symbol, name, kind, synthetic };
}

/**
 * Every bar of a range in ascending time, for analytics that need the whole series (regime fits).
 * `from` inclusive, `to` exclusive, epoch ms. Unknown symbol: 404.
 */
export async function loadBarSeries(
  ctx: AppContext,
  symbol: string,
  timeframe: Timeframe,
  range: { from?: number; to?: number } = {},
): Promise<RawBar[]> {
  const instrument = await getInstrumentInfo(ctx, symbol);
  const key = { instrumentId: instrument.id, timeframe, from: range.from, to: range.to };
  const total = await countBars(ctx.db.orm, key);
  if (total === 0) return [];
  return readBars(ctx.db.orm, { ...key, limit: total });
}

export interface LastIngests {
  /** Last successful CSV import. */
  csv?: Date;
  /** Last successful ingest.prices run (market-data providers). */
  provider?: Date;
}

/**
 * When CSV imports and provider ingestion last succeeded (for the ingestion-freshness metric and alert), from
 * the database rather than process memory: every role and replica reports the same, and a restart forgets nothing.
 */
export async function lastIngestTimes(ctx: AppContext): Promise<LastIngests> {
  const [csv, provider] = await Promise.all([
    lastSuccessfulUpload(ctx.db.orm),
    new JobRunsStore(ctx.db.orm).lastSucceededAt('ingest.prices'),
  ]);
  return { ...(csv ? { csv } : {}), ...(provider ? { provider } : {}) };
}

/** A stored series in ascending pages (5,000 bars), for readers that stream it (replay). Unknown symbol: 404. */
export async function* streamBarSeries(
  ctx: AppContext,
  symbol: string,
  timeframe: Timeframe,
  range: { from?: number; to?: number } = {},
): AsyncGenerator<RawBar[]> {
  const instrument = await getInstrumentInfo(ctx, symbol);
  yield* iterateBars(ctx.db.orm, { instrumentId: instrument.id, timeframe, ...range });
}

export interface ClosedBarsTarget {
  symbol: string;
  timeframe: Timeframe;
  /** Used when the instrument is created by this write. */
  name?: string;
  kind?: InstrumentKind;
  source?: string;
}

/**
 * The path of bars that arrive one by one as they close (replay now, a streaming feed later): upserts them,
 * announces `bars.ingested` when that changed the store, and `bars.closed` every time, because each call is
 * bars arriving that the live engine must see even when an earlier replay stored the same values.
 */
export async function storeClosedBars(
  ctx: AppContext,
  target: ClosedBarsTarget,
  bars: readonly RawBar[],
  now: number = Date.now(),
): Promise<BarWriteResult> {
  const instrument = await ensureInstrument(ctx.db.orm, {
    symbol: target.symbol,
    name: target.name ?? null,
    kind: target.kind ?? 'other',
    source: target.source ?? 'replay',
  });
  const series = { instrumentId: instrument.id, symbol: instrument.symbol, timeframe: target.timeframe };
  const written = await upsertBars(ctx.db, series, bars);
  const [first, last] = [bars[0], bars.at(-1)];
  if (first && last && written.inserted + written.updated > 0) {
    await ctx.events.emit('bars.ingested', { ...series, firstTs: first.ts, lastTs: last.ts });
  }
  await emitClosedBars(ctx, series, bars, now);
  return written;
}
