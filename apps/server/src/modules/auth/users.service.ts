import type { CreateUserRequest, Role, User } from '@marketlens/contracts';
import type { Orm } from '../../db/database';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { forgetApiKeyPrincipals } from './api-key-principal-cache';
import { recordAudit, type AuditMeta } from './audit.service';
import { hashPassword } from './password';
import { revokeUserRefreshTokens } from './refresh-tokens.store';
import {
  countActiveAdmins,
  countUsers,
  insertUser,
  isUniqueViolation,
  listUsers,
  updateUser,
  findUserById,
  withUserAdminLock,
  type UserRow,
} from './users.store';

export interface UserPatch {
  role?: Role | undefined;
  disabled?: boolean | undefined;
  password?: string | undefined;
}

export function toUserDto(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    disabled: row.disabled,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  };
}

export async function listUsersDto(orm: Orm): Promise<User[]> {
  return (await listUsers(orm)).map(toUserDto);
}

export async function createUser(orm: Orm, request: CreateUserRequest, meta: AuditMeta): Promise<User> {
  const passwordHash = await hashPassword(request.password);
  let row: UserRow;
  try {
    row = await insertUser(orm, { email: request.email, passwordHash, role: request.role });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError('EMAIL_TAKEN', `A user with email ${request.email} exists`);
    throw err;
  }
  await recordAudit(orm, {
    ...meta,
    action: 'users.create',
    target: row.id,
    details: { email: row.email, role: row.role },
  });
  return toUserDto(row);
}

/**
 * Changes role / disabled / password. Runs under the user-administration lock so two admins demoting
 * each other at once cannot leave the platform without an active admin.
 */
export async function updateUserById(orm: Orm, id: string, patch: UserPatch, meta: AuditMeta): Promise<User> {
  const passwordHash = patch.password === undefined ? undefined : await hashPassword(patch.password);
  const { before, after } = await withUserAdminLock(orm, async (tx) => {
    const current = await findUserById(tx, id);
    if (!current) throw new NotFoundError(`User ${id}`);
    const losesAdmin = (patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true;
    if (current.role === 'admin' && !current.disabled && losesAdmin && (await countActiveAdmins(tx)) <= 1) {
      throw new ConflictError('LAST_ADMIN', 'This is the last active admin; make another admin first');
    }
    const updated = await updateUser(tx, id, {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      ...(passwordHash !== undefined ? { passwordHash } : {}),
    });
    if (!updated) throw new NotFoundError(`User ${id}`);
    // A disabled account or a reset password ends every session; access tokens stop at the next request
    // because authenticate re-reads the user.
    if (patch.disabled === true || passwordHash !== undefined) await revokeUserRefreshTokens(tx, id);
    return { before: current, after: updated };
  });
  // Cached API-key principals carry the owner's role and state: a change applies from the next request.
  forgetApiKeyPrincipals(orm);
  await auditUserChanges(orm, before, after, passwordHash !== undefined, meta);
  return toUserDto(after);
}

async function auditUserChanges(orm: Orm, before: UserRow, after: UserRow, passwordReset: boolean, meta: AuditMeta) {
  const base = { ...meta, target: after.id };
  if (before.role !== after.role) {
    await recordAudit(orm, {
      ...base,
      action: 'users.update',
      details: { role: { from: before.role, to: after.role } },
    });
  }
  if (before.disabled !== after.disabled) {
    await recordAudit(orm, { ...base, action: after.disabled ? 'users.disable' : 'users.enable' });
  }
  if (passwordReset) await recordAudit(orm, { ...base, action: 'users.password_reset' });
}

/** Creates the first user as admin, or returns undefined when any user exists (decided under the lock). */
export async function createFirstAdmin(
  orm: Orm,
  values: { email: string; passwordHash: string },
): Promise<UserRow | undefined> {
  return withUserAdminLock(orm, async (tx) => {
    if ((await countUsers(tx)) > 0) return undefined;
    return insertUser(tx, { ...values, role: 'admin' });
  });
}

export const needsSetup = async (orm: Orm): Promise<boolean> => (await countUsers(orm)) === 0;
