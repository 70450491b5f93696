import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../../../test/test-databases';
import { refreshTokens, users } from '../../db/schema';
import { HttpError } from '../../http/http-errors';
import { issueSession, rotateRefreshToken, type SessionIssuer } from './sessions';
import { createAccessTokens, sha256Hex } from './tokens';
import { insertUser } from './users.store';
import { createFirstAdmin, updateUserById } from './users.service';
import { ensureAdmin } from './auth.service';
import { verifyPassword } from './password';

const issuer: SessionIssuer = {
  accessTokens: createAccessTokens({ jwtSecret: 'sessions-test-secret-0123456789abcdef', accessTokenTtlSeconds: 60 }),
  refreshTokenTtlDays: 1,
};

const codeOf = (err: unknown) => (err instanceof HttpError ? err.code : String(err));

describeEachDatabase('refresh token families and user administration', (_kind, getDb) => {
  it('ensureAdmin creates one admin with a generated password once, then does nothing', async () => {
    const created = await ensureAdmin({ db: getDb() }, {});
    expect(created?.generated).toBe(true);
    const [row] = await getDb().orm.select().from(users);
    expect(row?.role).toBe('admin');
    expect(await verifyPassword(row?.passwordHash, created?.password ?? '')).toBe(true);
    expect(await ensureAdmin({ db: getDb() }, { password: 'another-password' })).toBeUndefined();
    expect(await createFirstAdmin(getDb().orm, { email: 'late@example.com', passwordHash: 'x' })).toBeUndefined();
  });

  it('stores only the hash of a refresh token, with its family', async () => {
    const orm = getDb().orm;
    const user = await insertUser(orm, { email: 'hash@example.com', passwordHash: 'x', role: 'viewer' });
    const session = await issueSession(orm, issuer, user);
    const rows = await orm.select().from(refreshTokens).where(eq(refreshTokens.userId, user.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.tokenHash).toBe(sha256Hex(session.refreshToken));
    expect(JSON.stringify(rows)).not.toContain(session.refreshToken);
  });

  it('rotates within the family and marks the old token replaced', async () => {
    const orm = getDb().orm;
    const user = await insertUser(orm, { email: 'rotate@example.com', passwordHash: 'x', role: 'viewer' });
    const first = await issueSession(orm, issuer, user);
    const result = await rotateRefreshToken(orm, issuer, first.refreshToken);
    if (result.kind !== 'rotated') throw new Error(`expected a rotation, got ${result.kind}`);
    const [oldRow] = await orm
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256Hex(first.refreshToken)));
    const [newRow] = await orm
      .select()
      .from(refreshTokens)
      .where(eq(refreshTokens.tokenHash, sha256Hex(result.session.refreshToken)));
    expect(oldRow?.revokedAt).not.toBeNull();
    expect(oldRow?.replacedBy).toBe(newRow?.id);
    expect(newRow?.familyId).toBe(oldRow?.familyId);
    expect(newRow?.revokedAt).toBeNull();
  });

  it('lets exactly one of many concurrent rotations of one token succeed', async () => {
    const orm = getDb().orm;
    const user = await insertUser(orm, { email: 'race@example.com', passwordHash: 'x', role: 'viewer' });
    const session = await issueSession(orm, issuer, user);
    const outcomes = await Promise.all(
      Array.from({ length: 6 }, () =>
        rotateRefreshToken(orm, issuer, session.refreshToken).then(
          (r) => r.kind,
          (err: unknown) => codeOf(err),
        ),
      ),
    );
    expect(outcomes.filter((o) => o === 'rotated')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'reused')).toHaveLength(5);
  });

  it('creates exactly one first admin from concurrent attempts', async () => {
    // The table already has users here, so check the lock on a clean slate of our own.
    await getDb().orm.delete(users);
    const attempts = await Promise.all(
      [1, 2, 3, 4, 5].map((i) => createFirstAdmin(getDb().orm, { email: `first-${i}@example.com`, passwordHash: 'x' })),
    );
    expect(attempts.filter((a) => a !== undefined)).toHaveLength(1);
    expect(await getDb().orm.select().from(users)).toHaveLength(1);
  });

  it('never lets two admins demoting each other at once leave no active admin', async () => {
    const orm = getDb().orm;
    await orm.delete(users);
    const a = await insertUser(orm, { email: 'admin-a@example.com', passwordHash: 'x', role: 'admin' });
    const b = await insertUser(orm, { email: 'admin-b@example.com', passwordHash: 'x', role: 'admin' });
    const outcomes = await Promise.all([
      updateUserById(orm, a.id, { role: 'viewer' }, {}).then(() => 'ok', codeOf),
      updateUserById(orm, b.id, { disabled: true }, {}).then(() => 'ok', codeOf),
    ]);
    expect(outcomes.sort()).toEqual(['LAST_ADMIN', 'ok']);
    const admins = (await orm.select().from(users)).filter((u) => u.role === 'admin' && !u.disabled);
    expect(admins).toHaveLength(1);
  });
});
