import type { SavedScreen } from '@marketlens/contracts';
import type { z } from 'zod';
import type { createSavedScreenSchema, updateSavedScreenSchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/unique-violation';
import { ConflictError, NotFoundError } from '../../http/http-errors';
import { checkSortOrBadRequest, parseFilterOrBadRequest } from './screens.service';
import { requireUniverse } from './snapshots.service';
import * as store from './saved-screens.store';

// Saved screens belong to one user: another user's id answers 404, never 403, so ids reveal nothing.

type CreateInput = z.output<typeof createSavedScreenSchema>;
type UpdateInput = z.output<typeof updateSavedScreenSchema>;

export function toSavedScreen(row: store.SavedScreenRow): SavedScreen {
  return {
    id: row.id,
    name: row.name,
    universeId: row.universeId,
    filter: row.filter,
    sort: row.sort,
    view: row.view as SavedScreen['view'],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const nameTaken = (name: string) => new ConflictError('SCREEN_NAME_TAKEN', `You have a saved screen named "${name}"`);

/** Filter, sort and universe are checked before anything is stored (400 with the position / 404). */
async function checkParts(ctx: AppContext, input: Partial<CreateInput>): Promise<void> {
  if (input.filter !== undefined) parseFilterOrBadRequest(input.filter);
  if (input.sort !== undefined) checkSortOrBadRequest(input.sort);
  if (input.universeId) await requireUniverse(ctx, input.universeId);
}

async function uniqueName<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (name !== undefined && isUniqueViolation(err)) throw nameTaken(name);
    throw err;
  }
}

export async function createSavedScreen(ctx: AppContext, userId: string, input: CreateInput): Promise<SavedScreen> {
  await checkParts(ctx, input);
  const row = await uniqueName(input.name, () => store.insertSavedScreen(ctx.db.orm, { ...input, userId }));
  return toSavedScreen(row);
}

export async function listOwnScreens(ctx: AppContext, userId: string): Promise<SavedScreen[]> {
  return (await store.listSavedScreens(ctx.db.orm, userId)).map(toSavedScreen);
}

export async function ownScreen(ctx: AppContext, userId: string, id: string): Promise<store.SavedScreenRow> {
  const row = await store.findSavedScreen(ctx.db.orm, id);
  if (!row || row.userId !== userId) throw new NotFoundError(`Saved screen ${id}`, 'SCREEN_NOT_FOUND');
  return row;
}

export async function updateSavedScreen(
  ctx: AppContext,
  userId: string,
  id: string,
  patch: UpdateInput,
): Promise<SavedScreen> {
  await ownScreen(ctx, userId, id);
  await checkParts(ctx, patch);
  const row = await uniqueName(patch.name, () => store.updateSavedScreen(ctx.db.orm, id, userId, patch));
  if (!row) throw new NotFoundError(`Saved screen ${id}`, 'SCREEN_NOT_FOUND');
  return toSavedScreen(row);
}

export async function deleteSavedScreen(ctx: AppContext, userId: string, id: string): Promise<void> {
  if (!(await store.deleteSavedScreen(ctx.db.orm, id, userId))) {
    throw new NotFoundError(`Saved screen ${id}`, 'SCREEN_NOT_FOUND');
  }
}

/** A saved screen by id, whoever owns it (alert evaluation runs on the rule owner's behalf). */
export async function findSavedScreenById(ctx: AppContext, id: string): Promise<store.SavedScreenRow | undefined> {
  return store.findSavedScreen(ctx.db.orm, id);
}
