import type { BotCommand } from './bot-command';
import { helpCommand } from './help.command';
import { forecastCommand, regimeCommand } from './market.commands';
import { muteCommand, unmuteCommand } from './mute.commands';
import { signalsCommand } from './signals.command';
import { statusCommand } from './status.command';
import { listCommand, subscribeCommand, unsubscribeCommand } from './subscribe.commands';

/** Every command of a linked chat, in the order /help and Telegram's menu show them (/start is apart). */
export function botCommands(): readonly BotCommand[] {
  const commands: BotCommand[] = [];
  commands.push(
    helpCommand(() => commands),
    statusCommand,
    signalsCommand,
    subscribeCommand,
    unsubscribeCommand,
    listCommand,
    regimeCommand,
    forecastCommand,
    muteCommand,
    unmuteCommand,
  );
  return commands;
}
