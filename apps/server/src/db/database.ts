import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A migrated database: PGlite (embedded) or PostgreSQL, behind one drizzle instance. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Throws when unreachable; used by /readyz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
