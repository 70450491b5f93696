import { errorResponseSchema } from '@marketlens/contracts';

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 429;

/** Declares the `{ error }` body for each listed status, so OpenAPI documents every answer a route gives. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S, typeof errorResponseSchema> {
  return Object.fromEntries(statuses.map((s) => [s, errorResponseSchema])) as Record<S, typeof errorResponseSchema>;
}
