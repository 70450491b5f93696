import type { AppContext } from '../../context';
import { defineAlertKind } from '../alerts/alert-kinds';
import { screenChangeKind } from './screen-change-alert-kind';
import { screenerRebuildJob } from './screener-rebuild.job';
import { screenerSnapshotJob } from './screener-snapshot.job';
import { registerScreenerPrices } from './prices/register-screener-prices';

/** The screener's jobs and its alert kind (every role registers; see module-jobs.ts). */
export function registerScreener(ctx: AppContext): void {
  ctx.jobs.register(screenerSnapshotJob(ctx));
  ctx.jobs.register(screenerRebuildJob(ctx));
  registerScreenerPrices(ctx);
  defineAlertKind(ctx, 'screen_change', screenChangeKind);
}
