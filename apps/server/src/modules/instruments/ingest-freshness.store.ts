import { eq, max } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { uploads } from '../../db/schema';

/** When a CSV import (API, web or CLI through the server) last succeeded, or undefined if none ever did. */
export async function lastSuccessfulUpload(orm: Orm): Promise<Date | undefined> {
  const [row] = await orm
    .select({ at: max(uploads.createdAt) })
    .from(uploads)
    .where(eq(uploads.status, 'succeeded'));
  return row?.at ? new Date(row.at) : undefined;
}
