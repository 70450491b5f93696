/**
 * Errors a route may throw on purpose. The central error handler (error-handler.ts) turns them into
 * `{ error: { code, message, details? } }` with their status; anything else becomes a 500 with no details.
 */
export class HttpError extends Error {
  override readonly name: string = 'HttpError';
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class BadRequestError extends HttpError {
  override readonly name = 'BadRequestError';
  constructor(code: string, message: string, details?: unknown, options?: ErrorOptions) {
    super(400, code, message, details, options);
  }
}

export class UnauthorizedError extends HttpError {
  override readonly name = 'UnauthorizedError';
  constructor(message = 'Authentication required', code = 'UNAUTHORIZED') {
    super(401, code, message);
  }
}

export class ForbiddenError extends HttpError {
  override readonly name = 'ForbiddenError';
  constructor(message = 'Your role does not allow this', code = 'FORBIDDEN') {
    super(403, code, message);
  }
}

export class NotFoundError extends HttpError {
  override readonly name = 'NotFoundError';
  constructor(what: string, code = 'NOT_FOUND') {
    super(404, code, `${what} not found`);
  }
}

export class ConflictError extends HttpError {
  override readonly name = 'ConflictError';
  constructor(code: string, message: string) {
    super(409, code, message);
  }
}

export class PayloadTooLargeError extends HttpError {
  override readonly name = 'PayloadTooLargeError';
  constructor(limitBytes: number) {
    super(413, 'PAYLOAD_TOO_LARGE', `Upload exceeds the limit of ${formatBytes(limitBytes)}`, { limitBytes });
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(0)} kB`;
  return `${bytes} bytes`;
}
