import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context';
import type { Principal } from '../../http/access';
import type { Authenticate } from '../../http/access-control';
import { UnauthorizedError } from '../../http/http-errors';
import { cachedApiKeyPrincipal, rememberApiKeyPrincipal } from './api-key-principal-cache';
import { apiKeyHash, effectiveKeyRole, LastUsedThrottle } from './api-keys';
import { findApiKeyWithOwner, touchApiKey } from './api-keys.store';
import { createAccessTokens } from './tokens';
import { findUserById } from './users.store';

/** Which credential a request carries, if any. */
type Credential = { kind: 'jwt'; token: string } | { kind: 'api-key'; key: string } | undefined;

function credentialOf(request: FastifyRequest): Credential {
  const apiKeyHeader = request.headers['x-api-key'];
  if (typeof apiKeyHeader === 'string' && apiKeyHeader !== '') return { kind: 'api-key', key: apiKeyHeader.trim() };
  const authorization = request.headers.authorization;
  if (authorization === undefined || authorization === '') return undefined;
  const [scheme = '', value = ''] = authorization.trim().split(/\s+/, 2);
  if (scheme.toLowerCase() === 'bearer' && value) return { kind: 'jwt', token: value };
  if (scheme.toLowerCase() === 'apikey' && value) return { kind: 'api-key', key: value };
  throw new UnauthorizedError(
    'Unsupported Authorization header: use "Bearer <access token>" or "ApiKey <key>"',
    'UNSUPPORTED_AUTH_SCHEME',
  );
}

/**
 * Turns a request's credentials into a principal: undefined without credentials, UnauthorizedError when
 * they are present but bad. The user row is re-read on every request, so disabling a user or lowering
 * their role takes effect immediately rather than when their access token expires (a primary-key lookup).
 */
export function createAuthenticate(ctx: Pick<AppContext, 'db' | 'config'>): Authenticate {
  const orm = ctx.db.orm;
  const accessTokens = createAccessTokens(ctx.config.auth);
  const throttle = new LastUsedThrottle();

  async function fromJwt(token: string): Promise<Principal> {
    const claims = await accessTokens.verify(token);
    const user = await findUserById(orm, claims.userId);
    if (!user) throw new UnauthorizedError('The user of this access token no longer exists', 'TOKEN_INVALID');
    if (user.disabled) throw new UnauthorizedError('This account is disabled', 'ACCOUNT_DISABLED');
    return { userId: user.id, email: user.email, role: user.role, via: 'jwt' };
  }

  async function fromApiKey(key: string): Promise<Principal> {
    const keyHash = apiKeyHash(key);
    const cached = keyHash === undefined ? undefined : cachedApiKeyPrincipal(orm, keyHash);
    if (cached) return cached;
    const found = keyHash === undefined ? undefined : await findApiKeyWithOwner(orm, keyHash);
    if (!found) throw new UnauthorizedError('API key is not valid', 'API_KEY_INVALID');
    const { key: row, owner } = found;
    if (row.revokedAt !== null) throw new UnauthorizedError('API key has been revoked', 'API_KEY_REVOKED');
    if (row.expiresAt !== null && row.expiresAt.getTime() <= Date.now()) {
      throw new UnauthorizedError('API key has expired', 'API_KEY_EXPIRED');
    }
    if (owner.disabled) throw new UnauthorizedError('The owner of this API key is disabled', 'ACCOUNT_DISABLED');
    if (throttle.due(row.id)) await touchApiKey(orm, row.id, throttle.intervalMs / 1000);
    const principal: Principal = {
      userId: owner.id,
      email: owner.email,
      role: effectiveKeyRole(row.role, owner.role),
      via: 'api-key',
      apiKeyId: row.id,
    };
    if (keyHash !== undefined) rememberApiKeyPrincipal(orm, keyHash, principal, row.expiresAt?.getTime() ?? null);
    return principal;
  }

  return async (request) => {
    const credential = credentialOf(request);
    if (!credential) return undefined;
    return credential.kind === 'jwt' ? fromJwt(credential.token) : fromApiKey(credential.key);
  };
}
