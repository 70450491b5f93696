import { isEmbedded } from '../config/load-config';
import type { AppContext } from '../context';
import { VERSION } from '../version';
import type { ChannelKind, ChannelSender } from './channel';
import { createEmailSender } from './channels/email.channel';
import { createTelegramSender } from './channels/telegram.channel';
import { createWebhookSender } from './channels/webhook.channel';
import { NotificationDispatcher, type DeliveryThrottle } from './dispatcher';
import { createRateLimiter, TELEGRAM_RATE_LIMITS } from './rate-limiter';

/** Webhooks to loopback and private addresses: "auto" allows them on a laptop (embedded), not in a deployment. */
export function allowPrivateWebhookTargets(ctx: AppContext): boolean {
  const setting = ctx.config.webhooks.allowPrivateTargets;
  return setting === 'auto' ? isEmbedded(ctx.config) : setting;
}

/** The senders this process can use: webhooks always; Telegram and email when configured. */
export function createSenders(ctx: AppContext): Map<ChannelKind, ChannelSender> {
  const senders = new Map<ChannelKind, ChannelSender>();
  senders.set(
    'webhook',
    createWebhookSender({
      timeoutMs: ctx.config.webhooks.timeoutMs,
      allowPrivateTargets: allowPrivateWebhookTargets(ctx),
      userAgent: `MarketLens/${VERSION} (+webhooks)`,
    }) as ChannelSender,
  );
  const telegram = ctx.config.telegram;
  if (telegram.botToken) {
    senders.set(
      'telegram',
      createTelegramSender({
        token: telegram.botToken,
        apiRoot: telegram.apiRoot,
        timeoutMs: telegram.timeoutMs,
      }) as ChannelSender,
    );
  }
  const { smtpUrl, from, timeoutMs } = ctx.config.email;
  if (smtpUrl) {
    const alertsUrl = new URL('/alerts', ctx.config.notify.publicUrl).toString();
    senders.set('email', createEmailSender({ smtpUrl, from, timeoutMs, alertsUrl }) as ChannelSender);
  }
  return senders;
}

/** The dispatcher with the configured settings and channels; in-process events wake it early. */
export function createNotificationDispatcher(ctx: AppContext): NotificationDispatcher {
  // Telegram's limits (30 messages a second per bot, 1 per chat) are held per process: replicas split the
  // load, and a 429 from Telegram (retry_after) covers what they exceed together.
  const telegramLimiter = createRateLimiter(TELEGRAM_RATE_LIMITS);
  const throttle: DeliveryThrottle = (kind, target) =>
    target.kind === 'telegram' && kind === 'telegram' ? telegramLimiter.reserve(target.chatId) : 0;
  const dispatcher = new NotificationDispatcher(ctx, {
    senders: createSenders(ctx),
    settings: ctx.config.notify,
    throttle,
  });
  ctx.events.on('signals.created', () => void dispatcher.wake());
  return dispatcher;
}
