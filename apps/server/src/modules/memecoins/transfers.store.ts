import type { TokenTransfer } from '@marketlens/quant';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Orm } from '../../db/database';
import { tokenTransfers } from '../../db/schema';

type TransferRow = typeof tokenTransfers.$inferSelect;

/** Rows per INSERT: 8 parameters each stays far below PostgreSQL's 65,535. */
const CHUNK = 2_000;

/**
 * Stores transfers of one token; a (hash, log index) already stored is skipped, so re-collecting an overlapping
 * block range or re-importing a file adds nothing twice. Returns how many were new. One transaction: an import
 * is stored whole or not at all.
 */
export async function insertTransfers(orm: Orm, token: string, transfers: readonly TokenTransfer[]): Promise<number> {
  if (transfers.length === 0) return 0;
  return orm.transaction(async (tx) => {
    let inserted = 0;
    for (let i = 0; i < transfers.length; i += CHUNK) {
      const rows = transfers.slice(i, i + CHUNK).map((t) => ({
        token,
        txHash: t.txHash,
        logIndex: t.logIndex,
        block: t.block,
        from: t.from,
        to: t.to,
        value: t.value.toString(),
        ts: t.timestamp === undefined ? null : new Date(t.timestamp * 1000),
      }));
      const result = await tx
        .insert(tokenTransfers)
        .values(rows)
        .onConflictDoNothing()
        .returning({ h: tokenTransfers.txHash });
      inserted += result.length;
    }
    return inserted;
  });
}

const toTransfer = (r: TransferRow): TokenTransfer => ({
  token: r.token,
  txHash: r.txHash,
  logIndex: r.logIndex,
  block: r.block,
  from: r.from,
  to: r.to,
  value: BigInt(r.value),
  ...(r.ts ? { timestamp: Math.floor(r.ts.getTime() / 1000) } : {}),
});

/** Every stored transfer of a token in chain order, optionally only those at or before a block. */
export async function loadTransfers(orm: Orm, token: string, untilBlock?: number): Promise<TokenTransfer[]> {
  const rows = await orm
    .select()
    .from(tokenTransfers)
    .where(
      and(
        eq(tokenTransfers.token, token),
        untilBlock === undefined ? undefined : sql`${tokenTransfers.block} <= ${untilBlock}`,
      ),
    )
    .orderBy(asc(tokenTransfers.block), asc(tokenTransfers.logIndex));
  return rows.map(toTransfer);
}

/** Newest first, strictly before `beforeBlock` when given (keyset paging). */
export async function pageTransfers(
  orm: Orm,
  token: string,
  page: { limit: number; beforeBlock?: number | undefined },
): Promise<TokenTransfer[]> {
  const rows = await orm
    .select()
    .from(tokenTransfers)
    .where(
      and(
        eq(tokenTransfers.token, token),
        page.beforeBlock === undefined ? undefined : lt(tokenTransfers.block, page.beforeBlock),
      ),
    )
    .orderBy(desc(tokenTransfers.block), desc(tokenTransfers.logIndex))
    .limit(page.limit);
  return rows.map(toTransfer);
}

/** Block -> time (epoch ms) for the given blocks, from the stored transfers that carry a timestamp. */
export async function blockTimes(orm: Orm, token: string, blocks: readonly number[]): Promise<Map<number, number>> {
  const times = new Map<number, number>();
  if (blocks.length === 0) return times;
  const rows = await orm
    .selectDistinct({ block: tokenTransfers.block, ts: tokenTransfers.ts })
    .from(tokenTransfers)
    .where(and(eq(tokenTransfers.token, token), inArray(tokenTransfers.block, [...new Set(blocks)])));
  for (const r of rows) if (r.ts) times.set(r.block, r.ts.getTime());
  return times;
}
