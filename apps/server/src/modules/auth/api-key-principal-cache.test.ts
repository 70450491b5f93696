import { eq } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { apiKeys } from '../../db/schema';
import { createFixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { API_KEY_PRINCIPAL_TTL_MS, cachedApiKeyPrincipal, forgetApiKeyPrincipals } from './api-key-principal-cache';
import { apiKeyHash } from './api-keys';

describeEachApp('API-key principal cache', (getApp) => {
  const me = (key: string) => getApp().app.inject({ url: '/api/v1/auth/me', headers: { 'x-api-key': key } });
  const createKey = async () => {
    const owner = await createFixtureUser(getApp().ctx, 'viewer');
    const res = await getApp().app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: owner.authorization,
      payload: { name: 'cached', role: 'viewer' },
    });
    return { owner, ...res.json<{ apiKey: { id: string }; secret: string }>() };
  };

  it('reuses a verified key for a few seconds instead of reading the database again', async () => {
    const { ctx } = getApp();
    const { secret, apiKey } = await createKey();
    expect((await me(secret)).statusCode).toBe(200);
    expect(cachedApiKeyPrincipal(ctx.db.orm, apiKeyHash(secret)!)?.apiKeyId).toBe(apiKey.id);
    // Revoked behind the services' back: the cached principal still answers (bounded staleness) ...
    await ctx.db.orm.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, apiKey.id));
    expect((await me(secret)).statusCode, 'served from the cache').toBe(200);
    // ... and never past the TTL.
    expect(
      cachedApiKeyPrincipal(ctx.db.orm, apiKeyHash(secret)!, Date.now() + API_KEY_PRINCIPAL_TTL_MS),
    ).toBeUndefined();
    forgetApiKeyPrincipals(ctx.db.orm);
    expect((await me(secret)).json().error.code).toBe('API_KEY_REVOKED');
  });

  it('stops a key revoked through the API at once', async () => {
    const { owner, secret, apiKey } = await createKey();
    expect((await me(secret)).statusCode).toBe(200);
    const revoke = await getApp().app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${apiKey.id}`,
      headers: owner.authorization,
    });
    expect(revoke.statusCode).toBe(200);
    expect((await me(secret)).json().error.code).toBe('API_KEY_REVOKED');
  });

  it("applies an owner's disabling through the API at once", async () => {
    const { owner, secret } = await createKey();
    const admin = await createFixtureUser(getApp().ctx, 'admin');
    expect((await me(secret)).statusCode).toBe(200);
    const disable = await getApp().app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${owner.user.id}`,
      headers: admin.authorization,
      payload: { disabled: true },
    });
    expect(disable.statusCode).toBe(200);
    expect((await me(secret)).json().error.code).toBe('ACCOUNT_DISABLED');
  });
});
