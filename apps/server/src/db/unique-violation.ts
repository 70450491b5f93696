/** PostgreSQL (and PGlite) report a unique-index violation as SQLSTATE 23505; drizzle wraps it in `cause`. */
export function isUniqueViolation(err: unknown): boolean {
  for (let e: unknown = err; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ((e as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
