import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import type { User } from '@marketlens/contracts';
import { auditLog } from '../../db/schema';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp, nextClientIp } from '../../../test/describe-each-app';

describeEachApp('users routes', (getApp) => {
  let admin: FixtureUser;
  const inject = (opts: InjectOptions) => getApp().app.inject(opts);
  const patch = (id: string, payload: unknown, by: FixtureUser = admin) =>
    inject({ method: 'PATCH', url: `/api/v1/users/${id}`, headers: by.authorization, payload: payload as object });
  const login = (email: string, password: string) =>
    inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password }, remoteAddress: nextClientIp() });

  it('refuses to demote or disable the last active admin', async () => {
    admin = await createFixtureUser(getApp().ctx, 'admin');
    for (const change of [{ role: 'analyst' }, { disabled: true }]) {
      const res = await patch(admin.user.id, change);
      expect(res.statusCode, JSON.stringify(change)).toBe(409);
      expect(res.json().error.code).toBe('LAST_ADMIN');
    }
    const second = await createFixtureUser(getApp().ctx, 'admin');
    expect((await patch(second.user.id, { role: 'viewer' })).statusCode, 'another admin exists').toBe(200);
  });

  it('creates, lists and rejects a duplicate email with 409 EMAIL_TAKEN', async () => {
    const payload = { email: 'New.Analyst@Example.com', password: 'a-long-enough-password', role: 'analyst' };
    const created = await inject({ method: 'POST', url: '/api/v1/users', headers: admin.authorization, payload });
    expect(created.statusCode).toBe(200);
    expect(created.json<User>()).toMatchObject({ email: 'new.analyst@example.com', role: 'analyst', disabled: false });
    expect(JSON.stringify(created.json()), 'no hash in answers').not.toContain('argon2');

    const dup = await inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: admin.authorization,
      payload: { ...payload, email: 'new.analyst@EXAMPLE.com' },
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.code).toBe('EMAIL_TAKEN');

    const list = await inject({ method: 'GET', url: '/api/v1/users', headers: admin.authorization });
    expect(list.json().users.map((u: User) => u.email)).toContain('new.analyst@example.com');
    expect((await login('new.analyst@example.com', payload.password)).statusCode).toBe(200);
  });

  it('changes a role, resets a password and records both in the audit log', async () => {
    const target = await createFixtureUser(getApp().ctx, 'viewer');
    const promoted = await patch(target.user.id, { role: 'analyst', password: 'the-new-password-123' });
    expect(promoted.statusCode).toBe(200);
    expect(promoted.json<User>().role).toBe('analyst');
    expect((await login(target.user.email, target.password)).statusCode, 'old password is gone').toBe(401);
    expect((await login(target.user.email, 'the-new-password-123')).statusCode).toBe(200);
    const actions = (await getApp().ctx.db.orm.select().from(auditLog))
      .filter((row) => row.target === target.user.id)
      .map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(['users.update', 'users.password_reset']));
  });

  it('disables and re-enables a user', async () => {
    const target = await createFixtureUser(getApp().ctx, 'viewer');
    expect((await patch(target.user.id, { disabled: true })).json<User>().disabled).toBe(true);
    expect((await login(target.user.email, target.password)).statusCode).toBe(401);
    expect((await patch(target.user.id, { disabled: false })).json<User>().disabled).toBe(false);
    expect((await login(target.user.email, target.password)).statusCode).toBe(200);
  });

  it('answers 404 for an unknown user, 400 for an empty change and 403 for non-admins', async () => {
    const unknown = await patch('00000000-0000-4000-8000-000000000000', { role: 'viewer' });
    expect(unknown.statusCode).toBe(404);
    const empty = await patch(admin.user.id, {});
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.code).toBe('VALIDATION_FAILED');
    const badId = await patch('not-a-uuid', { role: 'viewer' });
    expect(badId.statusCode).toBe(400);
    const analyst = await createFixtureUser(getApp().ctx, 'analyst');
    const forbidden = await inject({ method: 'GET', url: '/api/v1/users', headers: analyst.authorization });
    expect(forbidden.statusCode).toBe(403);
  });
});
