import type { PGlite } from '@electric-sql/pglite';
import type { Pool } from 'pg';
import type { Database } from './database';

/** The driver client behind a Database; only db/ code (bulk loading, migrations) reaches for it. */
export type RawClient = { kind: 'pglite'; client: PGlite } | { kind: 'postgres'; pool: Pool };

// A WeakMap keeps the client off the public Database shape, so modules cannot bypass the ORM by accident.
const rawClients = new WeakMap<Database, RawClient>();

export function registerRawClient(db: Database, raw: RawClient): void {
  rawClients.set(db, raw);
}

export function rawClientOf(db: Database): RawClient {
  const raw = rawClients.get(db);
  if (!raw) throw new Error('This Database was not created by openDatabase(); its driver client is unknown');
  return raw;
}
