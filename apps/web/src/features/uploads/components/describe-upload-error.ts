import { ApiError, errorMessage } from '../../../shared/api/api-error';

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
  return error.message;
}
