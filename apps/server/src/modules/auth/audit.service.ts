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

/** One audit_log row; each module that writes the log types `action` with its own closed list. */
export interface AuditEntry<Action extends string = AuditAction> {
  actorId?: string | undefined;
  action: Action;
  target?: string | undefined;
  ip?: string | undefined;
  details?: Record<string, unknown>;
}

/** Who did it and from where, passed from routes into services. */
export interface AuditMeta {
  actorId?: string | undefined;
  ip?: string | undefined;
}

/** Records a security event of this module. */
export async function recordAudit(orm: Orm, entry: AuditEntry): Promise<void> {
  await insertAuditEntry(orm, entry);
}

/**
 * The one writer of audit_log rows, for modules with their own action list (ops-audit.ts). Takes the
 * transaction of the change it records, so a change and its entry are written together or not at all.
 */
export async function insertAuditEntry<Action extends string>(orm: Orm, entry: AuditEntry<Action>): Promise<void> {
  await orm.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    action: entry.action,
    target: entry.target ?? null,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
