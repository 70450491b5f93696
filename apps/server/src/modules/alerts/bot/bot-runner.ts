import { setTimeout as sleep } from 'node:timers/promises';
import type { Update } from 'grammy/types';
import type { AppContext } from '../../../context';
import { loggableError, webhookSecretOf } from './bot-secrets';
import { createTelegramBot, LONG_POLL_SECONDS } from './telegram-bot';

// The bot's life in its process (the `bot` role, or embedded mode with a token): long polling by default,
// or Telegram posting updates to a webhook (telegram.mode=webhook). Either way it sets its command menu at
// start and keeps trying, with backoff, while the Bot API cannot be reached: an outage of Telegram must not
// take the process down.

export interface RunningTelegramBot {
  readonly mode: 'polling' | 'webhook';
  /** Resolves once the bot has its commands set and receives updates (the first time). */
  readonly ready: Promise<void>;
  /** What Telegram must send in X-Telegram-Bot-Api-Secret-Token (webhook mode). */
  readonly webhookSecret: string;
  /** Webhook mode: handles one update Telegram posted; never throws (a failure is logged, not retried). */
  handleUpdate(update: Update): Promise<void>;
  /** Stops taking updates and waits for those being answered. */
  stop(): Promise<void>;
}

/** Only messages carry commands; asking for nothing else keeps Telegram from sending the rest. */
const ALLOWED_UPDATES = ['message'] as const;
const MAX_RETRY_MS = 60_000;

export function startTelegramBot(ctx: AppContext): RunningTelegramBot {
  const { botToken, mode, webhookUrl } = ctx.config.telegram;
  if (!botToken) throw new Error('the Telegram bot needs telegram.botToken (MARKETLENS_TELEGRAM__BOT_TOKEN)');
  if (mode === 'webhook' && !webhookUrl) {
    throw new Error(
      'telegram.mode is webhook but telegram.webhookUrl is empty: set MARKETLENS_TELEGRAM__WEBHOOK_URL to the public HTTPS URL of POST /telegram/webhook',
    );
  }
  const { bot, commands } = createTelegramBot(ctx);
  const log = ctx.log.child({ component: 'telegram-bot', mode });
  const webhookSecret = webhookSecretOf(botToken);
  const stopping = new AbortController();
  const inFlight = new Set<Promise<void>>();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  bot.catch((err) => log.error({ err: loggableError(err.error, botToken) }, 'telegram bot failed to answer an update'));

  const setUp = async () => {
    await bot.api.setMyCommands(commands.map((c) => ({ command: c.command, description: c.description })));
    markReady();
    log.info({ username: bot.botInfo.username }, `telegram bot @${bot.botInfo.username} receiving updates by ${mode}`);
  };

  /** Runs `attempt` until it ends normally or the bot stops, waiting longer after each failure. */
  const keepTrying = async (what: string, attempt: () => Promise<void>) => {
    for (let failures = 0; !stopping.signal.aborted; failures += 1) {
      try {
        await attempt();
        return;
      } catch (err) {
        if (stopping.signal.aborted) return;
        const waitMs = Math.min(MAX_RETRY_MS, 1000 * 2 ** failures);
        log.error({ err: loggableError(err, botToken), retryInMs: waitMs }, `telegram bot ${what} failed`);
        await sleep(waitMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      }
    }
  };

  const running =
    mode === 'polling'
      ? // bot.start() removes any webhook first and resolves when stopped; it rejects on 401 (bad token) and on
        // 409 (another process polls with this token). Network failures it retries by itself.
        keepTrying('long polling', () =>
          bot.start({
            drop_pending_updates: false,
            allowed_updates: ALLOWED_UPDATES,
            timeout: LONG_POLL_SECONDS,
            onStart: setUp,
          }),
        )
      : keepTrying('webhook set-up', async () => {
          await bot.init();
          await bot.api.setWebhook(webhookUrl, {
            secret_token: webhookSecret,
            drop_pending_updates: false,
            allowed_updates: ALLOWED_UPDATES,
          });
          await setUp();
        });

  return {
    mode,
    ready,
    webhookSecret,
    async handleUpdate(update) {
      const handling = bot
        .init()
        .then(() => bot.handleUpdate(update))
        .catch((err: unknown) => {
          // BotError wraps what the middleware threw (a reply that could not be sent ...).
          const cause = err instanceof Error && 'error' in err ? (err as { error: unknown }).error : err;
          log.error({ err: loggableError(cause, botToken) }, 'telegram bot failed to answer an update');
        });
      inFlight.add(handling);
      await handling.finally(() => inFlight.delete(handling));
    },
    async stop() {
      stopping.abort();
      // Webhook mode keeps its webhook: Telegram holds the updates that arrive meanwhile for the next start.
      if (bot.isRunning())
        await bot.stop().catch((err: unknown) => log.warn({ err: loggableError(err, botToken) }, 'telegram bot stop'));
      await running;
      await Promise.all(inFlight);
    },
  };
}
