import { strategyProblemSchema, type StrategyProblem } from '@marketlens/contracts';
import { ApiError, errorMessage } from '../../../shared/api/api-error';
import { validationProblems } from '../../../shared/api/validation-words';

/** The backtest and live forms' labels for the request fields the server may object to. */
export const REQUEST_FIELD_LABELS: Readonly<Record<string, string>> = {
  symbol: 'Instrument',
  timeframe: 'Timeframe',
  from: 'From',
  to: 'To',
  lookAheadCuts: 'Look-ahead cut points',
  version: 'Version',
};

const problemList = strategyProblemSchema.array();

/** A refused save's problems (400 INVALID_STRATEGY carries each with its path and rule column), else none. */
export function strategyProblemsOf(error: unknown): StrategyProblem[] {
  if (!(error instanceof ApiError) || error.code !== 'INVALID_STRATEGY') return [];
  const parsed = problemList.safeParse(error.details);
  return parsed.success ? parsed.data : [];
}

/** An API refusal in words: the server's message, or one sentence per invalid field of the request. */
export function describeSignalsError(error: unknown): { message: string; details: string[] } {
  if (!(error instanceof ApiError)) return { message: errorMessage(error), details: [] };
  const [first, ...rest] = validationProblems(error, REQUEST_FIELD_LABELS);
  if (first) return { message: first, details: rest };
  const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return { message: /[.!?]$/.test(message) ? message : `${message}.`, details: [] };
}
