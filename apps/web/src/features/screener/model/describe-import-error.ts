import { ApiError, errorMessage } from '../../../shared/api/api-error';
import { describeFieldProblem, validationProblems } from '../../../shared/api/validation-words';
import { UNIVERSE_IMPORT_LABELS } from './check-universe-import';

interface LineProblem {
  line: number;
  reason: string;
}

const isLineProblem = (value: unknown): value is LineProblem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as LineProblem).line === 'number' &&
  typeof (value as LineProblem).reason === 'string';

/** Line 0 is the server's way of saying the whole file (it was empty), so no line is named then. */
const atLine = ({ line, reason }: LineProblem) => (line > 0 ? `Line ${line}: ${reason}` : reason);

/** "rules: minMarketCap: Too small ..." -> "Min market cap must be at least 0." */
function describeRules(message: string): string {
  const m = /^rules: (\w+): (.+)$/.exec(message);
  const label = m ? UNIVERSE_IMPORT_LABELS[m[1] as keyof typeof UNIVERSE_IMPORT_LABELS] : undefined;
  return m && label ? describeFieldProblem(label, m[2]!) : message;
}

/**
 * Why the server refused a listing, leading with the line or the field it names: a file that is not a listing
 * (LISTING_FORMAT), one with no readable company row (LISTING_EMPTY, with its first bad line), rules it
 * refuses, or a file too large.
 */
export function describeImportError(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.code === 'LISTING_FORMAT' && isLineProblem(error.details)) return atLine(error.details);
  if (error.code === 'LISTING_EMPTY') {
    const problems = (error.details as { problems?: unknown } | undefined)?.problems;
    const first = Array.isArray(problems) ? problems.find(isLineProblem) : undefined;
    return first ? `${error.message}. ${atLine(first)}` : `${error.message}.`;
  }
  if (error.code === 'INVALID_UNIVERSE_RULES') return describeRules(error.message);
  if (error.status === 413) return `The file is too large. ${error.message}.`;
  const problems = validationProblems(error, UNIVERSE_IMPORT_LABELS);
  return problems.length > 0 ? problems.join(' ') : error.message;
}
