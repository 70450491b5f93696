import type { RiskFlag } from '@marketlens/quant';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../http/http-errors';
import { insertAssessment, listAssessments, type AssessmentRow } from './assessments.store';
import { loadPosts } from './posts.store';
import { computeRisk, type ComputedRisk } from './risk-computation';
import { loadTokenBars } from './token-bars';
import { findToken, type TokenRow } from './tokens.store';
import { loadTransfers } from './transfers.store';

export type AssessmentTrigger = AssessmentRow['trigger'];

/** Job alerts.evaluate: risk_jump rules read each new assessment. */
const ALERTS_EVALUATE_JOB = 'alerts.evaluate';

/** Posts and bars older than this are not read: the detectors' longest baseline is 24 hours. */
const LOOKBACK_MS = 7 * 24 * 3_600_000;

export async function requireToken(ctx: AppContext, address: string): Promise<TokenRow> {
  const token = await findToken(ctx.db.orm, address);
  if (!token) throw new NotFoundError(`Token ${address}`, 'TOKEN_NOT_FOUND');
  return token;
}

/** Stores a computed assessment at `assessedAt`. */
export async function storeAssessment(
  ctx: AppContext,
  token: TokenRow,
  computed: ComputedRisk,
  trigger: AssessmentTrigger,
  assessedAt: Date,
): Promise<AssessmentRow> {
  return insertAssessment(ctx.db.orm, {
    token: token.address,
    assessedAt,
    riskScore: computed.assessment.riskScore,
    trigger,
    trusted: computed.assessment.trusted,
    flags: computed.assessment.flags,
    metrics: computed.metrics,
  });
}

/**
 * Assesses a token on everything stored for it (all transfers; the last week of posts and price bars) and
 * stores the result (a synthetic token is assessed as of its own data's end), then queues alert rules (risk_jump reads it). `memecoins.assess` runs this after each
 * collection and import.
 */
export async function assessStoredToken(
  ctx: AppContext,
  address: string,
  trigger: AssessmentTrigger,
  now: number = Date.now(),
): Promise<AssessmentRow> {
  const token = await requireToken(ctx, address);
  if (token.synthetic) {
    // Demo data ends on a fixed date: "now" for it is just after its newest assessment, not the wall clock.
    const [latest] = await listAssessments(ctx.db.orm, token.address, { limit: 1 });
    if (latest) now = latest.assessedAt.getTime() + 1;
  }
  const from = new Date(now - LOOKBACK_MS);
  const [transfers, posts, bars] = await Promise.all([
    loadTransfers(ctx.db.orm, token.address),
    loadPosts(ctx.db.orm, token.address, { from }),
    loadTokenBars(ctx, token, { from: from.getTime() }),
  ]);
  const computed = computeRisk({
    address: token.address,
    fromCreation: token.fromCreation,
    totalSupply: token.totalSupply === null ? null : BigInt(token.totalSupply),
    transfers,
    bars,
    posts: posts.map((p) => ({ id: p.id, postedAt: p.postedAt.getTime(), score: p.score })),
    until: now + 1,
  });
  const row = await storeAssessment(ctx, token, computed, trigger, new Date(now));
  ctx.log.info({ token: token.symbol, riskScore: row.riskScore, flags: row.flags.length }, 'memecoins: token assessed');
  if (ctx.jobs.has(ALERTS_EVALUATE_JOB)) {
    await ctx.jobs.enqueue(ALERTS_EVALUATE_JOB, {}).catch((err: unknown) => {
      ctx.log.warn({ err }, 'memecoins: could not queue alerts.evaluate after an assessment');
    });
  }
  return row;
}

/** The assessment before this one (by time), for "what changed". */
export async function previousAssessment(ctx: AppContext, row: AssessmentRow): Promise<AssessmentRow | undefined> {
  const [previous] = await listAssessments(ctx.db.orm, row.token, { limit: 1, before: row.assessedAt });
  return previous;
}

export const storedFlags = (row: AssessmentRow): RiskFlag[] => row.flags as RiskFlag[];
