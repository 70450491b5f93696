import type { BulkTransaction } from '../../db/bulk-transaction';

// The foreign key bars.instrument_id -> instruments.id, checked once per bulk write instead of once per row.
//
// For every inserted bar PostgreSQL runs `SELECT 1 FROM instruments WHERE id = $1 FOR KEY SHARE` (its RI
// trigger): about as much server work again as storing the row, and the whole gap between a 1M-row import and
// `psql \copy`. A bar writer writes the bars of ONE series, every row with the same instrument_id, so that
// query run once at the start, its KEY SHARE lock held to the end of the transaction, proves exactly what the
// per-row checks would: the instrument exists, and no one can delete it or change its id until the bars are
// committed (a DELETE waits, then cascades to them). The row triggers are then switched off for this
// transaction only (`SET LOCAL session_replication_role = replica`, as logical replication's apply worker runs) when that cannot
// skip anything else: no trigger or rule on bars but the key's own and no other foreign key. Otherwise, and for
// roles that may not set it, PostgreSQL keeps checking each row. See docs/decisions.md.

/** How the writer's transaction enforces the foreign key of the bars it writes. */
export type ForeignKeyCheck = 'once' | 'per-row';

/** Thrown when the series' instrument does not exist (or was deleted): nothing was written. */
export class MissingInstrumentError extends Error {
  override readonly name = 'MissingInstrumentError';
  /** PostgreSQL's foreign_key_violation, as the per-row check would have raised. */
  readonly code = '23503';
  constructor(readonly instrumentId: number) {
    super(`No instrument with id ${instrumentId}: bars must belong to an instrument (foreign key bars.instrument_id)`);
  }
}

const LOCK_INSTRUMENT = 'select id from instruments where id = $1 for key share';

// True when every trigger on bars is one of a foreign key's own and that key is the only one: switching
// triggers off then skips nothing but the check already made. (A user's trigger, a deferrable unique
// constraint's recheck or a TimescaleDB hypertable's trigger all keep the per-row path.)
const ONLY_THE_INSTRUMENT_KEY = `select
  not exists (
    select 1 from pg_trigger t
    where t.tgrelid = 'bars'::regclass
      and not exists (
        select 1 from pg_constraint c
        where c.oid = t.tgconstraint and c.contype = 'f' and c.conrelid = 'bars'::regclass
      )
  )
  and not exists (select 1 from pg_rewrite where ev_class = 'bars'::regclass)
  and (select count(*) from pg_constraint where conrelid = 'bars'::regclass and contype = 'f') = 1
  and exists (
    select 1 from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
    where c.conrelid = 'bars'::regclass and c.contype = 'f' and c.confrelid = 'instruments'::regclass
      and cardinality(c.conkey) = 1 and a.attname = 'instrument_id'
  ) as only`;

const INSUFFICIENT_PRIVILEGE = '42501';

/**
 * Checks and locks the series' instrument for the rest of `tx`, then, where nothing else depends on row
 * triggers of bars, switches them off for `tx`. Every bar `tx` writes must carry `instrumentId`.
 */
export async function checkInstrumentOnce(tx: BulkTransaction, instrumentId: number): Promise<ForeignKeyCheck> {
  const locked = await tx.query(LOCK_INSTRUMENT, [instrumentId]);
  if (locked.length === 0) throw new MissingInstrumentError(instrumentId);
  const [eligible] = await tx.query<{ only: boolean }>(ONLY_THE_INSTRUMENT_KEY);
  if (eligible?.only !== true) return 'per-row';
  await tx.query('savepoint bars_foreign_key');
  try {
    await tx.query('set local session_replication_role = replica');
    await tx.query('release savepoint bars_foreign_key');
    return 'once';
  } catch (error) {
    // Setting it needs a superuser or, since PostgreSQL 15, GRANT SET ON PARAMETER session_replication_role.
    if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
    await tx.query('rollback to savepoint bars_foreign_key');
    return 'per-row';
  }
}
