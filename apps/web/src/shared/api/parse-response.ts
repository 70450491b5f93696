import { errorResponseSchema } from '@marketlens/contracts';
import { ApiError } from './api-error';
import type { RawResponse } from './raw-response';

/** What we need of a zod schema; keeps zod itself out of web's direct dependencies. */
export interface Schema<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: Issue[] } };
}
interface Issue {
  path: PropertyKey[];
  message: string;
}

const STATUS_WORDS: Record<number, string> = {
  404: 'The requested resource was not found',
  413: 'The upload is larger than the server accepts',
  429: 'Too many requests; wait a moment and try again',
  500: 'The server failed while handling the request',
  502: 'The server is unreachable (bad gateway); it may be restarting',
  503: 'The server is unavailable; it may be starting or overloaded',
  504: 'The server took too long to answer (gateway timeout)',
};

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === '') return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Turns a non-2xx answer into an ApiError: the API's own words when it sent its error shape, else the status in words. */
export function toApiError(raw: RawResponse): ApiError {
  const json = parseJson(raw.body);
  if (json.ok) {
    const parsed = errorResponseSchema.safeParse(json.value);
    if (parsed.success) {
      const { code, message, details } = parsed.data.error;
      return new ApiError(raw.status, code, message, details);
    }
  }
  const words = STATUS_WORDS[raw.status] ?? `The server answered with an unexpected error`;
  const statusText = raw.statusText ? ` ${raw.statusText}` : '';
  return new ApiError(raw.status, `HTTP_${raw.status}`, `${words} (HTTP ${raw.status}${statusText}).`);
}

/** For endpoints that answer 204 No Content (DELETE): the empty body reads as null. */
export const noContentSchema: Schema<null> = {
  safeParse: (data) =>
    data === null
      ? { success: true, data: null }
      : { success: false, error: { issues: [{ path: [], message: 'expected no content' }] } },
};

/** Parses a 2xx answer against the contract; a mismatch is a bug between server and web, so say where. */
export function parseBody<T>(raw: RawResponse, schema: Schema<T>, what: string): T {
  const json = raw.status === 204 ? { ok: true as const, value: null } : parseJson(raw.body);
  if (!json.ok) {
    throw new ApiError(raw.status, 'BAD_RESPONSE', `The server sent a response that is not JSON for ${what}.`);
  }
  const parsed = schema.safeParse(json.value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.map(String).join('.')}` : '';
  throw new ApiError(
    raw.status,
    'BAD_RESPONSE',
    `The server's response for ${what} does not match the expected shape${where}: ${issue?.message ?? 'invalid'}.`,
    parsed.error.issues,
  );
}
