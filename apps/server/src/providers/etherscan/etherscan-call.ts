import type { HttpFetcher } from '../http/http-fetcher';
import { ProviderError } from '../http/provider.error';
import { backoffDelay } from '../http/retry-policy';
import type { Sleep } from '../http/token-bucket';
import type { QuotaState } from '../social/social-post';
import { ANSWER_KINDS, readAnswer, type EtherscanOutcome } from './etherscan-answer';

export interface EtherscanCallOptions {
  fetcher: HttpFetcher;
  apiKey: string;
  baseUrl: string;
  chainId: number;
  requestsPerSecond: number;
  /** Extra attempts after "Max rate limit reached" (HTTP retries are the fetcher's). */
  retries: number;
  clock: () => number;
  sleep: Sleep;
  random: () => number;
}

/** One Etherscan API call, answered ok, empty or pro-only; every other refusal throws in words. */
export type EtherscanCall = (
  params: Record<string, string>,
  signal?: AbortSignal,
) => Promise<Exclude<EtherscanOutcome, { kind: 'rate-limit' | 'invalid-key' | 'error' }>>;

export interface EtherscanCaller {
  call: EtherscanCall;
  /** Logical calls made (a rate-limit retry counts again: it is another request against the key's quota). */
  requests(): number;
  quota(): QuotaState;
}

/**
 * Sends calls and reads Etherscan's status-0 answers. A rate-limit answer comes with HTTP 200, so the fetcher
 * cannot see it: it is retried here, with the same backoff. The key is a query parameter: URLs in errors are
 * redacted by ProviderError, and Etherscan's own words are scrubbed of the key in case it ever echoes it.
 */
export function createEtherscanCaller(options: EtherscanCallOptions): EtherscanCaller {
  let requests = 0;
  let limitedUntil: number | null = null;
  const scrub = (words: string) => (options.apiKey ? words.split(options.apiKey).join('REDACTED') : words);

  const call: EtherscanCall = async (params, signal) => {
    const query = new URLSearchParams({ chainid: String(options.chainId), ...params, apikey: options.apiKey });
    const url = `${options.baseUrl.replace(/\/$/, '')}/v2/api?${query.toString()}`;
    for (let attempt = 1; ; attempt++) {
      requests++;
      const outcome = readAnswer(await options.fetcher.getJson<unknown>(url, signal));
      const fields = { provider: 'etherscan', url, attempts: attempt };
      if (outcome.kind === ANSWER_KINDS.rateLimit) {
        limitedUntil = options.clock() + 1000;
        if (attempt > options.retries) {
          throw new ProviderError(
            `rate limit reached (${scrub(outcome.words)}), gave up after ${attempt} attempts`,
            fields,
          );
        }
        await options.sleep(backoffDelay(attempt, 1000, 30_000, options.random), signal);
        continue;
      }
      limitedUntil = null;
      if (outcome.kind === ANSWER_KINDS.invalidKey) {
        throw new ProviderError(
          `the API key was refused (${scrub(outcome.words)}): set MARKETLENS_PROVIDERS__ETHERSCAN__API_KEY to a key from etherscan.io`,
          fields,
        );
      }
      if (outcome.kind === ANSWER_KINDS.error) {
        throw new ProviderError(`${params.module}/${params.action} refused: ${scrub(outcome.words)}`, fields);
      }
      return outcome;
    }
  };

  return {
    call,
    requests: () => requests,
    // Etherscan sends no rate headers: the configured per-second rate, and 0 left for a second after a refusal.
    quota: () =>
      limitedUntil !== null && limitedUntil > options.clock()
        ? { limit: options.requestsPerSecond, remaining: 0, resetAt: limitedUntil }
        : { limit: options.requestsPerSecond, remaining: null, resetAt: null },
  };
}
