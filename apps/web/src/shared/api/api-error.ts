/**
 * Every failure the UI can meet, whatever caused it (an API error answer, a proxy page, no network,
 * a response that breaks the contract), so components show `message` and never a raw body.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Words for any thrown value, for places that cannot know it is an ApiError. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
