import { usageOf, type BotCommand } from './bot-command';
import { bold, esc, lines } from './bot-text';

/** /help: every command the chat's user may send, with its arguments. */
export function helpCommand(commands: () => readonly BotCommand[]): BotCommand {
  return {
    command: 'help',
    usage: '',
    description: 'What I answer',
    role: 'viewer',
    async answer() {
      return lines(
        bold('MarketLens bot'),
        ...commands().map((c) => `${esc(usageOf(c))} ${esc('-')} ${esc(c.description)}`),
      );
    },
  };
}
