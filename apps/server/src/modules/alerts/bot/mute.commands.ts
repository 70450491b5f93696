import type { BotCommand } from './bot-command';
import { esc, formatUtc, parseCount } from './bot-text';
import { setChannelMutedUntil } from './telegram-chats.store';

// /mute and /unmute: notifications keep coming while muted, without sound (the dispatcher sends them with
// disable_notification until notification_channels.muted_until), so nothing is lost by muting.

/** A week: longer than that is better done by unsubscribing. */
const MAX_MUTE_MINUTES = 7 * 24 * 60;

export const muteCommand: BotCommand = {
  command: 'mute',
  usage: '[minutes]',
  description: 'Notifications without sound for a while (60 minutes unless you say)',
  role: 'viewer',
  async answer(ctx, chat, args) {
    const minutes = parseCount(args, { fallback: 60, min: 1, max: MAX_MUTE_MINUTES, what: 'Minutes' });
    const until = await setChannelMutedUntil(ctx.db.orm, chat.channelId, minutes);
    const end = until ? ` until ${formatUtc(until)}` : '';
    return esc(`Muted${end}: notifications still arrive here, without sound. /unmute ends it sooner.`);
  },
};

export const unmuteCommand: BotCommand = {
  command: 'unmute',
  usage: '',
  description: 'Notifications with sound again',
  role: 'viewer',
  async answer(ctx, chat) {
    await setChannelMutedUntil(ctx.db.orm, chat.channelId, null);
    return esc('Unmuted: notifications arrive with sound again.');
  },
};
