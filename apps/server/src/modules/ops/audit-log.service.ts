import type { auditLogQuerySchema, auditLogSchema } from '@marketlens/contracts';
import type { z } from 'zod';
import type { AppContext } from '../../context';
import { BadRequestError } from '../../http/http-errors';
import { listAuditLog } from './audit-log.store';
import { ALL_AUDIT_ACTIONS } from './ops-audit';

type AuditLogPage = z.infer<typeof auditLogSchema>;
type ParsedQuery = z.output<typeof auditLogQuerySchema>;

/** Who did what, when: newest first, filtered, one page at a time. */
export async function readAuditLog(ctx: AppContext, query: ParsedQuery): Promise<AuditLogPage> {
  const since = query.since === undefined ? undefined : new Date(query.since);
  const until = query.until === undefined ? undefined : new Date(query.until);
  if (since && until && since > until) {
    throw new BadRequestError('INVALID_RANGE', `since (${query.since}) is after until (${query.until})`);
  }
  const rows = await listAuditLog(ctx.db.orm, {
    actor: query.actor,
    action: query.action,
    since,
    until,
    beforeId: query.cursor,
    limit: query.limit,
  });
  const page = rows.slice(0, query.limit);
  return {
    entries: page.map((row) => ({
      id: row.id,
      at: row.at.toISOString(),
      actor: row.actorId === null ? null : { id: row.actorId, email: row.actorEmail },
      action: row.action,
      target: row.target,
      ip: row.ip,
      details: row.details,
    })),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
    actions: [...ALL_AUDIT_ACTIONS],
  };
}
