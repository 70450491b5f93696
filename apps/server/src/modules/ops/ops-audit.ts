import type { Orm } from '../../db/database';
import { auditLog } from '../../db/schema';
import { AUDIT_ACTIONS } from '../auth/audit.service';

/**
 * What the Ops page changes, in the same audit_log as the security events of auth/audit.service.ts (whose
 * action list is closed to its own events, hence this small writer beside it).
 */
export const OPS_AUDIT_ACTIONS = ['jobs.run', 'jobs.retry', 'flags.create', 'flags.update'] as const;
export type OpsAuditAction = (typeof OPS_AUDIT_ACTIONS)[number];

/** Every action the audit log can hold, for the page's filter. */
export const ALL_AUDIT_ACTIONS: readonly string[] = [...AUDIT_ACTIONS, ...OPS_AUDIT_ACTIONS].sort();

export interface OpsAuditEntry {
  action: OpsAuditAction;
  actorId?: string | undefined;
  ip?: string | undefined;
  target: string;
  details?: Record<string, unknown>;
}

/** Takes the transaction of the change it records, so a change and its entry are written together or not at all. */
export async function recordOpsAudit(orm: Orm, entry: OpsAuditEntry): Promise<void> {
  await orm.insert(auditLog).values({
    actorId: entry.actorId ?? null,
    action: entry.action,
    target: entry.target,
    ip: entry.ip ?? null,
    details: entry.details ?? {},
  });
}
