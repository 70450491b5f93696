import { Api } from 'grammy';
import type { TelegramLinkCode } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, HttpError } from '../../http/http-errors';
import { findChannelByTarget, insertChannel, relinkTelegramChannel } from './channels.store';
import { randomToken, sha256Hex } from './secret-token';
import { consumeLinkCode, insertLinkCode, linkCodeState } from './telegram-link.store';

// Linking a Telegram chat: the web app asks for a one-time code and shows a t.me deep link; the bot (its own
// role) receives `/start <code>` from the chat and calls linkTelegramChat, which turns the code into a
// verified telegram channel of the code's user.

const LINK_CODE_MINUTES = 10;

/** The bot's @username per (API root, token): asked once per process, since it never changes for a token. */
const botUsernames = new Map<string, Promise<string>>();

async function botUsername(ctx: AppContext): Promise<string> {
  const { botToken, apiRoot, timeoutMs } = ctx.config.telegram;
  if (!botToken) {
    throw new BadRequestError(
      'TELEGRAM_NOT_CONFIGURED',
      'Telegram is not configured on this server: set MARKETLENS_TELEGRAM__BOT_TOKEN to link chats',
    );
  }
  const key = `${apiRoot}\n${botToken}`;
  let known = botUsernames.get(key);
  if (!known) {
    const api = new Api(botToken, { apiRoot, timeoutSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)) });
    known = api.getMe().then((me) => me.username);
    botUsernames.set(key, known);
    // A failure is not remembered: the next request asks again.
    known.catch(() => botUsernames.delete(key));
  }
  try {
    return await known;
  } catch (err) {
    const reason = (err instanceof Error ? err.message : String(err)).replaceAll(botToken, '<token>');
    throw new HttpError(502, 'TELEGRAM_UNAVAILABLE', `Telegram did not tell the bot's name (getMe): ${reason}`);
  }
}

/** A fresh single-use code for the caller, valid for 10 minutes, with the bot's deep link. */
export async function createTelegramLinkCode(ctx: AppContext, userId: string): Promise<TelegramLinkCode> {
  const username = await botUsername(ctx);
  const code = randomToken(16);
  const expiresAt = await insertLinkCode(ctx.db.orm, userId, sha256Hex(code), LINK_CODE_MINUTES);
  return { code, link: `https://t.me/${username}?start=${code}`, expiresAt: expiresAt.toISOString() };
}

export type LinkTelegramResult =
  | { ok: true; userId: string; channelId: string; created: boolean }
  | { ok: false; reason: 'unknown' | 'expired' | 'used' };

/**
 * `/start <code>` from a chat: uses the code (once, atomically) and gives its user a verified telegram channel
 * for the chat, or reuses the one that user already has for it. A refused code changes nothing.
 */
export async function linkTelegramChat(
  ctx: AppContext,
  code: string,
  chat: { chatId: string; username?: string },
): Promise<LinkTelegramResult> {
  const codeHash = sha256Hex(code.trim());
  return ctx.db.orm.transaction(async (tx): Promise<LinkTelegramResult> => {
    const userId = await consumeLinkCode(tx, codeHash);
    if (!userId) return { ok: false, reason: (await linkCodeState(tx, codeHash)) ?? 'unknown' };
    const target = { chatId: chat.chatId, ...(chat.username ? { username: chat.username } : {}) };
    const label = chat.username ? `@${chat.username}` : `chat ${chat.chatId}`;
    const existing = await findChannelByTarget(tx, userId, 'telegram', 'chatId', chat.chatId);
    if (existing) {
      await relinkTelegramChannel(tx, existing.id, target, label);
      return { ok: true, userId, channelId: existing.id, created: false };
    }
    const created = await insertChannel(tx, { userId, kind: 'telegram', label, target, verified: true });
    return { ok: true, userId, channelId: created.id, created: true };
  });
}
