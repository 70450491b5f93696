import type { Role } from '@marketlens/contracts';
import type { AppContext } from '../../../context';
import type { LinkedChat } from './linked-chat';

/** One command a linked chat may send. The table of them drives dispatch, /help and setMyCommands alike. */
export interface BotCommand {
  /** Without the slash, as Telegram lists it: lower case letters, digits and underscores. */
  command: string;
  /** Its arguments as /help shows them, e.g. "SYMBOL [strategy]"; empty for none. */
  usage: string;
  /** One line for Telegram's command menu and /help. */
  description: string;
  /** The least role whose user may read what it answers (as the web app's routes declare it). */
  role: Role;
  /** The reply as MarkdownV2, every piece of data escaped; BotAnswerError for an answer in words. */
  answer(ctx: AppContext, chat: LinkedChat, args: string): Promise<string>;
}

/** "/subscribe SYMBOL [strategy]" */
export const usageOf = (c: Pick<BotCommand, 'command' | 'usage'>): string =>
  c.usage ? `/${c.command} ${c.usage}` : `/${c.command}`;
