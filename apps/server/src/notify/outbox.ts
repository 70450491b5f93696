import { outbox } from '../db/schema';
import type { Orm } from '../db/database';

/**
 * Writes an event's notification into the outbox, in the caller's transaction, so the event and its
 * notification are committed together or not at all. The idempotency key makes a repeat a no-op (false).
 */
export async function writeOutbox(
  tx: Orm,
  row: { idempotencyKey: string; topic: string; payload: Record<string, unknown> },
): Promise<boolean> {
  const inserted = await tx.insert(outbox).values(row).onConflictDoNothing().returning({ id: outbox.id });
  return inserted.length > 0;
}
