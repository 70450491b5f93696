// Etherscan answers HTTP 200 for almost everything and puts the outcome in `status` ("1" ok, "0" not) with the
// details in `message` and `result`. These are the readings of a status-0 answer (see fixtures/README.md).

export interface EtherscanAnswer {
  status?: string;
  message?: string;
  result?: unknown;
}

export const ANSWER_KINDS = {
  ok: 'ok',
  /** "No transactions found" / "No records found": an empty list, not a failure. */
  empty: 'empty',
  /** "Max rate limit reached" (per-second or daily): worth another try after a pause. */
  rateLimit: 'rate-limit',
  /** An API Pro endpoint refused to a free key: a free variant may still answer. */
  proOnly: 'pro-only',
  /** "Invalid API Key", "Missing/Invalid API Key": no request can succeed until the key changes. */
  invalidKey: 'invalid-key',
  error: 'error',
} as const;

export type EtherscanOutcome =
  | { kind: typeof ANSWER_KINDS.ok; result: unknown }
  | { kind: Exclude<(typeof ANSWER_KINDS)[keyof typeof ANSWER_KINDS], 'ok'>; words: string };

const NOTHING_FOUND = /^no (transactions|records|token transfers?) found/i;
const RATE_LIMIT = /rate limit/i;
const PRO_ONLY = /api pro|pro endpoint|upgrade/i;
const KEY_PROBLEM = /api ?key/i;

export function readAnswer(body: unknown): EtherscanOutcome {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: ANSWER_KINDS.error, words: `not an Etherscan answer: ${String(body).slice(0, 200)}` };
  }
  const answer = body as EtherscanAnswer;
  if (answer.status === '1') return { kind: ANSWER_KINDS.ok, result: answer.result };
  const message = typeof answer.message === 'string' ? answer.message : '';
  const result = typeof answer.result === 'string' ? answer.result : '';
  if (NOTHING_FOUND.test(message)) return { kind: ANSWER_KINDS.empty, words: message };
  const words =
    result === '' ? message || 'no reason given' : message && message !== 'NOTOK' ? `${message}: ${result}` : result;
  if (RATE_LIMIT.test(result) || RATE_LIMIT.test(message)) return { kind: ANSWER_KINDS.rateLimit, words };
  if (PRO_ONLY.test(result)) return { kind: ANSWER_KINDS.proOnly, words };
  if (KEY_PROBLEM.test(result) || KEY_PROBLEM.test(message)) return { kind: ANSWER_KINDS.invalidKey, words };
  return { kind: ANSWER_KINDS.error, words };
}
