import { eq } from 'drizzle-orm';
import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import type { ApiKey } from '@marketlens/contracts';
import { apiKeys } from '../../db/schema';
import { forgetApiKeyPrincipals } from './api-key-principal-cache';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';

describeEachApp('api key routes', (getApp) => {
  const inject = (opts: InjectOptions) => getApp().app.inject(opts);
  const createKey = (owner: FixtureUser, payload: Record<string, unknown>) =>
    inject({ method: 'POST', url: '/api/v1/api-keys', headers: owner.authorization, payload });
  const meWithKey = (key: string) => inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'x-api-key': key } });

  it('creates a key whose secret is shown once and authenticates by X-API-Key or Authorization: ApiKey', async () => {
    const viewer = await createFixtureUser(getApp().ctx, 'viewer');
    const res = await createKey(viewer, { name: 'script', role: 'viewer' });
    expect(res.statusCode).toBe(200);
    const { apiKey, secret } = res.json<{ apiKey: ApiKey; secret: string }>();
    expect(secret.startsWith(`mlk_${apiKey.prefix}_`)).toBe(true);
    expect(apiKey.lastUsedAt).toBeNull();

    expect((await meWithKey(secret)).json().email).toBe(viewer.user.email);
    const viaAuthorization = await inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { authorization: `ApiKey ${secret}` },
    });
    expect(viaAuthorization.statusCode).toBe(200);

    const list = await inject({ method: 'GET', url: '/api/v1/api-keys', headers: viewer.authorization });
    const listed = list.json<{ apiKeys: ApiKey[] }>().apiKeys;
    expect(listed.map((k) => k.id)).toEqual([apiKey.id]);
    expect(listed[0]?.lastUsedAt, 'use is recorded').not.toBeNull();
    expect(list.body, 'lists never carry the secret').not.toContain(secret);
  });

  it('caps a key at its owner role: a viewer cannot create an analyst key', async () => {
    const viewer = await createFixtureUser(getApp().ctx, 'viewer');
    const res = await createKey(viewer, { name: 'too high', role: 'analyst' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('API_KEY_ROLE_TOO_HIGH');
  });

  it("lowers a key's effective role when its owner is demoted", async () => {
    const { ctx } = getApp();
    const owner = await createFixtureUser(ctx, 'admin');
    const otherAdmin = await createFixtureUser(ctx, 'admin');
    const { secret } = (await createKey(owner, { name: 'admin key', role: 'admin' })).json<{ secret: string }>();
    const listUsers = () => inject({ method: 'GET', url: '/api/v1/users', headers: { 'x-api-key': secret } });
    expect((await listUsers()).statusCode).toBe(200);
    const demote = await inject({
      method: 'PATCH',
      url: `/api/v1/users/${owner.user.id}`,
      headers: otherAdmin.authorization,
      payload: { role: 'viewer' },
    });
    expect(demote.statusCode).toBe(200);
    expect((await listUsers()).statusCode, 'the admin key now acts as a viewer').toBe(403);
  });

  it('lets the owner or an admin revoke, not another user; a revoked key is refused', async () => {
    const { ctx } = getApp();
    const owner = await createFixtureUser(ctx, 'analyst');
    const stranger = await createFixtureUser(ctx, 'analyst');
    const admin = await createFixtureUser(ctx, 'admin');
    const created = (await createKey(owner, { name: 'k', role: 'analyst' })).json<{ apiKey: ApiKey; secret: string }>();
    const revoke = (by: FixtureUser) =>
      inject({ method: 'DELETE', url: `/api/v1/api-keys/${created.apiKey.id}`, headers: by.authorization });

    expect((await revoke(stranger)).statusCode).toBe(403);
    const strangerList = await inject({ method: 'GET', url: '/api/v1/api-keys', headers: stranger.authorization });
    expect(strangerList.json().apiKeys, 'others do not see the key').toEqual([]);
    const adminList = await inject({ method: 'GET', url: '/api/v1/api-keys', headers: admin.authorization });
    expect(adminList.json().apiKeys.map((k: ApiKey) => k.id)).toContain(created.apiKey.id);

    expect((await revoke(owner)).json()).toEqual({ ok: true });
    const refused = await meWithKey(created.secret);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().error.code).toBe('API_KEY_REVOKED');
    expect((await revoke(admin)).statusCode, 'revoking twice is harmless').toBe(200);
    const missing = await inject({
      method: 'DELETE',
      url: '/api/v1/api-keys/00000000-0000-4000-8000-000000000000',
      headers: admin.authorization,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an expired key and a key that is not ours', async () => {
    const owner = await createFixtureUser(getApp().ctx, 'viewer');
    const created = (await createKey(owner, { name: 'short', role: 'viewer', expiresInDays: 1 })).json<{
      apiKey: ApiKey;
      secret: string;
    }>();
    expect(created.apiKey.expiresAt).not.toBeNull();
    expect((await meWithKey(created.secret)).statusCode).toBe(200);
    await getApp()
      .ctx.db.orm.update(apiKeys)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(apiKeys.id, created.apiKey.id));
    // A write behind the services' back: drop the few-seconds principal cache as the services do.
    forgetApiKeyPrincipals(getApp().ctx.db.orm);
    const expired = await meWithKey(created.secret);
    expect(expired.statusCode).toBe(401);
    expect(expired.json().error.code).toBe('API_KEY_EXPIRED');

    const forged = await meWithKey(`${created.secret.slice(0, -2)}xx`);
    expect(forged.json().error.code).toBe('API_KEY_INVALID');
    expect((await meWithKey('garbage')).json().error.code).toBe('API_KEY_INVALID');
  });
});
