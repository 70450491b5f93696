import type { AppContext } from '../../context';
import type { JobDefinition } from '../../jobs/job-queue';
import { assessStoredToken } from './assess.service';
import { MEMECOINS_ASSESS_JOB, type AssessPayload } from './memecoins-jobs';
import { listTokens } from './tokens.store';

export interface AssessResult {
  tokens: { address: string; symbol: string; riskScore: number; assessmentId: string }[];
}

/**
 * `memecoins.assess` (queued after each collection and import, by the Re-assess button, and scheduled): a risk
 * assessment of one token, or of every watched token that is not synthetic (the demo token's data never
 * changes, so it is only re-assessed when asked by address). One token failing does not stop the rest; the job
 * fails at the end naming them.
 */
export function memecoinsAssessJob(ctx: AppContext): JobDefinition<AssessPayload, AssessResult> {
  return {
    name: MEMECOINS_ASSESS_JOB,
    handler: async (payload, job) => {
      const all = await listTokens(ctx.db.orm);
      const targets = payload?.address
        ? all.filter((t) => t.address === payload.address)
        : all.filter((t) => !t.synthetic);
      if (payload?.address && targets.length === 0) throw new Error(`memecoins.assess: no token ${payload.address}`);
      const result: AssessResult = { tokens: [] };
      const failures: string[] = [];
      for (const token of targets) {
        job.signal.throwIfAborted();
        try {
          const row = await assessStoredToken(ctx, token.address, payload?.trigger ?? 'manual');
          result.tokens.push({
            address: token.address,
            symbol: token.symbol,
            riskScore: row.riskScore,
            assessmentId: row.id,
          });
          job.log('token assessed', { token: token.symbol, riskScore: row.riskScore });
        } catch (err) {
          failures.push(`${token.symbol}: ${err instanceof Error ? err.message : String(err)}`);
        }
      }
      if (failures.length > 0) throw new Error(`memecoins.assess failed for ${failures.join('; ')}`);
      return result;
    },
  };
}
