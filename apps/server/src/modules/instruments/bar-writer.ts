import { createHash } from 'node:crypto';
import type { Timeframe } from '@marketlens/contracts';
import { beginBulkTransaction, type BulkTransaction } from '../../db/bulk-transaction';
import type { Database } from '../../db/database';
import type { RawBar } from '../../providers/market-data-provider';
import { BARS_BINARY_COLUMNS, encodeBarsBinary } from './bar-copy-binary';
import { checkInstrumentOnce, type ForeignKeyCheck } from './bar-foreign-key';
import { CREATE_STAGING, mergeStaged, stage, unstage } from './bar-staging';
import { InvalidBarError } from './invalid-bar.error';

export interface BarSeriesKey {
  instrumentId: number;
  timeframe: Timeframe;
}

export interface BarWriteResult {
  inserted: number;
  updated: number;
  /** Distinct bars that were already stored with the same values. */
  unchanged: number;
}

export interface BarWriter {
  write(batch: readonly RawBar[]): Promise<void>;
  /** Bars written so far by route: copied straight into `bars`, or staged for the merge on commit. */
  readonly routed: Readonly<{ direct: number; staged: number }>;
  /** Whether the instrument's foreign key was checked once for the whole write or is checked row by row. */
  readonly foreignKeyCheck: ForeignKeyCheck;
  commit(): Promise<BarWriteResult>;
  abort(): Promise<void>;
}

/** Epoch ms, both ends inclusive. */
interface Span {
  lo: number;
  hi: number;
}

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
/** First int4 of the series write lock; distinct from the namespaces in db/advisory-locks.ts. */
const SERIES_LOCK_CLASS = 0x4241_5201;

const STORED_SPAN = `select (extract(epoch from min(ts)) * 1000)::float8 as lo,
  (extract(epoch from max(ts)) * 1000)::float8 as hi
from bars where instrument_id = $1 and timeframe = $2`;

/**
 * Opens one transaction that writes bars batch by batch and counts them on commit(). Nothing is visible
 * before commit; abort() or any failure rolls the whole write back. On PGlite other queries wait while a
 * writer is open, so always commit or abort.
 *
 * Two routes, chosen per batch. A batch in strict time order that lies wholly outside the stored bars of the
 * series and outside everything this writer wrote before is new by construction: on PostgreSQL it goes
 * straight into `bars` by binary COPY. Anything else is staged and merged on commit. The direct route needs
 * the series write lock, so no other writer can store bars in the range meanwhile: the first open writer of a
 * series takes it; others stage, and wait for it only when they merge. PGlite (one connection, no COPY FROM STDIN) always stages.
 *
 * The instrument is checked and locked once at the start (bar-foreign-key.ts): a missing one fails here, before
 * anything is written, and where it is safe PostgreSQL skips the same check for every row.
 */
export async function openBarWriter(db: Database, key: BarSeriesKey): Promise<BarWriter> {
  const tx = await beginBulkTransaction(db);
  let occupied: Span | null;
  let ownsSeries: boolean; // holds the series write lock, so may copy straight into bars
  let foreignKeyCheck: ForeignKeyCheck;
  try {
    foreignKeyCheck = await checkInstrumentOnce(tx, key.instrumentId);
    await tx.query(CREATE_STAGING);
    ownsSeries = tx.kind === 'postgres' && (await tryLockSeries(tx, key));
    occupied = ownsSeries ? await storedSpan(tx, key) : null;
  } catch (error) {
    await tx.rollback().catch(() => {});
    throw error;
  }
  const directSpans: Span[] = [];
  const counts = { direct: 0, staged: 0 };
  let state: 'open' | 'busy' | 'done' = 'open';

  // One call at a time; any failure rolls the whole write back and closes the writer.
  const guarded = async <T>(action: 'write' | 'commit', work: () => Promise<T>): Promise<T> => {
    if (state !== 'open')
      throw new Error(`Cannot ${action}: the bar writer is ${state === 'busy' ? 'busy' : 'closed'}`);
    state = 'busy';
    try {
      const result = await work();
      if (state === 'busy') state = action === 'commit' ? 'done' : 'open'; // unless abort() came meanwhile
      return result;
    } catch (error) {
      state = 'done';
      await tx.rollback().catch(() => {}); // the original error matters more than a failed rollback
      throw error;
    }
  };

  const write = async (batch: readonly RawBar[]): Promise<void> => {
    const span = spanOf(batch);
    if (ownsSeries && span.ordered && !overlaps(span, occupied)) {
      await tx.copyIn(`copy bars ${BARS_BINARY_COLUMNS} from stdin with (format binary)`, encodeBarsBinary(key, batch));
      directSpans.push(span);
      counts.direct += batch.length;
    } else {
      // Earlier direct bars this batch may repeat go back to staging first, so later values win and each
      // ts is counted once, exactly as if everything had been staged.
      for (const earlier of directSpans.filter((s) => overlaps(s, span))) {
        const moved = await unstage(tx, key, earlier.lo, earlier.hi);
        counts.direct -= moved;
        counts.staged += moved;
        directSpans.splice(directSpans.indexOf(earlier), 1);
      }
      await stage(tx, batch);
      counts.staged += batch.length;
    }
    occupied = occupied ? { lo: Math.min(occupied.lo, span.lo), hi: Math.max(occupied.hi, span.hi) } : span;
  };

  const commit = async (): Promise<BarWriteResult> => {
    let merged: BarWriteResult = { inserted: 0, updated: 0, unchanged: 0 };
    if (counts.staged > 0) {
      if (tx.kind === 'postgres' && !ownsSeries) await lockSeries(tx, key); // an open direct writer finishes first
      merged = await mergeStaged(tx, key, counts.staged);
    }
    await tx.commit();
    return { ...merged, inserted: merged.inserted + counts.direct };
  };

  return {
    routed: counts,
    foreignKeyCheck,
    write: (batch) =>
      guarded('write', async () => {
        validate(batch);
        if (batch.length > 0) await write(batch);
      }),
    commit: () => guarded('commit', commit),
    abort: async () => {
      if (state === 'done') return;
      state = 'done';
      await tx.rollback();
    },
  };
}

/** Writes bars in one transaction: open + write + commit. */
export async function upsertBars(db: Database, key: BarSeriesKey, batch: readonly RawBar[]): Promise<BarWriteResult> {
  const writer = await openBarWriter(db, key);
  await writer.write(batch);
  return writer.commit();
}

/** Second int4 of the series write lock (two series sharing one only serialise their writes). */
function seriesLockKey(key: BarSeriesKey): number {
  return createHash('sha256').update(`${key.instrumentId}:${key.timeframe}`).digest().readInt32BE(0);
}

async function tryLockSeries(tx: BulkTransaction, key: BarSeriesKey): Promise<boolean> {
  const [row] = await tx.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1::int4, $2::int4) as ok', [
    SERIES_LOCK_CLASS,
    seriesLockKey(key),
  ]);
  return row?.ok === true;
}

async function lockSeries(tx: BulkTransaction, key: BarSeriesKey): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1::int4, $2::int4)', [SERIES_LOCK_CLASS, seriesLockKey(key)]);
}

async function storedSpan(tx: BulkTransaction, key: BarSeriesKey): Promise<Span | null> {
  const [row] = await tx.query<{ lo: number | null; hi: number | null }>(STORED_SPAN, [
    key.instrumentId,
    key.timeframe,
  ]);
  return row?.lo == null || row.hi == null ? null : { lo: row.lo, hi: row.hi };
}

/** The batch's time span, and whether its ts strictly rise (or strictly fall), i.e. are all distinct. */
function spanOf(batch: readonly RawBar[]): Span & { ordered: boolean } {
  let lo = Infinity;
  let hi = -Infinity;
  let rising = true;
  let falling = true;
  for (let i = 0; i < batch.length; i++) {
    const ts = (batch[i] as RawBar).ts;
    if (ts < lo) lo = ts;
    if (ts > hi) hi = ts;
    if (i > 0) {
      const previous = (batch[i - 1] as RawBar).ts;
      rising &&= ts > previous;
      falling &&= ts < previous;
    }
  }
  return { lo, hi, ordered: rising || falling };
}

const overlaps = (a: Span, b: Span | null): boolean => b !== null && a.lo <= b.hi && b.lo <= a.hi;

function validate(batch: readonly RawBar[]): void {
  for (let i = 0; i < batch.length; i++) {
    const bar = batch[i] as RawBar;
    if (!Number.isSafeInteger(bar.ts)) throw new InvalidBarError(i, 'ts', bar.ts);
    for (const field of FIELDS) {
      if (!Number.isFinite(bar[field])) throw new InvalidBarError(i, field, bar[field]);
    }
  }
}
