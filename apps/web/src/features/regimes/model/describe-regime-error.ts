import { ApiError, errorMessage } from '../../../shared/api/api-error';
import { validationProblems } from '../../../shared/api/validation-words';

/** The options form's labels for the fields of a fit request (JSON body, or the CSV upload's query string). */
export const REGIME_FIELD_LABELS: Readonly<Record<string, string>> = {
  symbol: 'Symbol',
  timeframe: 'Timeframe',
  from: 'From',
  to: 'To',
  column: 'Price column',
  features: 'Features',
  states: 'Regimes (states)',
  covarianceType: 'Covariance',
  restarts: 'Restarts',
  seed: 'Seed',
};

interface FieldProblem {
  path: string;
  message: string;
}

function fieldProblems(details: unknown): FieldProblem[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d: unknown) => {
    if (typeof d !== 'object' || d === null) return [];
    const { path, message } = d as { path?: unknown; message?: unknown };
    return typeof message === 'string' ? [{ path: typeof path === 'string' ? path : '', message }] : [];
  });
}

function rowCounts(details: unknown): { required: number; received: number } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { required, received } = details as { required?: unknown; received?: unknown };
  return typeof required === 'number' && typeof received === 'number' ? { required, received } : null;
}

/**
 * A failed run in words: the server's message first, then what its details add (each invalid field,
 * or how many rows were needed), so "too few rows for K" reads as a sentence and not as a code.
 */
export function describeRegimeError(error: unknown): { message: string; details: string[] } {
  if (!(error instanceof ApiError)) return { message: errorMessage(error), details: [] };
  if (error.status === 413) return { message: `The file is too large. ${error.message}`, details: [] };
  const counts = rowCounts(error.details);
  // The server's message usually says the numbers already; add the sentence only when it does not.
  if (counts && !(error.message.includes(String(counts.required)) && error.message.includes(String(counts.received)))) {
    return {
      message: error.message,
      details: [`The fit needs at least ${counts.required} rows; the selection has ${counts.received}.`],
    };
  }
  if (counts) return { message: error.message, details: [] };
  const [first, ...rest] = validationProblems(error, REGIME_FIELD_LABELS);
  if (first) return { message: first, details: rest };
  const problems = fieldProblems(error.details)
    .map((p) => (p.path ? `${p.path}: ${p.message}` : p.message))
    .filter((line) => !error.message.includes(line));
  return { message: error.message, details: problems };
}
