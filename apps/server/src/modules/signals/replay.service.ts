import type { Timeframe } from '@marketlens/contracts';
import { BarResampler, timeframeMs, type OhlcvBar } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { storeClosedBars } from '../instruments/instruments.service';
import { realReplayClock, type ReplayClock } from './replay-clock';
import { InvalidReplayError } from './replay.error';
import { readReplaySource, type ReplaySource, type ReplaySourceReport } from './replay-source';

export interface ReplayOptions {
  source: ReplaySource;
  /**
   * Pace relative to the bars' own time: 60 replays 1m bars once a second (a bar is delivered when its
   * close comes round on the sped-up timeline, so gaps in the data replay as pauses). Infinity or 0: as fast
   * as possible.
   */
  speed: number;
  /** Resample on the fly to this coarser timeframe; only complete buckets are delivered. */
  timeframe?: Timeframe;
  /**
   * Also write each delivered bar as a closed bar of this instrument (created when missing) through the bars
   * store, which announces it on `bars.closed`: the live engine then runs on the replay as on live data.
   */
  storeAs?: string;
  signal?: AbortSignal;
  clock?: ReplayClock;
}

export interface ReplaySummary {
  sourceBars: number;
  delivered: number;
  /** The source ended inside a bucket of the target timeframe: that partial bucket was not delivered. */
  partialDropped: boolean;
  stored: { inserted: number; updated: number; unchanged: number } | null;
  rejectedRows: number;
  aborted: boolean;
}

/** Bars per store write when replaying as fast as possible (paced replays write each bar as it closes). */
const FAST_WRITE_BATCH = 1_000;

function checkOptions(options: ReplayOptions): void {
  if (Number.isNaN(options.speed) || options.speed < 0) {
    throw new InvalidReplayError(`speed must be a positive number, 0 or Infinity, got ${options.speed}`, 'speed');
  }
  const { source, storeAs } = options;
  if (storeAs !== undefined && source.kind === 'stored' && storeAs.toUpperCase() === source.symbol.toUpperCase()) {
    throw new InvalidReplayError(`cannot replay ${source.symbol} into itself: name another instrument`, 'storeAs');
  }
}

/**
 * Streams a stored series or a CSV file bar by bar at N x speed, optionally resampled and written through the
 * bars store as closed bars, so the whole live flow runs offline. An aborted signal stops it (the iterator
 * throws the signal's reason); time comes from `clock`, so tests never wait.
 */
export async function* replayBars(
  ctx: AppContext,
  options: ReplayOptions,
  summary: ReplaySummary = emptySummary(),
): AsyncGenerator<OhlcvBar> {
  checkOptions(options);
  const { source, signal } = options;
  const clock = options.clock ?? realReplayClock;
  const target = options.timeframe ?? source.timeframe;
  const resampler = target === source.timeframe ? null : new BarResampler(source.timeframe, target);
  const paced = Number.isFinite(options.speed) && options.speed > 0;
  const step = timeframeMs(source.timeframe);
  const report: ReplaySourceReport = { rejectedRows: 0 };
  let origin: { wall: number; close: number } | null = null;
  let pending: OhlcvBar[] = [];

  async function* deliver(): AsyncGenerator<OhlcvBar> {
    const batch = pending;
    pending = [];
    if (batch.length === 0) return;
    if (options.storeAs !== undefined) {
      const written = await storeClosedBars(
        ctx,
        {
          symbol: options.storeAs,
          timeframe: target,
          name: `Replay of ${source.kind === 'stored' ? source.symbol : source.path.split('/').pop()}`,
          source: 'replay',
        },
        batch,
      );
      summary.stored ??= { inserted: 0, updated: 0, unchanged: 0 };
      summary.stored.inserted += written.inserted;
      summary.stored.updated += written.updated;
      summary.stored.unchanged += written.unchanged;
    }
    for (const bar of batch) {
      summary.delivered++;
      yield bar;
    }
  }

  for await (const page of readReplaySource(ctx, source, report)) {
    for (const bar of page) {
      signal?.throwIfAborted();
      summary.sourceBars++;
      if (paced) {
        const close = bar.ts + step;
        origin ??= { wall: clock.now(), close };
        const wait = origin.wall + (close - origin.close) / options.speed - clock.now();
        if (wait > 0) await clock.sleep(wait, signal);
      }
      if (!resampler) pending.push(bar);
      else {
        const completed = resampler.add(bar);
        if (completed) pending.push(completed);
        // The bucket's last slot has closed: deliver it now rather than when the next bucket starts.
        if (resampler.formingComplete) pending.push(resampler.flush() as OhlcvBar);
      }
      if (pending.length >= (paced ? 1 : FAST_WRITE_BATCH)) yield* deliver();
    }
  }
  summary.rejectedRows = report.rejectedRows;
  summary.partialDropped = resampler?.forming != null;
  yield* deliver();
}

/** Runs a replay to its end, calling `onBar` for each delivered bar; an abort ends it early, not with an error. */
export async function runReplay(
  ctx: AppContext,
  options: ReplayOptions,
  onBar: (bar: OhlcvBar) => Promise<void> | void = () => undefined,
): Promise<ReplaySummary> {
  const summary = emptySummary();
  try {
    for await (const bar of replayBars(ctx, options, summary)) await onBar(bar);
  } catch (error) {
    if (!options.signal?.aborted) throw error;
    summary.aborted = true;
  }
  return summary;
}

function emptySummary(): ReplaySummary {
  return { sourceBars: 0, delivered: 0, partialDropped: false, stored: null, rejectedRows: 0, aborted: false };
}
