import { and, asc, count, desc, eq, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { universeListings, universeSnapshots, universes } from '../../db/schema';

export type UniverseRow = typeof universes.$inferSelect;
export type ListingDbRow = typeof universeListings.$inferSelect;
export type NewListingRow = Omit<typeof universeListings.$inferInsert, 'universeId'>;

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters with 12 columns. */
const INSERT_BATCH = 1000;

/**
 * Creates the universe, or replaces the listing and rules of the one with that name: one transaction, so a
 * failed import leaves the previous listing whole.
 */
export async function saveUniverse(
  orm: Orm,
  universe: Pick<UniverseRow, 'name' | 'source' | 'rules' | 'benchmark' | 'synthetic'>,
  listing: readonly NewListingRow[],
): Promise<UniverseRow> {
  return orm.transaction(async (tx) => {
    const [row] = await tx
      .insert(universes)
      .values(universe)
      .onConflictDoUpdate({
        target: universes.name,
        set: {
          source: universe.source,
          rules: universe.rules,
          benchmark: universe.benchmark,
          synthetic: universe.synthetic,
          updatedAt: new Date(),
        },
      })
      .returning();
    await tx.delete(universeListings).where(eq(universeListings.universeId, row!.id));
    for (let i = 0; i < listing.length; i += INSERT_BATCH) {
      const batch = listing.slice(i, i + INSERT_BATCH).map((r) => ({ ...r, universeId: row!.id }));
      await tx.insert(universeListings).values(batch);
    }
    return row!;
  });
}

export async function findUniverse(orm: Orm, id: string): Promise<UniverseRow | undefined> {
  const [row] = await orm.select().from(universes).where(eq(universes.id, id));
  return row;
}

export async function findUniverseByName(orm: Orm, name: string): Promise<UniverseRow | undefined> {
  const [row] = await orm.select().from(universes).where(eq(universes.name, name));
  return row;
}

export async function listUniverses(orm: Orm): Promise<UniverseRow[]> {
  return orm.select().from(universes).orderBy(asc(universes.name));
}

export async function deleteUniverse(orm: Orm, id: string): Promise<boolean> {
  const rows = await orm.delete(universes).where(eq(universes.id, id)).returning({ id: universes.id });
  return rows.length > 0;
}

/** Listed and included rows per universe. */
export async function listingCounts(orm: Orm): Promise<Map<string, { listed: number; members: number }>> {
  const rows = await orm
    .select({
      universeId: universeListings.universeId,
      listed: count(),
      members: sql<number>`count(*) filter (where ${universeListings.included})`.mapWith(Number),
    })
    .from(universeListings)
    .groupBy(universeListings.universeId);
  return new Map(rows.map((r) => [r.universeId, { listed: r.listed, members: r.members }]));
}

/** The listing of a universe, by symbol; only members (included) when asked. */
export async function listListing(orm: Orm, universeId: string, membersOnly = false): Promise<ListingDbRow[]> {
  return orm
    .select()
    .from(universeListings)
    .where(
      and(eq(universeListings.universeId, universeId), membersOnly ? eq(universeListings.included, true) : undefined),
    )
    .orderBy(asc(universeListings.symbol));
}

/** The universe a request means when it names none: the one whose snapshot was built last, else the newest. */
export async function defaultUniverseId(orm: Orm): Promise<string | undefined> {
  const [built] = await orm
    .select({ id: universeSnapshots.universeId })
    .from(universeSnapshots)
    .orderBy(desc(universeSnapshots.builtAt), desc(universeSnapshots.id))
    .limit(1);
  if (built) return built.id;
  const [newest] = await orm.select({ id: universes.id }).from(universes).orderBy(desc(universes.createdAt)).limit(1);
  return newest?.id;
}
