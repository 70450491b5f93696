import type { Orm } from '../../db/database';
import { auditLog } from '../../db/schema';

/** Security events we keep. Secrets (passwords, tokens, keys) never go into an entry. */
export const AUDIT_ACTIONS = [
  'auth.setup',
  'auth.login',
  'auth.login_failed',
  'auth.refresh_reuse',
  'auth.logout',
  'users.create',
  'users.update',
  'users.disable',
  'users.enable',
  'users.password_reset',
  'apikeys.create',
  'apikeys.revoke',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEntry {
  actorId?: string | undefined;
  action: AuditAction;
  target?: string | undefined;
  ip?: string | undefined;
  details?: Record<string, unknown>;
}

/** Who did it and from where, passed from routes into services. */
export interface AuditMeta {
  actorId?: string | undefined;
  ip?: string | undefined;
}

export async function recordAudit(orm: Orm, entry: AuditEntry): Promise<void> {
  await orm.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
