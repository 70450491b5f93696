import { sentimentBuckets, type RiskFlag } from '@marketlens/quant';
import type { Timeline } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { requireToken, storedFlags } from './assess.service';
import { assessmentsSince, listAssessments } from './assessments.store';
import { loadPosts } from './posts.store';
import { loadTokenBars } from './token-bars';
import { blockTimes } from './transfers.store';

/** The timeline shows the week before the latest assessment (or now). */
const WINDOW_MS = 7 * 24 * 3_600_000;

const LEVEL_RANK = { info: 0, warn: 1, danger: 2 } as const;

/**
 * Price, hourly sentiment, risk score and flag markers of one token on one time axis. A marker is placed when
 * a flag appears or is raised (not once per assessment that still carries it), at the time its evidence points
 * to: the first bar or post bucket, else the first transaction's block time, else the assessment itself.
 */
export async function tokenTimeline(ctx: AppContext, address: string, now: number = Date.now()): Promise<Timeline> {
  const token = await requireToken(ctx, address);
  const [latest] = await listAssessments(ctx.db.orm, token.address, { limit: 1 });
  const end = latest ? latest.assessedAt.getTime() : now;
  const from = end - WINDOW_MS;
  const [bars, posts, assessments] = await Promise.all([
    loadTokenBars(ctx, token, { from, to: end + 1 }),
    loadPosts(ctx.db.orm, token.address, { from: new Date(from), to: new Date(end + 1) }),
    assessmentsSince(ctx.db.orm, token.address, new Date(from)),
  ]);
  const scored = posts.map((p) => ({ id: p.id, postedAt: p.postedAt.getTime(), score: p.score }));
  const firstPost = scored[0]?.postedAt;
  const sentiment =
    firstPost === undefined
      ? []
      : sentimentBuckets(scored, { from: firstPost, to: (scored.at(-1)?.postedAt ?? end) + 1 });

  const markers: { flag: RiskFlag; assessmentId: string; at: number }[] = [];
  const seen = new Map<string, number>();
  for (const a of assessments) {
    for (const flag of storedFlags(a)) {
      if (flag.level === 'info') continue;
      const rank = LEVEL_RANK[flag.level];
      if ((seen.get(flag.code) ?? -1) >= rank) continue;
      seen.set(flag.code, rank);
      markers.push({ flag, assessmentId: a.id, at: a.assessedAt.getTime() });
    }
  }
  const blocks = markers.flatMap((m) => (m.flag.evidence.bars.length === 0 ? m.flag.evidence.blocks.slice(0, 1) : []));
  const times = await blockTimes(ctx.db.orm, token.address, blocks);
  return {
    price: (bars ?? []).map((b) => ({ t: b.ts, close: b.close, volume: b.volume })),
    sentiment: sentiment.map((b) => ({ t: b.ts, posts: b.posts, meanSentiment: b.meanSentiment })),
    risk: assessments.map((a) => ({ t: a.assessedAt.getTime(), riskScore: a.riskScore, assessmentId: a.id })),
    flags: markers
      .map(({ flag, assessmentId, at }) => ({
        t: flag.evidence.bars[0] ?? times.get(flag.evidence.blocks[0] ?? -1) ?? at,
        code: flag.code,
        level: flag.level,
        message: flag.message,
        assessmentId,
      }))
      .sort((a, b) => a.t - b.t),
  };
}
