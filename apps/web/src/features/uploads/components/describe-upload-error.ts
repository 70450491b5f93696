import { ApiError, errorMessage } from '../../../shared/api/api-error';
import { validationProblems } from '../../../shared/api/validation-words';

/** The upload form's labels for the fields the import request carries (path, query string). */
const FIELD_LABELS = { symbol: 'Symbol', timeframe: 'Timeframe', timezone: 'Timezone', name: 'Name', kind: 'Kind' };

function lineDetails(details: unknown): { line: number; reason: string } | null {
  if (typeof details !== 'object' || details === null) return null;
  const { line, reason } = details as { line?: unknown; reason?: unknown };
  return typeof line === 'number' && typeof reason === 'string' ? { line, reason } : null;
}

/** A fatal upload failure in words, leading with the CSV line when the server named one. */
export function describeUploadError(error: unknown): string {
  if (!(error instanceof ApiError)) return errorMessage(error);
  if (error.code === 'CSV_FORMAT') {
    const at = lineDetails(error.details);
    if (at) return `Line ${at.line}: ${at.reason}`;
  }
  if (error.status === 413) return `The file is too large. ${error.message}`;
  const problems = validationProblems(error, FIELD_LABELS);
  if (problems.length > 0) return problems.join(' ');
  return error.message;
}
