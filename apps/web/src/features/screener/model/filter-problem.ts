import { ApiError } from '../../../shared/api/api-error';

/** A filter or sort the server refused, with where in the text it went wrong. */
export interface FilterProblem {
  /** Which text the position points into. */
  target: 'filter' | 'sort';
  /** 0-based character offset. */
  position: number;
  expected: string;
  message: string;
}

const CODES: Readonly<Record<string, FilterProblem['target']>> = {
  INVALID_SCREEN_FILTER: 'filter',
  INVALID_SCREEN_SORT: 'sort',
};

/** The server's 400 INVALID_SCREEN_FILTER / _SORT as a problem to draw under the text; null for any other error. */
export function filterProblemOf(error: unknown): FilterProblem | null {
  if (!(error instanceof ApiError) || error.status !== 400) return null;
  const target = CODES[error.code];
  const details = error.details as { position?: unknown; expected?: unknown; found?: unknown } | undefined;
  if (!target || typeof details?.position !== 'number') return null;
  const expected = typeof details.expected === 'string' ? details.expected : '';
  const found = typeof details.found === 'string' ? `, found ${details.found}` : '';
  return {
    target,
    position: details.position,
    expected,
    message: `Column ${details.position + 1}: expected ${expected || 'something else'}${found}.`,
  };
}

/** The characters to underline for a problem at `position`: the word or number there, else one character. */
export function errorSpan(text: string, position: number): { start: number; end: number } {
  const start = Math.max(0, Math.min(position, text.length));
  if (start === text.length) return { start, end: start };
  const word = /[A-Za-z0-9_.]/;
  if (!word.test(text[start]!)) return { start, end: start + 1 };
  let end = start;
  while (end < text.length && word.test(text[end]!)) end += 1;
  return { start, end };
}

/** A mistake the shared parser found in the browser (before asking the server), in the same words. */
export function localFilterProblem(
  target: FilterProblem['target'],
  error: { position: number; expected: string; found: string; suggestion?: string },
): FilterProblem {
  const hint = error.suggestion ? ` Did you mean "${error.suggestion}"?` : '';
  return {
    target,
    position: error.position,
    expected: error.expected,
    message: `Column ${error.position + 1}: expected ${error.expected}, found ${error.found}.${hint}`,
  };
}
