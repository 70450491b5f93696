import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from './database';
import { rawClientOf } from './raw-client';

/**
 * One open transaction on one connection, for bulk loads that span many calls (stage rows batch by batch,
 * then merge). Bypasses the ORM on purpose: COPY and temporary tables need the driver itself.
 * Exactly one of commit() or rollback() must be called; on PGlite every other query waits until then.
 */
export interface BulkTransaction {
  readonly kind: Database['kind'];
  query<Row>(text: string, params?: unknown[]): Promise<Row[]>;
  /** `COPY ... FROM STDIN` fed with text or binary chunks (PostgreSQL only; PGlite has no COPY FROM STDIN). */
  copyIn(copySql: string, chunks: Iterable<string | Uint8Array>): Promise<void>;
  commit(): Promise<void>;
  rollback(): Promise<void>;
}

export async function beginBulkTransaction(db: Database): Promise<BulkTransaction> {
  const raw = rawClientOf(db);
  return raw.kind === 'pglite' ? beginPglite(raw.client) : beginPostgres(await raw.pool.connect());
}

async function beginPostgres(client: PoolClient): Promise<BulkTransaction> {
  let released = false;
  const finish = async (statement: 'commit' | 'rollback') => {
    if (released) return statement === 'commit' ? alreadyFinished() : undefined;
    released = true;
    try {
      const result = await client.query(statement);
      // COMMIT of a transaction that already failed answers ROLLBACK instead of raising an error.
      if (statement === 'commit' && result.command === 'ROLLBACK') {
        throw new Error('The transaction had failed and was rolled back instead of committed');
      }
      client.release();
    } catch (error) {
      client.release(true); // a connection in an unknown state must not go back to the pool
      throw error;
    }
  };
  try {
    await client.query('begin');
  } catch (error) {
    client.release(true);
    throw error;
  }
  return {
    kind: 'postgres',
    query: async <Row>(text: string, params?: unknown[]) => (await client.query(text, params)).rows as Row[],
    copyIn: (copySql, chunks) => pipeline(Readable.from(chunks), client.query(copyFrom(copySql))),
    commit: () => finish('commit'),
    rollback: () => finish('rollback'),
  };
}

// PGlite only offers callback transactions; keep the callback pending until commit() or rollback() decides.
function beginPglite(client: PGlite): Promise<BulkTransaction> {
  return new Promise((resolveOpen, rejectOpen) => {
    let decide: (commit: boolean) => void = () => {};
    const decision = new Promise<boolean>((resolve) => (decide = resolve));
    let settled = false;
    const outcome = client.transaction(async (tx: Transaction) => {
      resolveOpen(handle(tx));
      if (!(await decision)) await tx.rollback();
    });
    outcome.catch(rejectOpen); // only matters if BEGIN itself fails; later failures surface in finish()

    const finish = async (commit: boolean) => {
      if (settled) return commit ? alreadyFinished() : undefined;
      settled = true;
      decide(commit);
      await outcome;
    };
    const handle = (tx: Transaction): BulkTransaction => ({
      kind: 'pglite',
      query: async <Row>(text: string, params?: unknown[]) => (await tx.query<Row>(text, params)).rows,
      copyIn: () => Promise.reject(new Error('COPY FROM STDIN is not available on PGlite; stage rows with INSERT')),
      commit: () => finish(true),
      rollback: () => finish(false),
    });
  });
}

// Committing after a rollback (e.g. abort() raced a commit) must not look like success.
function alreadyFinished(): never {
  throw new Error('The bulk transaction has already finished; nothing was committed by this call');
}
