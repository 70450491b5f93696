import { createHash } from 'node:crypto';
import type { Database } from './database';
import { rawClientOf } from './raw-client';

/** Try-locks on named keys for the length of one piece of work; `tryLock` says whether this process got one. */
export interface AdvisoryLocks {
  tryLock(key: string): Promise<boolean>;
  unlock(key: string): Promise<void>;
}

/** Advisory locks of one application (the first of the two int4 keys), so modules never take each other's. */
const NAMESPACE = { 'signals.engine': 0x5349_4701, 'alerts.evaluate': 0x414c_5201 } as const;
export type LockNamespace = keyof typeof NAMESPACE;

/** A key's second int4: the first four bytes of its SHA-256 (two keys sharing one only serialise their work). */
function objectId(key: string): number {
  return createHash('sha256').update(key).digest().readInt32BE(0);
}

/**
 * Runs `work` with session-level advisory locks on one connection held for its length (PostgreSQL): replicas
 * that run the same loop split the keys between them, and a replica that dies drops its connection and so
 * its locks at once. Every lock still held is released when `work` ends. Embedded PGlite is one process with
 * one connection: the locks there are kept in memory, which is all one process needs.
 */
export async function withAdvisoryLocks<T>(
  db: Database,
  namespace: LockNamespace,
  work: (locks: AdvisoryLocks) => Promise<T>,
): Promise<T> {
  const raw = rawClientOf(db);
  const classId = NAMESPACE[namespace];
  if (raw.kind === 'pglite') {
    const held = inProcess(db, namespace);
    const mine = new Set<string>();
    try {
      return await work({
        tryLock: async (key) => {
          if (held.has(key)) return false;
          held.add(key);
          mine.add(key);
          return true;
        },
        unlock: async (key) => {
          if (mine.delete(key)) held.delete(key);
        },
      });
    } finally {
      for (const key of mine) held.delete(key);
    }
  }
  const client = await raw.pool.connect();
  let broken = false;
  try {
    return await work({
      tryLock: async (key) => {
        const res = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1::int4, $2::int4) AS ok', [
          classId,
          objectId(key),
        ]);
        return res.rows[0]!.ok;
      },
      unlock: async (key) => {
        await client.query('SELECT pg_advisory_unlock($1::int4, $2::int4)', [classId, objectId(key)]);
      },
    });
  } finally {
    // A connection back in the pool must hold no lock; if releasing them fails, the connection is dropped.
    try {
      await client.query('SELECT pg_advisory_unlock_all()');
    } catch {
      broken = true;
    }
    client.release(broken);
  }
}

const inProcessLocks = new WeakMap<Database, Map<LockNamespace, Set<string>>>();

function inProcess(db: Database, namespace: LockNamespace): Set<string> {
  let byNamespace = inProcessLocks.get(db);
  if (!byNamespace) inProcessLocks.set(db, (byNamespace = new Map()));
  let held = byNamespace.get(namespace);
  if (!held) byNamespace.set(namespace, (held = new Set()));
  return held;
}
