/** What an Alpha Vantage refusal means for the caller. */
export const REFUSAL_KINDS = {
  /** `Note` or `Information` about call frequency or the daily limit: nothing more is spent today. */
  limit: 'limit',
  /** The endpoint or parameter needs a premium key: a free variant may still answer. */
  premium: 'premium',
  /** The key is missing, invalid or the demo key: no request can succeed until it is changed. */
  invalidKey: 'invalid-key',
  /** `Error Message` about the call itself; with well-formed calls, the symbol is unknown. */
  invalidCall: 'invalid-call',
} as const;
export type RefusalKind = (typeof REFUSAL_KINDS)[keyof typeof REFUSAL_KINDS];

/** Alpha Vantage answered 200 with a refusal (`Note`, `Information` or `Error Message`) instead of data. */
export class AlphaVantageRefusalError extends Error {
  override readonly name = 'AlphaVantageRefusalError';

  constructor(
    readonly kind: RefusalKind,
    /** Alpha Vantage's own words. */
    readonly answer: string,
    readonly symbol: string,
    readonly dataset: string,
  ) {
    super(`alphavantage refused ${dataset} of ${symbol} (${kind}): ${answer}`);
  }
}

/** The day's request budget is spent (or the provider said so): the request was not sent. */
export class QuotaSpentError extends Error {
  override readonly name = 'QuotaSpentError';

  constructor(
    readonly provider: string,
    readonly day: string,
    readonly used: number,
    readonly quota: number,
    /** The limit answer that ended the day early; null when the count reached the quota. */
    readonly exhaustedReason: string | null,
  ) {
    super(
      exhaustedReason
        ? `${provider}: no requests left on ${day}: ${exhaustedReason}`
        : `${provider}: daily quota of ${quota} requests used on ${day}`,
    );
  }
}
