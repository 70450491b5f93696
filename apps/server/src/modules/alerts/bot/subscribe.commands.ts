import type { StrategySummary, Subscription } from '@marketlens/contracts';
import type { AppContext } from '../../../context';
import { HttpError } from '../../../http/http-errors';
import { getInstrumentInfo } from '../../instruments/instruments.service';
import { listStrategySummaries } from '../../signals/strategies.service';
import { ownRule } from '../alert-rules.service';
import { createSubscription, deleteSubscription, listOwnSubscriptions } from '../subscriptions.service';
import { BotAnswerError } from './bot-answer.error';
import type { BotCommand } from './bot-command';
import { explained } from './bot-errors';
import { bold, esc, formatUtc, lines, parseSymbol, words } from './bot-text';
import type { LinkedChat } from './linked-chat';
import { strategyNames } from './signals.command';

// /subscribe, /unsubscribe, /list: the subscriptions of this chat's channel (the Alerts page shows the same).
// A subscription is to a symbol's signals or to a strategy's signals (every symbol it runs on).

const SUBSCRIBE_USAGE = '/subscribe SYMBOL, /subscribe SYMBOL strategy-name or /subscribe strategy-name';

async function findStrategy(ctx: AppContext, name: string): Promise<StrategySummary | undefined> {
  const strategies = await listStrategySummaries(ctx, { archived: 'exclude', limit: 500 });
  return strategies.find((s) => s.name.toLowerCase() === name.toLowerCase());
}

async function requireStrategy(ctx: AppContext, name: string): Promise<StrategySummary> {
  const strategy = await findStrategy(ctx, name);
  if (!strategy) throw new BotAnswerError(`I know no active strategy called "${name}".`);
  return strategy;
}

const instrumentOf = (ctx: AppContext, symbol: string) =>
  explained(getInstrumentInfo(ctx, symbol), { INSTRUMENT_NOT_FOUND: `I know no symbol ${symbol}.` });

/** The instrument, or undefined when there is none of that symbol (other failures are failures). */
async function findInstrument(ctx: AppContext, symbol: string) {
  try {
    return await getInstrumentInfo(ctx, symbol);
  } catch (err) {
    if (err instanceof HttpError && err.code === 'INSTRUMENT_NOT_FOUND') return undefined;
    throw err;
  }
}

type Target = { source: 'symbol'; ref: string; label: string } | { source: 'strategy'; ref: string; label: string };

const looksLikeSymbol = (text: string) => /^[A-Za-z0-9^._=-]{1,32}$/.test(text);

/** SYMBOL, SYMBOL strategy-name, or a strategy's name alone (when no symbol has that name). */
async function targetOf(ctx: AppContext, args: string): Promise<Target> {
  const [first, ...rest] = words(args);
  if (first === undefined) throw new BotAnswerError(`Say what to subscribe to: ${SUBSCRIBE_USAGE}.`);
  if (rest.length > 0) {
    await instrumentOf(ctx, parseSymbol(first, SUBSCRIBE_USAGE));
    const strategy = await requireStrategy(ctx, rest.join(' '));
    return { source: 'strategy', ref: strategy.id, label: `strategy ${strategy.name}` };
  }
  const instrument = looksLikeSymbol(first) ? await findInstrument(ctx, first.toUpperCase()) : undefined;
  if (instrument) return { source: 'symbol', ref: instrument.symbol, label: instrument.symbol };
  const strategy = await findStrategy(ctx, first);
  if (strategy) return { source: 'strategy', ref: strategy.id, label: `strategy ${strategy.name}` };
  throw new BotAnswerError(`I know no symbol or strategy called "${first}".`);
}

export const subscribeCommand: BotCommand = {
  command: 'subscribe',
  usage: 'SYMBOL [strategy]',
  description: "Send this chat a symbol's signals, or a strategy's",
  role: 'viewer',
  async answer(ctx, chat, args) {
    const target = await targetOf(ctx, args);
    const already = `This chat already gets the signals of ${target.label}.`;
    await explained(
      createSubscription(ctx, chat.userId, {
        channelId: chat.channelId,
        source: target.source,
        ref: target.ref,
        level: 'on',
        mode: 'immediate',
      }),
      { SUBSCRIPTION_EXISTS: already },
    );
    const scope = target.source === 'strategy' ? ', on every symbol it runs on' : '';
    return esc(`Subscribed: this chat gets every signal of ${target.label}${scope}. /unsubscribe stops them.`);
  },
};

async function chatSubscriptions(ctx: AppContext, chat: LinkedChat): Promise<Subscription[]> {
  return (await listOwnSubscriptions(ctx, chat.userId)).filter((s) => s.channel.id === chat.channelId);
}

export const unsubscribeCommand: BotCommand = {
  command: 'unsubscribe',
  usage: 'SYMBOL|strategy',
  description: 'Stop what /subscribe started',
  role: 'viewer',
  async answer(ctx, chat, args) {
    const name = words(args).join(' ');
    if (name === '') {
      throw new BotAnswerError('Say what to unsubscribe from: /unsubscribe SYMBOL or /unsubscribe strategy-name.');
    }
    const names = await strategyNames(ctx);
    const matches = (await chatSubscriptions(ctx, chat)).filter((s) =>
      s.source === 'symbol'
        ? s.ref === name.toUpperCase()
        : s.source === 'strategy' && names.get(s.ref)?.toLowerCase() === name.toLowerCase(),
    );
    if (matches.length === 0)
      throw new BotAnswerError(`This chat has no subscription to ${name}. /list shows its subscriptions.`);
    for (const s of matches) await deleteSubscription(ctx, chat.userId, s.id);
    return esc(`Unsubscribed: no more signals of ${name} in this chat.`);
  },
};

async function describeSubscription(ctx: AppContext, chat: LinkedChat, s: Subscription, names: Map<string, string>) {
  const level = s.level === 'on' ? '' : s.level === 'silent' ? ' (without sound)' : ' (off)';
  if (s.source === 'symbol') return `${esc('signals on')} ${bold(s.ref)}${esc(level)}`;
  if (s.source === 'strategy') return `${esc('signals of strategy')} ${bold(names.get(s.ref) ?? s.ref)}${esc(level)}`;
  // For the name only: a rule the user can no longer read is shown by its ref.
  const rule = await ownRule(ctx, chat.userId, s.ref).catch(() => undefined);
  return `${esc('alert rule')} ${bold(rule?.name ?? s.ref)}${esc(level)}`;
}

export const listCommand: BotCommand = {
  command: 'list',
  usage: '',
  description: "This chat's subscriptions",
  role: 'viewer',
  async answer(ctx, chat) {
    const subscriptions = await chatSubscriptions(ctx, chat);
    const until = chat.mutedUntil;
    const mutedLine =
      until !== null && until.getTime() > Date.now() && esc(`Muted until ${formatUtc(until)} (/unmute ends it).`);
    if (subscriptions.length === 0) {
      return lines(esc('This chat has no subscriptions yet: /subscribe SYMBOL adds one.'), mutedLine);
    }
    const names = await strategyNames(ctx);
    const described = await Promise.all(subscriptions.map((s) => describeSubscription(ctx, chat, s, names)));
    return lines(bold('This chat gets'), ...described.map((d) => `${esc('•')} ${d}`), mutedLine);
  },
};
