import { Bot, type CommandContext, type Context } from 'grammy';
import type { AppContext } from '../../../context';
import { callTimeout } from './bot-api-timeout';
import type { BotCommand } from './bot-command';
import { botCommands } from './bot-commands';
import { answerForError } from './bot-errors';
import { esc } from './bot-text';
import { findLinkedChat, mayRead, NOT_LINKED, type LinkedChat } from './linked-chat';
import { answerStart } from './start.command';

// The bot's conversation: /start for everyone, the guard, then the commands of linked chats. Replies only:
// notifications are sent by the worker's dispatcher, never from here.

/** Seconds a getUpdates long poll waits for updates; the client's timeout is this plus telegram.timeoutMs. */
export const LONG_POLL_SECONDS = 30;

type BotContext = Context & { linkedChat?: LinkedChat };

const NOT_ALLOWED = "Your account's role does not allow this command.";
const UNKNOWN = 'I do not know that one. Send /help to see what I answer.';

async function reply(c: BotContext, markdown: string): Promise<void> {
  await c.reply(markdown, { parse_mode: 'MarkdownV2', link_preview_options: { is_disabled: true } });
}

function runCommand(ctx: AppContext, command: BotCommand) {
  return async (c: CommandContext<BotContext>) => {
    const chat = c.linkedChat;
    if (!chat) return reply(c, esc(NOT_LINKED));
    if (!mayRead(chat.role, command.role)) return reply(c, esc(NOT_ALLOWED));
    let answer: string;
    try {
      answer = await command.answer(ctx, chat, c.match);
    } catch (err) {
      answer = esc(answerForError(err, ctx.log, ctx.config.telegram.botToken));
    }
    await reply(c, answer);
  };
}

/** A grammY bot for the configured token and Bot API, with every command installed (not started). */
export function createTelegramBot(ctx: AppContext): { bot: Bot<BotContext>; commands: readonly BotCommand[] } {
  const { botToken, apiRoot, timeoutMs } = ctx.config.telegram;
  const bot = new Bot<BotContext>(botToken, {
    client: {
      apiRoot: apiRoot.replace(/\/+$/, ''),
      timeoutSeconds: LONG_POLL_SECONDS + Math.ceil(timeoutMs / 1000),
    },
  });
  bot.api.config.use(callTimeout(timeoutMs));
  const commands = botCommands();

  bot.command('start', async (c) => {
    const chat = { chatId: String(c.chat.id), ...(c.from?.username ? { username: c.from.username } : {}) };
    let answer: string;
    try {
      answer = await answerStart(ctx, chat, c.match);
    } catch (err) {
      answer = esc(answerForError(err, ctx.log, botToken));
    }
    await reply(c, answer);
  });
  // The guard: a chat nobody linked, or whose user is disabled, gets the refusal and nothing else.
  bot.on('message', async (c, next) => {
    let chat: LinkedChat | undefined;
    try {
      chat = await findLinkedChat(ctx, String(c.chat.id));
    } catch (err) {
      return reply(c, esc(answerForError(err, ctx.log, botToken)));
    }
    if (!chat) return reply(c, esc(NOT_LINKED));
    c.linkedChat = chat;
    await next();
  });
  for (const command of commands) bot.command(command.command, runCommand(ctx, command));
  bot.on('message', (c) => reply(c, esc(UNKNOWN)));
  return { bot, commands };
}
