import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database, Orm } from './database';
import { migrateDatabase } from './migrate';
import { registerRawClient } from './raw-client';
import * as schema from './schema';

export interface OpenDatabaseOptions {
  /** postgres:// URL; empty or absent selects embedded PGlite. */
  url?: string;
  /** PGlite data folder (created when missing); `memory://` keeps everything in memory. */
  dataDir?: string;
  poolMax?: number;
  log?: Pick<Logger, 'info' | 'warn'>;
  /**
   * Apply pending migrations (migrate.ts) before returning; on failure the database is closed. An in-memory
   * database after the first migrated one of a process starts from a copy of that one's cluster instead.
   */
  migrate?: boolean;
}

/** Opens the database chosen by config: PostgreSQL when a URL is given, PGlite otherwise. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const dataDir = options.dataDir ?? 'memory://';
  if (!options.url && options.migrate && dataDir.startsWith('memory://')) return openMigratedInMemory(dataDir, options);
  const db = options.url ? await openPostgres(options.url, options) : await openPglite(dataDir, options);
  if (options.migrate) {
    try {
      await migrateDatabase(db);
    } catch (err) {
      await db.close().catch(() => undefined);
      throw err;
    }
  }
  return db;
}

async function openPglite(dataDir: string, { log }: OpenDatabaseOptions): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const location = inMemory ? dataDir : resolve(dataDir);
  if (!inMemory) mkdirSync(location, { recursive: true });
  const client = inMemory ? await openInMemoryPglite(location) : new PGlite(location, FOLDER_OPTIONS);
  await client.waitReady;
  log?.info({ dataDir: location }, 'opened embedded PGlite database');
  return pgliteDatabase(client);
}

function pgliteDatabase(client: PGlite): Database {
  const orm: Orm = drizzlePglite({ client, schema });
  const db: Database = {
    kind: 'pglite',
    orm,
    ping: () => ping(orm),
    poolStats: () => undefined,
    close: () => client.close(),
  };
  registerRawClient(db, { kind: 'pglite', client });
  return db;
}

/**
 * PostgreSQL's buffer pool inside PGlite. PGlite starts with PostgreSQL's default of 128 MB, which every open
 * allocates and clears: 0.45 CPU-s and 0.4 s of each CLI command and server start more than 16 MB, 0.3 more
 * than 32 (docs/benchmarks.md). A folder gets 32 MB: 1M-row imports (a COPY, and a re-import that joins every
 * stored row) took as long with 16 or 32 as with 128, and the operating system caches the files behind the
 * pool. An in-memory database gets 16: its files are in memory already, so a pool there is a second copy.
 */
const withBuffers = (mb: number) => ({
  startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${mb}MB`],
});
const FOLDER_OPTIONS = withBuffers(32);
/**
 * In memory, WAL segments of 1 MB instead of 16: a new cluster's first segment is written out in full, and every
 * copy below carries it, so the copies are 31 MB instead of 40 and each load 0.2-0.3 CPU-s cheaper
 * (docs/benchmarks.md). Segments this small only mean more segment files, which memory does not mind.
 */
const IN_MEMORY_OPTIONS = { ...withBuffers(16), initDbStartParams: ['--wal-segsize=1'] };

/** A copy of one in-memory cluster, taken once per process by the first open that needs it. */
class ClusterCopy {
  private copy: Promise<Blob> | undefined;

  /** The copy once one is being taken (concurrent opens wait for it), else undefined. */
  get current(): Promise<Blob> | undefined {
    return this.copy;
  }

  /** Runs `prepare` on `client`, then copies its cluster; on failure forgets the copy and closes `client`. */
  async take(client: PGlite, prepare: () => Promise<unknown>): Promise<void> {
    this.copy = prepare().then(() => client.dumpDataDir('none'));
    try {
      await this.copy;
    } catch (err) {
      this.copy = undefined;
      await client.close().catch(() => undefined);
      throw err;
    }
  }
}

/**
 * The cluster that PGlite's initdb makes, copied from the first in-memory database of this process before
 * anything is written to it. Running initdb costs about 2 CPU-seconds and loading the copy about 0.5, which
 * matters where one process opens many databases (each test file opens its own).
 */
const freshCluster = new ClusterCopy();
/**
 * The first migrated in-memory cluster of this process, copied right after its migrations. Loading it skips the
 * migrations too (0.3-0.5 CPU-s an open); the migrations folder cannot change inside one process.
 */
const migratedCluster = new ClusterCopy();

async function openInMemoryPglite(location: string): Promise<PGlite> {
  const copy = freshCluster.current;
  if (copy) return new PGlite(location, { ...IN_MEMORY_OPTIONS, loadDataDir: await copy });
  const client = new PGlite(location, IN_MEMORY_OPTIONS);
  await freshCluster.take(client, () => client.waitReady);
  return client;
}

async function openMigratedInMemory(location: string, { log }: OpenDatabaseOptions): Promise<Database> {
  const copy = migratedCluster.current;
  const client = copy
    ? new PGlite(location, { ...IN_MEMORY_OPTIONS, loadDataDir: await copy })
    : await openInMemoryPglite(location);
  await client.waitReady;
  log?.info({ dataDir: location }, 'opened embedded PGlite database');
  const db = pgliteDatabase(client);
  if (!copy) await migratedCluster.take(client, () => migrateDatabase(db));
  return db;
}

async function openPostgres(url: string, { poolMax, log }: OpenDatabaseOptions): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolMax ?? 10 });
  // An idle client can die (server restart, network); without a listener pg would crash the process.
  pool.on('error', (err) => log?.warn({ err }, 'idle PostgreSQL connection failed'));
  const orm: Orm = drizzlePostgres({ client: pool, schema });
  const db: Database = {
    kind: 'postgres',
    orm,
    ping: () => ping(orm),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
  registerRawClient(db, { kind: 'postgres', pool });
  log?.info({ host: new URL(url).host, database: new URL(url).pathname.slice(1) }, 'using PostgreSQL');
  return db;
}

async function ping(orm: Orm): Promise<void> {
  await orm.execute(sql`select 1`);
}
