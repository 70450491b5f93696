import { and, asc, eq } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { savedScreens } from '../../db/schema';

export type SavedScreenRow = typeof savedScreens.$inferSelect;
type Editable = Pick<SavedScreenRow, 'name' | 'universeId' | 'filter' | 'sort' | 'view'>;

export async function insertSavedScreen(orm: Orm, row: Editable & { userId: string }): Promise<SavedScreenRow> {
  const [created] = await orm.insert(savedScreens).values(row).returning();
  return created!;
}

export async function listSavedScreens(orm: Orm, userId: string): Promise<SavedScreenRow[]> {
  return orm.select().from(savedScreens).where(eq(savedScreens.userId, userId)).orderBy(asc(savedScreens.name));
}

export async function findSavedScreen(orm: Orm, id: string): Promise<SavedScreenRow | undefined> {
  const [row] = await orm.select().from(savedScreens).where(eq(savedScreens.id, id));
  return row;
}

export async function updateSavedScreen(
  orm: Orm,
  id: string,
  userId: string,
  patch: Partial<Editable>,
): Promise<SavedScreenRow | undefined> {
  const [row] = await orm
    .update(savedScreens)
    .set({ ...patch, updatedAt: new Date() })
    .where(and(eq(savedScreens.id, id), eq(savedScreens.userId, userId)))
    .returning();
  return row;
}

export async function deleteSavedScreen(orm: Orm, id: string, userId: string): Promise<boolean> {
  const rows = await orm
    .delete(savedScreens)
    .where(and(eq(savedScreens.id, id), eq(savedScreens.userId, userId)))
    .returning({ id: savedScreens.id });
  return rows.length > 0;
}
