import { z } from 'zod';
import type { AppContext } from '../../context';
import type { AlertKind, AlertTrigger } from '../alerts/alert-kinds';
import { requireToken } from './assess.service';
import { assessmentsSince, listAssessments } from './assessments.store';

// Alert kind `risk_jump`: "tell me when a token's risk score jumps". Evaluated after each assessment (the assess
// service queues alerts.evaluate) and by the schedule. Each assessment newer than the one the rule saw last is
// compared with the one before it; a rise of at least `minJump` points, or a first crossing of `minScore`,
// raises one event keyed by the assessment, so a re-run never raises it twice. Like screen_change, the rule's
// `symbol` is not used by this kind: the token is named by `address`.

export const riskJumpParams = z
  .object({
    address: z
      .string()
      .regex(/^0x[0-9a-fA-F]{40}$/, 'an address as 0x followed by 40 hex digits')
      .transform((s) => s.toLowerCase()),
    /** Points (0-100) the score must rise by between two assessments. */
    minJump: z.number().int().min(1).max(100).default(20),
    /** Also fire when the score reaches this from below (null: only jumps). */
    minScore: z.number().int().min(1).max(100).nullable().default(null),
  })
  .strict();
type RiskJumpParams = z.infer<typeof riskJumpParams>;

export const riskJumpKind: AlertKind<RiskJumpParams> = {
  params: riskJumpParams,
  describe: (p) =>
    `risk score of ${p.address} rises by ${p.minJump}+ points${p.minScore === null ? '' : ` or reaches ${p.minScore}`}`,
  async initialState(ctx, rule) {
    await requireToken(ctx, rule.params.address);
    const [latest] = await listAssessments(ctx.db.orm, rule.params.address, { limit: 1 });
    return latest ? { lastAssessedAt: latest.assessedAt.toISOString(), lastScore: latest.riskScore } : {};
  },
  async evaluate(ctx: AppContext, rule) {
    const p = rule.params;
    const token = await requireToken(ctx, p.address);
    const seenAt = typeof rule.state?.lastAssessedAt === 'string' ? new Date(rule.state.lastAssessedAt) : new Date(0);
    let previous = typeof rule.state?.lastScore === 'number' ? rule.state.lastScore : null;
    const fresh = (await assessmentsSince(ctx.db.orm, token.address, seenAt)).filter(
      (a) => a.assessedAt.getTime() > seenAt.getTime(),
    );
    if (fresh.length === 0) return { triggers: [], state: rule.state ?? {} };
    const triggers: AlertTrigger[] = [];
    for (const a of fresh) {
      const jump = previous === null ? null : a.riskScore - previous;
      const jumped = jump !== null && jump >= p.minJump;
      const crossed = p.minScore !== null && a.riskScore >= p.minScore && (previous === null || previous < p.minScore);
      if (jumped || crossed) {
        triggers.push({
          key: `risk:${a.id}`,
          at: a.assessedAt.getTime(),
          message:
            `${token.symbol} risk score ${previous === null ? 'is' : `${previous} -> `}${a.riskScore}` +
            (jump === null ? '' : ` (${jump >= 0 ? '+' : ''}${jump})`) +
            `; ${
              (a.flags as { code: string; level: string }[])
                .filter((f) => f.level !== 'info')
                .map((f) => `${f.code} (${f.level})`)
                .join(', ') || 'no alarms'
            }`,
          values: {
            token: token.address,
            symbol: token.symbol,
            assessmentId: a.id,
            riskScore: a.riskScore,
            previousScore: previous,
            jump,
          },
        });
      }
      previous = a.riskScore;
    }
    const last = fresh.at(-1)!;
    return { triggers, state: { lastAssessedAt: last.assessedAt.toISOString(), lastScore: last.riskScore } };
  },
};
