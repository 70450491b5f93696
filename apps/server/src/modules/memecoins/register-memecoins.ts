import type { AppContext } from '../../context';
import { defineAlertKind } from '../alerts/alert-kinds';
import { memecoinsAssessJob } from './memecoins-assess.job';
import { memecoinsCollectJob } from './memecoins-collect.job';
import { riskJumpKind } from './risk-jump-alert-kind';

/** Meme Radar's jobs and its alert kind (every role registers; see module-jobs.ts). */
export function registerMemecoins(ctx: AppContext): void {
  ctx.jobs.register(memecoinsCollectJob(ctx));
  ctx.jobs.register(memecoinsAssessJob(ctx));
  defineAlertKind(ctx, 'risk_jump', riskJumpKind);
}
