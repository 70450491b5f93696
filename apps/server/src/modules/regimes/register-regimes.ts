import type { AppContext } from '../../context';
import { updateTrackedFits } from './regimes-online';
import { regimesFitJob } from './regimes-fit.job';
import { regimesRefitJob } from './regimes-refit.job';

/** The regimes module's jobs and its online-filtering subscription (every role registers; see module-jobs.ts). */
export function registerRegimes(ctx: AppContext): void {
  ctx.jobs.register(regimesFitJob(ctx));
  ctx.jobs.register(regimesRefitJob(ctx));
  ctx.events.on('bars.ingested', async (event) => {
    await updateTrackedFits(ctx, event);
  });
}
