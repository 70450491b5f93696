import type { BulkTransaction } from '../../db/bulk-transaction';
import type { RawBar } from '../../providers/market-data-provider';
import { encodeStagingBinary, STAGING_BINARY_COLUMNS } from './bar-copy-binary';
import type { BarSeriesKey, BarWriteResult } from './bar-writer';

// The merge path of the bar writer: bars whose range may meet stored ones are staged in a temporary table
// and merged into `bars` on commit, counting what was inserted, updated and left unchanged.

const FIELDS = ['ts', 'open', 'high', 'low', 'close', 'volume'] as const;
/** Rows per staging INSERT on PGlite: six array parameters whatever the size, so only memory bounds it. */
const PGLITE_STAGE_ROWS = 5_000;
/** From this many staged rows the merge is planned with real statistics (a hash join, not a guess). */
const ANALYZE_FROM_ROWS = 50_000;

// seq remembers arrival order, so when one write holds the same ts twice the later bar wins.
// ts stays epoch ms here; the merge converts it exactly (integer milliseconds, no float rounding).
export const CREATE_STAGING = `create temporary table bars_staging (
  seq bigint generated always as identity,
  ts bigint not null, open float8 not null, high float8 not null, low float8 not null,
  close float8 not null, volume float8 not null
) on commit drop`;

const STAGED = `select distinct on (ts) ts, open, high, low, close, volume from bars_staging order by ts, seq desc`;
const AS_TIMESTAMPTZ = (ms: string) => `timestamptz 'epoch' + ${ms} * interval '1 millisecond'`;

// Stored bars with equal values are filtered out by a read-only join first: ON CONFLICT DO UPDATE would lock
// (and so write) every conflicting row even when its WHERE then skips the update, which is the whole cost of
// re-importing a file. The upsert still arbitrates what changed since the join's snapshot.
const MERGE = `with staged as (${STAGED}),
changed as (
  select s.* from staged s
  left join bars b on b.instrument_id = $1 and b.timeframe = $2 and b.ts = ${AS_TIMESTAMPTZ('s.ts')}
  where b.ts is null
    or (b.open, b.high, b.low, b.close, b.volume) is distinct from (s.open, s.high, s.low, s.close, s.volume)
), merged as (
  insert into bars (instrument_id, timeframe, ts, open, high, low, close, volume)
  select $1::int, $2::text, ${AS_TIMESTAMPTZ('ts')}, open, high, low, close, volume from changed
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

// A first load of a range that is only partly new (or arrives unsorted) still skips conflict arbitration
// when no stored bar of the series falls inside the staged range.
const RANGE_IS_EMPTY = `select not exists (
  select 1 from bars
  where instrument_id = $1 and timeframe = $2
    and ts between (select ${AS_TIMESTAMPTZ('min(ts)')} from bars_staging)
               and (select ${AS_TIMESTAMPTZ('max(ts)')} from bars_staging)
) as empty`;

const INSERT_NEW = `insert into bars (instrument_id, timeframe, ts, open, high, low, close, volume)
  select $1::int, $2::text, ${AS_TIMESTAMPTZ('ts')}, open, high, low, close, volume from (${STAGED}) staged`;

// Moves this writer's own directly copied bars of [$3, $4] back into staging (before the batch that overlaps
// them), so the merge sees every write in order and counts each ts once.
const UNSTAGE = `with moved as (
  delete from bars
  where instrument_id = $1 and timeframe = $2 and ts between ${AS_TIMESTAMPTZ('$3::int8')} and ${AS_TIMESTAMPTZ('$4::int8')}
  returning ts, open, high, low, close, volume
), staged as (
  insert into bars_staging (ts, open, high, low, close, volume)
  select (extract(epoch from ts) * 1000)::int8, open, high, low, close, volume from moved order by ts
  returning 1
)
select count(*)::int as n from staged`;

const UNIQUE_VIOLATION = '23505';

/** Appends bars to the staging table: binary COPY on PostgreSQL, array INSERTs on PGlite (no COPY FROM STDIN). */
export async function stage(tx: BulkTransaction, batch: readonly RawBar[]): Promise<void> {
  if (tx.kind === 'postgres') {
    await tx.copyIn(
      `copy bars_staging ${STAGING_BINARY_COLUMNS} from stdin with (format binary)`,
      encodeStagingBinary(batch),
    );
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

/** Moves the stored bars of the series in [from, to] (epoch ms, inclusive) into staging; returns how many. */
export async function unstage(tx: BulkTransaction, key: BarSeriesKey, from: number, to: number): Promise<number> {
  const [row] = await tx.query<{ n: number }>(UNSTAGE, [key.instrumentId, key.timeframe, from, to]);
  return row?.n ?? 0;
}

/** Merges the staged bars into `bars`, counting what changed; the plain insert races safely via a savepoint. */
export async function mergeStaged(tx: BulkTransaction, key: BarSeriesKey, stagedRows: number): Promise<BarWriteResult> {
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
  if (stagedRows >= ANALYZE_FROM_ROWS) await tx.query('analyze bars_staging');
  const [counts] = await tx.query<{ distinct_rows: number; inserted: number; updated: number }>(MERGE, params);
  const { distinct_rows = 0, inserted = 0, updated = 0 } = counts ?? {};
  return { inserted, updated, unchanged: distinct_rows - inserted - updated };
}
