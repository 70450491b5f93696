import { ProviderError } from '../http/provider.error';
import type { QuotaState } from '../social/social-post';
import { resetWords } from './x-rate-limit';

/** X's problem document (RFC 7807 style) on 4xx answers; `errors` on a 400 about the query. */
interface XProblem {
  title?: string;
  detail?: string;
  reason?: string;
  errors?: { message?: string }[];
}

const problemOf = (body: unknown): XProblem =>
  typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as XProblem) : {};

/**
 * A failed request in words an operator can act on. The bearer token travels in a header, never in the URL or
 * these messages, so nothing here can leak it.
 */
export function explainXFailure(error: unknown, quota: QuotaState, now: number): unknown {
  if (!(error instanceof ProviderError) || error.status === undefined) return error;
  const problem = problemOf(error.body);
  const fields = { provider: 'x', status: error.status, url: error.url, attempts: error.attempts, body: error.body };
  const rewrap = (message: string) => new ProviderError(message, fields, { cause: error });
  switch (error.status) {
    case 401:
      return rewrap(
        'the bearer token was refused (HTTP 401): it is missing or invalid; set MARKETLENS_PROVIDERS__X__BEARER_TOKEN to the bearer token of an X developer app',
      );
    case 403:
      return rewrap(
        `access forbidden (HTTP 403${problem.title ? `, ${problem.title}` : ''}${problem.reason ? `: ${problem.reason}` : ''}): the bearer token is invalid or its app has no access to recent search`,
      );
    case 429:
      return rewrap(`rate limit reached (HTTP 429): the 15-minute window resets ${resetWords(quota, now)}`);
    case 400: {
      const why = problem.errors?.[0]?.message ?? problem.detail ?? 'no reason given';
      return rewrap(`the search was refused (HTTP 400): ${why}`);
    }
    default:
      return error;
  }
}
