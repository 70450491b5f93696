/** A key that is empty, absolute, or could climb out of the store (`..`), or has characters outside the set. */
export class InvalidArtifactKeyError extends Error {
  override readonly name = 'InvalidArtifactKeyError';
  constructor(
    readonly key: string,
    readonly reason: string,
  ) {
    super(`invalid artifact key ${JSON.stringify(key)}: ${reason}`);
  }
}

export class ArtifactNotFoundError extends Error {
  override readonly name = 'ArtifactNotFoundError';
  constructor(readonly key: string) {
    super(`artifact ${key} is not in the store`);
  }
}

/** The object store answered with an unexpected status (S3 error XML code included when there is one). */
export class ArtifactStoreError extends Error {
  override readonly name = 'ArtifactStoreError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly code: string | undefined,
    options?: ErrorOptions,
  ) {
    super(`artifact store ${operation} failed: HTTP ${status}${code ? ` ${code}` : ''}`, options);
  }
}
