import type { Timeframe } from '@marketlens/contracts';
import { and, asc, count, desc, eq, gt, gte, lt, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { beginBulkTransaction } from '../../db/bulk-transaction';
import type { BulkTransaction } from '../../db/bulk-transaction';
import type { Database, Orm } from '../../db/database';
import { bars } from '../../db/schema';
import type { RawBar } from '../../providers/market-data-provider';
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
  commit(): Promise<BarWriteResult>;
  abort(): Promise<void>;
}

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
/** Rows per staging INSERT on PGlite: six array parameters whatever the size, so only memory bounds it. */
const PGLITE_STAGE_ROWS = 5_000;
/** Rows per chunk pushed into a COPY stream. */
const COPY_CHUNK_ROWS = 2_000;

// seq remembers arrival order, so when one write holds the same ts twice the later bar wins.
// ts stays epoch ms here; the merge converts it exactly (integer milliseconds, no float rounding).
const CREATE_STAGING = `create temporary table bars_staging (
  seq bigint generated always as identity,
  ts bigint not null, open float8 not null, high float8 not null, low float8 not null,
  close float8 not null, volume float8 not null
) on commit drop`;

const MERGE = `with staged as (
  select distinct on (ts) ts, open, high, low, close, volume from bars_staging order by ts, seq desc
), merged as (
  insert into bars (instrument_id, timeframe, ts, open, high, low, close, volume)
  select $1::int, $2::text, timestamptz 'epoch' + ts * interval '1 millisecond', open, high, low, close, volume
  from staged
  on conflict (instrument_id, timeframe, ts) do update
    set open = excluded.open, high = excluded.high, low = excluded.low, close = excluded.close, volume = excluded.volume
    where (bars.open, bars.high, bars.low, bars.close, bars.volume)
      is distinct from (excluded.open, excluded.high, excluded.low, excluded.close, excluded.volume)
  returning (xmax = 0) as inserted
)
select (select count(*) from staged)::int as distinct_rows,
  count(*) filter (where inserted)::int as inserted,
  count(*) filter (where not inserted)::int as updated
from merged`;

// Fast path for the common first load of a range: when no stored bar of the series falls inside the staged
// range, a plain insert does the work of the upsert at about half the cost (no conflict arbitration).
const RANGE_IS_EMPTY = `select not exists (
  select 1 from bars
  where instrument_id = $1 and timeframe = $2
    and ts between (select timestamptz 'epoch' + min(ts) * interval '1 millisecond' from bars_staging)
               and (select timestamptz 'epoch' + max(ts) * interval '1 millisecond' from bars_staging)
) as empty`;

const INSERT_NEW = `insert into bars (instrument_id, timeframe, ts, open, high, low, close, volume)
  select $1::int, $2::text, timestamptz 'epoch' + ts * interval '1 millisecond', open, high, low, close, volume
  from (select distinct on (ts) ts, open, high, low, close, volume from bars_staging order by ts, seq desc) staged`;

const UNIQUE_VIOLATION = '23505';

/** Merges the staged bars into `bars`, counting what changed; the plain insert races safely via a savepoint. */
async function mergeStaged(tx: BulkTransaction, key: BarSeriesKey): Promise<BarWriteResult> {
  const params = [key.instrumentId, key.timeframe];
  const [range] = await tx.query<{ empty: boolean }>(RANGE_IS_EMPTY, params);
  if (range?.empty) {
    await tx.query('savepoint bars_insert_new');
    try {
      const [row] = await tx.query<{ n: number }>(
        `with ins as (${INSERT_NEW} returning 1) select count(*)::int as n from ins`,
        params,
      );
      return { inserted: row?.n ?? 0, updated: 0, unchanged: 0 };
    } catch (error) {
      // Another writer stored bars in this range since we looked: fall back to the full merge.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      await tx.query('rollback to savepoint bars_insert_new');
    }
  }
  const [counts] = await tx.query<{ distinct_rows: number; inserted: number; updated: number }>(MERGE, params);
  const { distinct_rows = 0, inserted = 0, updated = 0 } = counts ?? {};
  return { inserted, updated, unchanged: distinct_rows - inserted - updated };
}

/**
 * Opens one transaction that stages bars batch by batch (COPY on PostgreSQL, array INSERTs on PGlite) and
 * merges them into `bars` on commit(). Nothing is visible before commit; abort() or any failure rolls the
 * whole write back. On PGlite other queries wait while a writer is open, so always commit or abort.
 */
export async function openBarWriter(db: Database, key: BarSeriesKey): Promise<BarWriter> {
  const tx = await beginBulkTransaction(db);
  try {
    await tx.query(CREATE_STAGING);
  } catch (error) {
    await tx.rollback().catch(() => {});
    throw error;
  }
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

  return {
    write: (batch) =>
      guarded('write', async () => {
        validate(batch);
        if (batch.length > 0) await stage(tx, batch);
      }),
    commit: () =>
      guarded('commit', async () => {
        const result = await mergeStaged(tx, key);
        await tx.commit();
        return result;
      }),
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

function validate(batch: readonly RawBar[]): void {
  for (let i = 0; i < batch.length; i++) {
    const bar = batch[i] as RawBar;
    if (!Number.isSafeInteger(bar.ts)) throw new InvalidBarError(i, 'ts', bar.ts);
    for (const field of FIELDS) {
      if (!Number.isFinite(bar[field])) throw new InvalidBarError(i, field, bar[field]);
    }
  }
}

async function stage(tx: BulkTransaction, batch: readonly RawBar[]): Promise<void> {
  if (tx.kind === 'postgres') {
    await tx.copyIn('copy bars_staging (ts, open, high, low, close, volume) from stdin', copyChunks(batch));
    return;
  }
  for (let start = 0; start < batch.length; start += PGLITE_STAGE_ROWS) {
    const rows = batch.slice(start, start + PGLITE_STAGE_ROWS);
    await tx.query(
      `insert into bars_staging (ts, open, high, low, close, volume)
       select * from unnest($1::int8[], $2::float8[], $3::float8[], $4::float8[], $5::float8[], $6::float8[])`,
      FIELDS.map((field) => rows.map((bar) => bar[field])),
    );
  }
}

/** COPY text format: tab-separated, one row per line; the values are validated finite numbers. */
function* copyChunks(batch: readonly RawBar[]): Generator<string> {
  for (let start = 0; start < batch.length; start += COPY_CHUNK_ROWS) {
    let chunk = '';
    const end = Math.min(start + COPY_CHUNK_ROWS, batch.length);
    for (let i = start; i < end; i++) {
      const bar = batch[i] as RawBar;
      chunk += `${bar.ts}\t${bar.open}\t${bar.high}\t${bar.low}\t${bar.close}\t${bar.volume}\n`;
    }
    yield chunk;
  }
}

export interface BarRange extends BarSeriesKey {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive (as in providers' BarRequest). */
  to?: number;
}

function rangeFilter({ instrumentId, timeframe, from, to }: BarRange): SQL | undefined {
  return and(
    eq(bars.instrumentId, instrumentId),
    eq(bars.timeframe, timeframe),
    from === undefined ? undefined : gte(bars.ts, new Date(from)),
    to === undefined ? undefined : lt(bars.ts, new Date(to)),
  );
}

/**
 * Bars of the range in ascending time. When the range holds more than `limit` bars the most recent ones are
 * returned (a chart shows the latest data): the primary-key index is walked backwards and the page reversed.
 */
export async function readBars(orm: Orm, range: BarRange & { limit: number }): Promise<RawBar[]> {
  const rows = await latestBarsQuery(orm, range);
  return rows.reverse().map((row) => ({ ...row, ts: row.ts.getTime() }));
}

/** The query behind readBars, newest first; exported so tests can EXPLAIN exactly what readBars runs. */
export function latestBarsQuery(orm: Orm, range: BarRange & { limit: number }) {
  if (!Number.isInteger(range.limit) || range.limit <= 0) {
    throw new Error(`readBars: limit must be a positive integer, got ${range.limit}`);
  }
  return orm
    .select({ ts: bars.ts, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume })
    .from(bars)
    .where(rangeFilter(range))
    .orderBy(desc(bars.ts))
    .limit(range.limit);
}

export async function countBars(orm: Orm, range: BarRange): Promise<number> {
  const [row] = await orm.select({ n: count() }).from(bars).where(rangeFilter(range));
  return row?.n ?? 0;
}

/**
 * Bars of the range in ascending time, one page at a time (keyset on ts), so a long series is never held whole:
 * announcing an imported file's bars reads them back this way.
 */
export async function* iterateBars(orm: Orm, range: BarRange, pageSize = 5_000): AsyncGenerator<RawBar[]> {
  let after: Date | undefined;
  for (;;) {
    const rows = await orm
      .select({ ts: bars.ts, open: bars.open, high: bars.high, low: bars.low, close: bars.close, volume: bars.volume })
      .from(bars)
      .where(and(rangeFilter(range), after === undefined ? undefined : gt(bars.ts, after)))
      .orderBy(asc(bars.ts))
      .limit(pageSize);
    if (rows.length === 0) return;
    yield rows.map((row) => ({ ...row, ts: row.ts.getTime() }));
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1]?.ts;
  }
}

/** A run of missing bars: [from, to) epoch ms, `missing` expected bar times inside it. */
export interface BarGap {
  from: number;
  to: number;
  missing: number;
}

/**
 * Runs of missing bars between stored bars of the range, for series where every bar should exist (24/7
 * markets): consecutive stored bars more than `stepMs` apart. One pass of lead() over the primary-key index;
 * only the gaps come back. Before the first and after the last stored bar nothing counts as missing.
 */
export async function findGaps(orm: Orm, range: BarRange, stepMs: number, limit: number): Promise<BarGap[]> {
  const pairs = orm
    .select({
      ts: sql<number>`extract(epoch from ${bars.ts}) * 1000`.mapWith(Number).as('gap_after'),
      next: sql<number>`extract(epoch from lead(${bars.ts}) over (order by ${bars.ts})) * 1000`
        .mapWith(Number)
        .as('gap_before'),
    })
    .from(bars)
    .where(rangeFilter(range))
    .as('pairs');
  const rows = await orm
    .select({ ts: pairs.ts, next: pairs.next })
    .from(pairs)
    .where(sql`${pairs.next} - ${pairs.ts} > ${stepMs}`)
    .orderBy(asc(pairs.ts))
    .limit(limit);
  return rows.map(({ ts, next }) => ({ from: ts + stepMs, to: next, missing: Math.round((next - ts) / stepMs) - 1 }));
}
