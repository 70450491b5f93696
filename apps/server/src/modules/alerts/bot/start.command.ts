import type { AppContext } from '../../../context';
import { linkTelegramChat, type LinkTelegramResult } from '../telegram-link.service';
import { bold, esc, lines } from './bot-text';
import { findLinkedChat, linkedChatOfChannel, NOT_LINKED } from './linked-chat';

// /start: the one command an unlinked chat may send. The web app's "Link Telegram" opens
// t.me/<bot>?start=<code>, which makes Telegram send "/start <code>"; the code links this chat to its user.

const HOW_TO_LINK =
  'Hello! I send MarketLens signals and alerts to linked chats. To link this one, open Alerts in the MarketLens ' +
  'web app, choose "Link Telegram" and follow the link it shows (or send me /start with the code it shows).';

const REFUSED: Record<Extract<LinkTelegramResult, { ok: false }>['reason'], string> = {
  unknown: 'That link code is not one MarketLens gave out. Get a fresh link on the Alerts page of the web app.',
  expired: 'That link code has expired (codes last 10 minutes). Get a fresh link on the Alerts page of the web app.',
  used: 'That link code was already used: each code links one chat, once. Get a fresh link on the Alerts page.',
};

/** Telegram's deep-link start parameter is at most 64 characters; anything longer is no code of ours. */
const MAX_CODE_LENGTH = 64;

export async function answerStart(
  ctx: AppContext,
  chat: { chatId: string; username?: string },
  args: string,
): Promise<string> {
  const code = args.trim();
  if (code === '') {
    const linked = await findLinkedChat(ctx, chat.chatId);
    if (!linked) return esc(HOW_TO_LINK);
    return esc(`This chat is linked to ${linked.email}. Send /help to see what I answer.`);
  }
  const result: LinkTelegramResult =
    code.length > MAX_CODE_LENGTH || /\s/.test(code)
      ? { ok: false, reason: 'unknown' }
      : await linkTelegramChat(ctx, code, chat);
  if (!result.ok) return esc(REFUSED[result.reason]);
  const linked = await linkedChatOfChannel(ctx, chat.chatId, result.channelId);
  // The code's user was disabled since they asked for it: linked, but answered like any unlinked chat.
  if (!linked) return esc(NOT_LINKED);
  return lines(
    `${esc('Linked: this chat now belongs to')} ${bold(linked.email)}${esc('.')}`,
    esc('Subscribe with /subscribe SYMBOL (or a strategy name); /help lists everything I answer.'),
  );
}
