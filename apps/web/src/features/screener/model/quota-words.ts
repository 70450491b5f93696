import type { BadgeTone } from '../../../shared/ui/badge';

export interface QuotaStatusLike {
  provider: string;
  day: string;
  used: number;
  quota: number;
  remaining: number;
  exhaustedReason: string | null;
  configured: boolean;
}

const PROVIDER_NAMES: Readonly<Record<string, string>> = { alphavantage: 'Alpha Vantage' };

/** The data budget in a few words, with a tone: fine, running low (a fifth or less), or spent for the day. */
export function quotaWords(status: QuotaStatusLike): { text: string; tone: BadgeTone; title: string } {
  const name = PROVIDER_NAMES[status.provider] ?? status.provider;
  if (!status.configured) {
    return {
      text: `${name}: no API key`,
      tone: 'neutral',
      title: `No ${name} key is set: prices come from Yahoo and no request is spent.`,
    };
  }
  const day = `budget day ${status.day}`;
  if (status.exhaustedReason !== null) {
    return {
      text: `${name}: limit reached`,
      tone: 'danger',
      title: `${name} answered with its limit (${status.exhaustedReason}); nothing more is spent on ${day}.`,
    };
  }
  const text = `${name}: ${status.remaining} of ${status.quota} requests left`;
  const title = `${status.used} used on ${day}; fresh data is never fetched twice.`;
  if (status.remaining <= 0) return { text, tone: 'danger', title };
  return { text, tone: status.remaining <= status.quota / 5 ? 'warning' : 'success', title };
}
