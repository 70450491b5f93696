import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachApp } from '../../test/describe-each-app';
import { withAdvisoryLocks } from './advisory-locks';

// Advisory locks split work between replicas: a key held by one holder is refused to every other until the
// holder's work ends, whether it ends well or throws; on PostgreSQL they are real session locks.

describeEachApp('advisory locks', (getApp) => {
  it('refuses a held key to another holder, grants other keys, and frees everything when the work ends', async () => {
    const { db } = getApp().ctx;
    let release!: () => void;
    const holding = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const first = withAdvisoryLocks(db, 'signals.engine', async (locks) => {
      expect(await locks.tryLock('deployment-a')).toBe(true);
      locked();
      await holding;
    });
    await isLocked;
    await withAdvisoryLocks(db, 'signals.engine', async (locks) => {
      expect(await locks.tryLock('deployment-a'), 'held by the first').toBe(false);
      expect(await locks.tryLock('deployment-b')).toBe(true);
      await locks.unlock('deployment-b');
    });
    release();
    await first;
    await withAdvisoryLocks(db, 'signals.engine', async (locks) => {
      expect(await locks.tryLock('deployment-a'), 'free once the first ended').toBe(true);
    });
  });

  it('frees the locks of work that throws', async () => {
    const { db } = getApp().ctx;
    await expect(
      withAdvisoryLocks(db, 'signals.engine', async (locks) => {
        await locks.tryLock('deployment-c');
        throw new Error('pass failed');
      }),
    ).rejects.toThrow('pass failed');
    await withAdvisoryLocks(db, 'signals.engine', async (locks) => {
      expect(await locks.tryLock('deployment-c')).toBe(true);
    });
  });

  it('holds a real session lock on PostgreSQL while the work runs, and none after', async () => {
    const { db } = getApp().ctx;
    const advisory = async () => {
      const rows = await db.orm.execute(sql`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory'`);
      return (rows as unknown as { rows: Array<{ n: number }> }).rows[0]!.n;
    };
    const before = await advisory();
    await withAdvisoryLocks(db, 'signals.engine', async (locks) => {
      await locks.tryLock('deployment-d');
      if (db.kind === 'postgres') expect(await advisory()).toBe(before + 1);
    });
    expect(await advisory()).toBe(before);
  });
});
