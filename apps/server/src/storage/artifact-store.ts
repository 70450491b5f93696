/** What a stored object is: where it lives and the fingerprint the registry keeps to verify it later. */
export interface StoredArtifact {
  /** file:///abs/path or s3://bucket/key: shown to users, never dereferenced by clients. */
  uri: string;
  sizeBytes: number;
  /** Hex SHA-256 of the bytes as written. */
  sha256: string;
}

/**
 * Where run artifacts (model JSON, reports) live: a local folder by default, S3-compatible object storage when
 * configured (create-artifact-store.ts picks one at start-up). Keys are `/`-separated segments of
 * [A-Za-z0-9._-] (see artifact-key.ts); a put replaces any object with the same key.
 */
export interface ArtifactStore {
  readonly kind: 'local' | 's3';
  put(key: string, body: Buffer | string, contentType: string): Promise<StoredArtifact>;
  /** The object's bytes; ArtifactNotFoundError when there is none. */
  get(key: string): Promise<Buffer>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** Throws when the store cannot be reached (used by readiness). */
  ping(): Promise<void>;
}
