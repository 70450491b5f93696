import { REFUSAL_KINDS, type RefusalKind } from './alphavantage.error';

// Alpha Vantage answers refusals with HTTP 200 and a one-key JSON object instead of data, so a status check
// sees success. These are the keys and the wording it uses (see fixtures/README.md).

export interface Refusal {
  kind: RefusalKind;
  answer: string;
}

const PREMIUM = /premium (endpoint|feature)/i;
const KEY_PROBLEM = /api ?key|apikey/i;
const DEMO_KEY = /\bdemo\b/i;

/** The refusal in an answer, or null when it carries data (an empty object is data: "nothing known"). */
export function refusalIn(body: unknown): Refusal | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { kind: REFUSAL_KINDS.invalidCall, answer: `not a JSON object: ${String(body).slice(0, 200)}` };
  }
  const answer = body as Record<string, unknown>;
  const text = (key: string) => (typeof answer[key] === 'string' ? answer[key] : null);
  const error = text('Error Message');
  if (error !== null) {
    return { kind: KEY_PROBLEM.test(error) ? REFUSAL_KINDS.invalidKey : REFUSAL_KINDS.invalidCall, answer: error };
  }
  const note = text('Note');
  if (note !== null) return { kind: REFUSAL_KINDS.limit, answer: note };
  const information = text('Information');
  if (information !== null) {
    if (PREMIUM.test(information)) return { kind: REFUSAL_KINDS.premium, answer: information };
    // "The **demo** API key is for demo purposes only ..." is a key problem, not a limit.
    if (DEMO_KEY.test(information) && KEY_PROBLEM.test(information)) {
      return { kind: REFUSAL_KINDS.invalidKey, answer: information };
    }
    // Any other Information is a limit (daily quota, per-second burst): stopping is the safe reading.
    return { kind: REFUSAL_KINDS.limit, answer: information };
  }
  return null;
}
