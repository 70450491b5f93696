import { MAX_HORIZON, MIN_HORIZON } from '@marketlens/contracts';
import { ApiError, errorMessage } from '../../../shared/api/api-error';

function fieldProblems(details: unknown): string[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    if (typeof message !== 'string') return [];
    return [typeof path === 'string' && path ? `${path}: ${message}` : message];
  });
}

/**
 * A forecast or training failure in words: the server's message, plus each invalid field it names; a missing
 * model is not a failure of the user's, so it says what to do next.
 */
export function describeForecastError(error: unknown): { title: string; message: string; details: string[] } {
  if (!(error instanceof ApiError))
    return { title: 'Something went wrong.', message: errorMessage(error), details: [] };
  if (error.code === 'NO_MODEL') {
    return {
      title: 'No model serves this forecast yet.',
      message: 'Train a model for this instrument and horizon; the first version becomes the champion.',
      details: [],
    };
  }
  if (error.status === 400 && /\bhorizon\b/.test(error.message)) {
    // The validator's words ("Too big: expected number to be <=30") name the rule, not what to type.
    return {
      title: 'This horizon is not supported.',
      message: `The horizon must be a whole number of bars from ${MIN_HORIZON} to ${MAX_HORIZON}.`,
      details: [error.message],
    };
  }
  const title =
    error.status === 400
      ? 'The request was not accepted.'
      : error.status === 404
        ? 'Not found.'
        : error.status === 409
          ? 'The model cannot be used.'
          : 'The server could not answer.';
  const details = fieldProblems(error.details).filter((line) => !error.message.includes(line));
  const message = error.message.charAt(0).toUpperCase() + error.message.slice(1);
  return { title, message, details };
}
