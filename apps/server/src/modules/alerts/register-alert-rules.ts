import type { AppContext } from '../../context';
import { renderDigestEvent } from '../../notify/digest';
import { defineNotificationTopic } from '../../notify/notification-topics';
import { defineAlertKind } from './alert-kinds';
import { alertTopic } from './alert-notification';
import { enabledRules } from './alert-rules.store';
import { ALERTS_EVALUATE_JOB, alertsEvaluateJob } from './alerts-evaluate.job';
import { forecastBandKind, regimeChangeKind } from './model-alert-kinds';
import { notifyDigestJob } from './notify-digest.job';
import { priceCrossKind, priceMoveKind } from './price-alert-kinds';

/** The alert kinds this module knows, its jobs, its notification topics, and the wake-up on new bars. */
export function registerAlertRules(ctx: AppContext): void {
  defineAlertKind(ctx, 'price_cross', priceCrossKind);
  defineAlertKind(ctx, 'price_move', priceMoveKind);
  defineAlertKind(ctx, 'regime_change', regimeChangeKind);
  defineAlertKind(ctx, 'forecast_band', forecastBandKind);
  ctx.jobs.register(alertsEvaluateJob(ctx));
  defineNotificationTopic(ctx, 'alert', alertTopic);
  // A digest is routed when it is built (to its one channel), so it has no audience of its own.
  defineNotificationTopic(ctx, 'digest', { audience: () => [], render: renderDigestEvent, readRole: 'viewer' });
  ctx.jobs.register(notifyDigestJob(ctx));
  // Bars stored in this process (uploads, ingestion jobs, replays) queue an evaluation of that symbol's rules.
  // Only when a rule watches it: most series have none, and a job per stored batch would be noise.
  ctx.events.on('bars.ingested', async ({ symbol }) => {
    try {
      if ((await enabledRules(ctx.db.orm, symbol)).length === 0) return;
      await ctx.jobs.enqueue(ALERTS_EVALUATE_JOB, { symbol });
    } catch (err) {
      ctx.log.warn({ err, symbol }, 'could not queue alerts.evaluate');
    }
  });
}
