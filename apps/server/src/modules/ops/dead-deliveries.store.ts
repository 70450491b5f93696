import { count, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { deliveries } from '../../db/schema';

/** Deliveries the dispatcher gave up on; the delivery log (modules/alerts) lists them and sends them again. */
export async function countDeadDeliveries(orm: Orm): Promise<number> {
  const [row] = await orm.select({ dead: count() }).from(deliveries).where(eq(deliveries.status, 'dead'));
  return Number(row?.dead ?? 0);
}
