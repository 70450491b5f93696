import { and, asc, count, eq, sql } from 'drizzle-orm';
import type { Role } from '@marketlens/contracts';
import type { Orm } from '../../db/database';
import { users } from '../../db/schema';

export type UserRow = typeof users.$inferSelect;

/** Emails are compared case-insensitively: stored lower-cased, looked up lower-cased. */
export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

export async function findUserByEmail(orm: Orm, email: string): Promise<UserRow | undefined> {
  const [row] = await orm
    .select()
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return row;
}

export async function findUserById(orm: Orm, id: string): Promise<UserRow | undefined> {
  const [row] = await orm.select().from(users).where(eq(users.id, id)).limit(1);
  return row;
}

export function listUsers(orm: Orm): Promise<UserRow[]> {
  return orm.select().from(users).orderBy(asc(users.createdAt), asc(users.email));
}

export async function insertUser(
  orm: Orm,
  values: { email: string; passwordHash: string; role: Role },
): Promise<UserRow> {
  const [row] = await orm
    .insert(users)
    .values({ ...values, email: normalizeEmail(values.email) })
    .returning();
  if (!row) throw new Error('INSERT INTO users returned no row');
  return row;
}

export async function updateUser(
  orm: Orm,
  id: string,
  patch: Partial<Pick<UserRow, 'role' | 'disabled' | 'passwordHash' | 'lastLoginAt'>>,
): Promise<UserRow | undefined> {
  const [row] = await orm.update(users).set(patch).where(eq(users.id, id)).returning();
  return row;
}

export async function countUsers(orm: Orm): Promise<number> {
  const [row] = await orm.select({ n: count() }).from(users);
  return row?.n ?? 0;
}

export async function countActiveAdmins(orm: Orm): Promise<number> {
  const [row] = await orm
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.role, 'admin'), eq(users.disabled, false)));
  return row?.n ?? 0;
}

// Any fixed bigint nothing else uses; spells "mlusers". Serialises first-admin creation and admin
// demotions so "no user yet" and "last active admin" are decided by one transaction at a time.
const USER_ADMIN_LOCK_KEY = 0x6d6c7573657273n;

/** Runs `work` in a transaction holding the user-administration advisory lock (released at commit). */
export function withUserAdminLock<T>(orm: Orm, work: (tx: Orm) => Promise<T>): Promise<T> {
  return orm.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${USER_ADMIN_LOCK_KEY.toString()}::bigint)`);
    return work(tx);
  });
}

/** True when `err` (or its cause, as drizzle wraps driver errors) is a unique-constraint violation. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error || (typeof e === 'object' && e !== null);) {
    if ((e as { code?: unknown }).code === '23505') return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
