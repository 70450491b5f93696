import { errorResponseSchema } from '@marketlens/contracts';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 502;

/** The `{ error }` body for each listed status, so OpenAPI documents every answer a route gives. */
export function errorAnswers<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<S, typeof errorResponseSchema>;
}
