import type { Deployment, Timeframe } from '@marketlens/contracts';
import { isBarTimeframe } from '@marketlens/quant';
import type { AppContext } from '../../../context';
import { pendingDeliveryStats } from '../../../notify/deliveries.store';
import { getBars } from '../../instruments/instruments.service';
import { listAllDeployments } from '../../signals/deployments.service';
import { lastBarAgeSeconds } from '../../signals/signals-gauges.service';
import type { BotCommand } from './bot-command';
import { bold, esc, formatAge, lines } from './bot-text';

// /status: is the platform delivering? The signal engine's enabled deployments, how old the newest bar of each
// live feed is (the age marketlens_feed_last_bar_age_seconds reports), and the notifications still to send.

/** More feeds than this are summed up in one line: the message must stay short. */
const MAX_FEEDS = 12;

interface FeedAge {
  feed: string;
  ageSeconds: number | null;
}

async function feedAges(ctx: AppContext, deployments: readonly Deployment[], now: number): Promise<FeedAge[]> {
  const feeds = new Map<string, { symbol: string; timeframe: string }>();
  for (const d of deployments) feeds.set(`${d.symbol} ${d.timeframe}`, { symbol: d.symbol, timeframe: d.timeframe });
  const ages: FeedAge[] = [];
  for (const [feed, { symbol, timeframe }] of feeds) {
    if (!isBarTimeframe(timeframe)) {
      ages.push({ feed, ageSeconds: null });
      continue;
    }
    const newest = (await getBars(ctx, symbol, { timeframe: timeframe as Timeframe, limit: 1 })).bars[0];
    ages.push({ feed, ageSeconds: lastBarAgeSeconds(now, newest ? new Date(newest.ts) : null, timeframe) });
  }
  return ages.sort((a, b) => a.feed.localeCompare(b.feed));
}

function feedLine({ feed, ageSeconds }: FeedAge): string {
  if (ageSeconds === null) return esc(`${feed}: age unknown`);
  if (!Number.isFinite(ageSeconds)) return esc(`${feed}: no bars yet`);
  return esc(`${feed}: newest bar ${ageSeconds === 0 ? 'still forming' : `${formatAge(ageSeconds)} old`}`);
}

function engineLine(enabled: readonly Deployment[]): string {
  if (enabled.length === 0) return esc('Engine: no strategy deployment is enabled.');
  const failing = enabled.filter((d) => d.lastError !== null).length;
  const count = `${enabled.length} deployment${enabled.length === 1 ? '' : 's'} enabled`;
  return esc(`Engine: ${count}${failing > 0 ? `, ${failing} with an error` : ', all passing'}.`);
}

async function notificationsLine(ctx: AppContext): Promise<string> {
  const stats = await pendingDeliveryStats(ctx.db.orm);
  const pending = stats.reduce((n, s) => n + s.pending, 0);
  if (pending === 0) return esc('Notifications: none waiting.');
  const oldest = Math.max(...stats.map((s) => s.oldestAgeSeconds));
  return esc(`Notifications: ${pending} waiting, the oldest for ${formatAge(oldest)}.`);
}

export const statusCommand: BotCommand = {
  command: 'status',
  usage: '',
  description: 'Engine and feed health, notifications waiting',
  role: 'viewer',
  async answer(ctx) {
    const now = Date.now();
    const enabled = (await listAllDeployments(ctx)).filter((d) => d.enabled);
    const ages = await feedAges(ctx, enabled, now);
    const shown = ages.slice(0, MAX_FEEDS).map(feedLine);
    if (ages.length > MAX_FEEDS) shown.push(esc(`and ${ages.length - MAX_FEEDS} more feeds`));
    return lines(
      bold('MarketLens status'),
      engineLine(enabled),
      ages.length > 0 && esc('Live feeds:'),
      ...shown,
      await notificationsLine(ctx),
    );
  },
};
