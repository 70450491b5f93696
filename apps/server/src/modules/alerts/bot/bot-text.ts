import { boldMarkdownV2, escapeMarkdownV2 } from '../../../notify/channels/markdown-v2';
import { BotAnswerError } from './bot-answer.error';

// Small pieces every reply is made of. Replies are MarkdownV2: data goes through esc() or bold() only, so a
// symbol like "BTC-USD" or a price like "0.5" can never be read as markup (Telegram refuses such a message).

export const esc = escapeMarkdownV2;
export const bold = boldMarkdownV2;

/** Lines of MarkdownV2, leaving out the empty ones. */
export const lines = (...parts: Array<string | false | undefined>): string =>
  parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');

/** Up to 6 significant digits, no exponent for everyday prices. */
export function formatNumber(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return 'n/a';
  return Number(x.toPrecision(6)).toString();
}

export const formatPercent = (p: number): string => `${Math.round(p * 100)}%`;

/** "2026-12-04 09:30 UTC". */
export function formatUtc(at: string | Date): string {
  const iso = (typeof at === 'string' ? new Date(at) : at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** A duration for people: "45 s", "12 min", "3.5 h", "2 d". */
export function formatAge(seconds: number): string {
  if (!Number.isFinite(seconds)) return 'never';
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  if (seconds < 36 * 3600) return `${Number((seconds / 3600).toFixed(1))} h`;
  return `${Math.round(seconds / 86_400)} d`;
}

/** The words of a command's arguments. */
export const words = (args: string): string[] => args.trim().split(/\s+/).filter(Boolean);

/** An optional whole number within [min, max]; anything else is answered with the range. */
export function parseCount(
  args: string,
  options: { fallback: number; min: number; max: number; what: string },
): number {
  const [first, ...rest] = words(args);
  if (first === undefined) return options.fallback;
  const n = Number(first);
  if (rest.length > 0 || !/^\d+$/.test(first) || n < options.min || n > options.max) {
    throw new BotAnswerError(`${options.what} must be a whole number from ${options.min} to ${options.max}.`);
  }
  return n;
}

const SYMBOL = /^[A-Za-z0-9^._=-]{1,32}$/;

/** A symbol as the instruments store it (upper case), or the usage of the command. */
export function parseSymbol(text: string | undefined, usage: string): string {
  if (text === undefined || text === '') throw new BotAnswerError(`Name a symbol: ${usage}`);
  if (!SYMBOL.test(text)) {
    throw new BotAnswerError(`"${text}" is not a symbol: letters, digits and ^ . _ = - only, up to 32.`);
  }
  return text.toUpperCase();
}
