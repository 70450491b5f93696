import { ROLE_RANK, type ApiKey, type CreateApiKeyRequest } from '@marketlens/contracts';
import type { Orm } from '../../db/database';
import type { Principal } from '../../http/access';
import { ForbiddenError, NotFoundError } from '../../http/http-errors';
import { recordAudit, type AuditMeta } from './audit.service';
import { generateApiKey } from './api-keys';
import { forgetApiKeyPrincipals } from './api-key-principal-cache';
import { findApiKeyById, insertApiKey, listApiKeys, revokeApiKey, type ApiKeyRow } from './api-keys.store';

const DAY_MS = 86_400_000;

export function toApiKeyDto(row: ApiKeyRow): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    role: row.role,
    userId: row.userId,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** Admins see every key; everyone else sees their own. */
export async function listApiKeysFor(orm: Orm, principal: Principal): Promise<ApiKey[]> {
  const rows = await listApiKeys(orm, principal.role === 'admin' ? undefined : principal.userId);
  return rows.map(toApiKeyDto);
}

/** Creates a key for the caller; its role may not exceed the caller's. The secret is returned once. */
export async function createApiKey(
  orm: Orm,
  principal: Principal,
  request: CreateApiKeyRequest,
  meta: AuditMeta,
): Promise<{ apiKey: ApiKey; secret: string }> {
  if (ROLE_RANK[request.role] > ROLE_RANK[principal.role]) {
    throw new ForbiddenError(
      `An API key cannot have a higher role than its owner: you are ${principal.role}, the key asks for ${request.role}`,
      'API_KEY_ROLE_TOO_HIGH',
    );
  }
  const { key, prefix, keyHash } = generateApiKey();
  const expiresAt = request.expiresInDays === undefined ? null : new Date(Date.now() + request.expiresInDays * DAY_MS);
  const row = await insertApiKey(orm, {
    userId: principal.userId,
    name: request.name,
    prefix,
    keyHash,
    role: request.role,
    expiresAt,
  });
  await recordAudit(orm, {
    ...meta,
    action: 'apikeys.create',
    target: row.id,
    details: { name: row.name, prefix: row.prefix, role: row.role },
  });
  return { apiKey: toApiKeyDto(row), secret: key };
}

/** Revokes a key; only its owner or an admin may. Revoking a revoked key is a no-op. */
export async function revokeApiKeyById(orm: Orm, principal: Principal, id: string, meta: AuditMeta): Promise<void> {
  const key = await findApiKeyById(orm, id);
  if (!key) throw new NotFoundError(`API key ${id}`);
  if (key.userId !== principal.userId && principal.role !== 'admin') {
    throw new ForbiddenError('Only the owner of an API key or an admin can revoke it');
  }
  const revoked = await revokeApiKey(orm, id);
  // authenticate caches verified keys for a few seconds; a revoked key must stop working now.
  forgetApiKeyPrincipals(orm);
  if (revoked) {
    await recordAudit(orm, { ...meta, action: 'apikeys.revoke', target: id, details: { prefix: key.prefix } });
  }
}
