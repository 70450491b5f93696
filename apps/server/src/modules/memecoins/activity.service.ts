import type { MemePost } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { requireToken } from './assess.service';
import { pagePosts } from './posts.store';
import { pageTransfers } from './transfers.store';

/** A token's posts with their stored sentiment, newest first. */
export async function recentPosts(
  ctx: AppContext,
  address: string,
  page: { limit: number; before?: string | undefined },
): Promise<MemePost[]> {
  await requireToken(ctx, address);
  const rows = await pagePosts(ctx.db.orm, address, {
    limit: page.limit,
    before: page.before === undefined ? undefined : new Date(page.before),
  });
  return rows.map((p) => ({
    source: p.source,
    id: p.id,
    author: p.author,
    text: p.text,
    postedAt: p.postedAt.toISOString(),
    url: p.url,
    synthetic: p.synthetic,
    label: p.label,
    score: p.score,
  }));
}

/** A token's transfers newest first, amounts as decimal strings of base units. */
export async function recentTransfers(
  ctx: AppContext,
  address: string,
  page: { limit: number; beforeBlock?: number | undefined },
) {
  await requireToken(ctx, address);
  const transfers = await pageTransfers(ctx.db.orm, address, page);
  return transfers.map((t) => ({
    txHash: t.txHash,
    logIndex: t.logIndex,
    block: t.block,
    from: t.from,
    to: t.to,
    value: t.value.toString(),
    timestamp: t.timestamp === undefined ? null : new Date(t.timestamp * 1000).toISOString(),
  }));
}
