import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Orm = PgDatabase<PgQueryResultHKT, typeof schema>;

/** A migrated database: PGlite (embedded) or PostgreSQL, behind one drizzle instance. */
export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly orm: Orm;
  /** Throws when unreachable; used by /readyz. */
  ping(): Promise<void>;
  /** Connection pool occupancy (PostgreSQL); undefined for PGlite, which is one in-process connection. */
  poolStats(): PoolStats | undefined;
  close(): Promise<void>;
}

export interface PoolStats {
  total: number;
  idle: number;
  /** Queries queued because every connection is busy: the saturation signal. */
  waiting: number;
}
