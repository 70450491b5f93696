import { and, desc, eq, gte, ilike, like, lt, lte, type SQL } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { auditLog, users } from '../../db/schema';

export interface AuditLogFilter {
  /** Part of the actor's email, or their user id. */
  actor?: string | undefined;
  /** An exact action, or a family when it ends with a dot (`flags.`). */
  action?: string | undefined;
  since?: Date | undefined;
  until?: Date | undefined;
  /** Entries older than this id (keyset paging: stable while new entries arrive). */
  beforeId?: number | undefined;
  limit: number;
}

export interface AuditLogRow {
  id: number;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  target: string | null;
  ip: string | null;
  details: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** LIKE treats % and _ as wildcards; a filter typed by a person means them literally. */
const literal = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

function conditions(filter: AuditLogFilter): (SQL | undefined)[] {
  const { actor, action } = filter;
  return [
    actor === undefined
      ? undefined
      : UUID.test(actor)
        ? eq(auditLog.actorId, actor)
        : ilike(users.email, `%${literal(actor)}%`),
    action === undefined
      ? undefined
      : action.endsWith('.')
        ? like(auditLog.action, `${literal(action)}%`)
        : eq(auditLog.action, action),
    filter.since === undefined ? undefined : gte(auditLog.at, filter.since),
    filter.until === undefined ? undefined : lte(auditLog.at, filter.until),
    filter.beforeId === undefined ? undefined : lt(auditLog.id, filter.beforeId),
  ];
}

/** Newest first, `limit + 1` rows read so the caller knows whether there is another page. */
export async function listAuditLog(orm: Orm, filter: AuditLogFilter): Promise<AuditLogRow[]> {
  return orm
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorEmail: users.email,
      action: auditLog.action,
      target: auditLog.target,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(and(...conditions(filter)))
    .orderBy(desc(auditLog.id))
    .limit(filter.limit + 1);
}
