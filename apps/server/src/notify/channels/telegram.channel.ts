import { Api, GrammyError, HttpError } from 'grammy';
import type { ChannelSender, ChannelTarget, DeliveryOutcome, Notification } from '../channel';
import { escapeMarkdownV2, linkMarkdownV2, truncateEscapedMarkdownV2 } from './markdown-v2';

// Telegram delivery: one MarkdownV2 message per notification through grammY's Api client. Telegram cannot
// deduplicate, so an unclear outcome (timeout, connection lost after sending) is retried and may deliver
// twice; the dispatcher's one-send-at-a-time loop keeps that to one duplicate per crash.

export interface TelegramSenderOptions {
  token: string;
  /** https://api.telegram.org, or the local imitation in tests. */
  apiRoot?: string;
  /** Whole request; a send that takes longer is retried. */
  timeoutMs: number;
}

type TelegramTarget = Extract<ChannelTarget, { kind: 'telegram' }>;
/** grammY types signals as its abort-controller polyfill's class; Node's own AbortSignal is what it handles at run time. */
type GrammySignal = Parameters<Api['sendMessage']>[3];

/** Telegram's limit on a message's text. */
export const TELEGRAM_MAX_TEXT = 4096;
/** A title longer than this is cut: the body and the link matter more than the rest of a runaway title. */
const MAX_TITLE = 256;
const LINK_TEXT = 'Open in MarketLens';

export function createTelegramSender(options: TelegramSenderOptions): ChannelSender<'telegram'> {
  const api = new Api(options.token, {
    apiRoot: (options.apiRoot ?? 'https://api.telegram.org').replace(/\/+$/, ''),
    timeoutSeconds: options.timeoutMs / 1000,
  });
  return {
    kind: 'telegram',
    async send(target: TelegramTarget, notification: Notification, signal?: AbortSignal): Promise<DeliveryOutcome> {
      try {
        const message = await api.sendMessage(
          target.chatId,
          renderTelegramMessage(notification),
          {
            parse_mode: 'MarkdownV2',
            disable_notification: notification.silent,
            link_preview_options: { is_disabled: true },
          },
          signal as GrammySignal,
        );
        return { status: 'sent', detail: `message ${message.message_id}` };
      } catch (error) {
        return outcomeOf(error, options.token, signal);
      }
    },
  };
}

/**
 * The message as MarkdownV2: the title in bold, the lines, then a link to the app. Kept within Telegram's
 * limit by cutting the lines (whole escape sequences only), never the markup around them.
 */
export function renderTelegramMessage(notification: Notification): string {
  const title = boldTitle(notification.title);
  const link = notification.url ? linkMarkdownV2(LINK_TEXT, notification.url) : '';
  // A link too long to fit beside the title is dropped rather than cut: half a URL leads nowhere.
  const shownLink = link && title.length + 1 + link.length <= TELEGRAM_MAX_TEXT ? link : '';
  const room = TELEGRAM_MAX_TEXT - title.length - 1 - (shownLink ? shownLink.length + 1 : 0);
  const body = truncateEscapedMarkdownV2(escapeMarkdownV2(notification.lines.join('\n')), room);
  return [title, body, shownLink].filter((part) => part !== '').join('\n');
}

function boldTitle(title: string): string {
  return `*${truncateEscapedMarkdownV2(escapeMarkdownV2(title), MAX_TITLE)}*`;
}

/**
 * Telegram's answer as a delivery outcome: 429 and 5xx say "later" (429 says exactly when), other API errors
 * (400 bad request, 401 bad token, 403 blocked by the user) will not change on retry. A network failure or
 * timeout is retried: the message may or may not have arrived, and Telegram cannot tell us which.
 */
function outcomeOf(error: unknown, token: string, signal: AbortSignal | undefined): DeliveryOutcome {
  if (error instanceof GrammyError) {
    const summary = `Telegram answered ${error.error_code}: ${error.description}`;
    if (error.error_code === 429) {
      const retryAfter = error.parameters.retry_after;
      return retryAfter === undefined
        ? { status: 'retry', error: summary }
        : { status: 'retry', error: summary, retryAfterMs: retryAfter * 1000 };
    }
    if (error.error_code >= 500) return { status: 'retry', error: summary };
    return { status: 'failed', error: summary };
  }
  if (signal?.aborted) return { status: 'retry', error: 'Telegram send cancelled' };
  const cause = error instanceof HttpError ? error.error : error;
  const reason = cause instanceof Error ? cause.message : String(cause);
  // The underlying fetch error quotes the request URL, which carries the bot token.
  return { status: 'retry', error: `Telegram request failed: ${reason.replaceAll(token, '<token>')}` };
}
