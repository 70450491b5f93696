import { ROLE_RANK, type Role } from '@marketlens/contracts';
import type { AppContext } from '../../../context';
import { findChannelLink, findChatLink, type ChatLinkRow } from './telegram-chats.store';

// Who a chat speaks for. Every command but /start answers only a chat linked to an enabled user, and only with
// what that user's role may read in the web app.

export interface LinkedChat {
  chatId: string;
  channelId: string;
  userId: string;
  email: string;
  role: Role;
  mutedUntil: Date | null;
}

/** The one answer an unlinked chat (or a disabled user's) gets, whatever it asks. */
export const NOT_LINKED =
  'This chat is not linked to an active MarketLens account, so I cannot answer it. To link it, open Alerts in ' +
  'the MarketLens web app, choose "Link Telegram" and follow the link it shows.';

const toLinkedChat = (chatId: string, row: ChatLinkRow): LinkedChat => ({ chatId, ...row });

export async function findLinkedChat(ctx: AppContext, chatId: string): Promise<LinkedChat | undefined> {
  const row = await findChatLink(ctx.db.orm, chatId);
  return row ? toLinkedChat(chatId, row) : undefined;
}

/** The chat as linked through this channel, or undefined when its user is disabled. */
export async function linkedChatOfChannel(
  ctx: AppContext,
  chatId: string,
  channelId: string,
): Promise<LinkedChat | undefined> {
  const row = await findChannelLink(ctx.db.orm, channelId);
  return row ? toLinkedChat(chatId, row) : undefined;
}

/** The user's role reaches `least` (viewer < analyst < admin). */
export const mayRead = (role: Role, least: Role): boolean => ROLE_RANK[role] >= ROLE_RANK[least];
