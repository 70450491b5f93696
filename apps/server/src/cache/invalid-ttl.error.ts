/** A TTL that is not a positive whole number of seconds: a programming error, so it throws instead of being swallowed. */
export class InvalidTtlError extends Error {
  override readonly name = 'InvalidTtlError';
  constructor(
    readonly key: string,
    readonly ttlSeconds: number,
  ) {
    super(`cache TTL for key "${key}" must be a positive whole number of seconds, got ${ttlSeconds}`);
  }
}
