import type { Orm } from '../../db/database';
import { AUDIT_ACTIONS, insertAuditEntry, type AuditEntry } from '../auth/audit.service';

/** What the Ops page changes, in the same audit_log as the security events of auth/audit.service.ts. */
export const OPS_AUDIT_ACTIONS = ['jobs.run', 'jobs.retry', 'flags.create', 'flags.update'] as const;
export type OpsAuditAction = (typeof OPS_AUDIT_ACTIONS)[number];

/** Every action the audit log can hold, for the page's filter. */
export const ALL_AUDIT_ACTIONS: readonly string[] = [...AUDIT_ACTIONS, ...OPS_AUDIT_ACTIONS].sort();

/** An Ops change always names what it changed. */
export type OpsAuditEntry = AuditEntry<OpsAuditAction> & { target: string };

/** Takes the transaction of the change it records, so a change and its entry are written together or not at all. */
export async function recordOpsAudit(orm: Orm, entry: OpsAuditEntry): Promise<void> {
  await insertAuditEntry(orm, entry);
}
