import { HttpError } from '../../http/http-errors';

/**
 * A stored artifact whose bytes no longer match the SHA-256 recorded when it was logged. 409: the request is
 * fine, the resource's current state is not (a retry will not help until someone re-logs or re-registers it);
 * a 5xx would hide that the registry noticed and refused on purpose. Logged with both hashes.
 */
export class CorruptArtifactError extends HttpError {
  override readonly name = 'CorruptArtifactError';
  constructor(
    readonly runId: string,
    readonly artifactName: string,
    readonly expectedSha256: string,
    readonly actualSha256: string,
  ) {
    super(
      409,
      'ARTIFACT_CORRUPT',
      `Artifact "${artifactName}" of run ${runId} is corrupt: its SHA-256 no longer matches the one recorded when it was logged`,
      { runId, artifactName, expectedSha256, actualSha256 },
    );
  }
}

/** The artifact row exists but its object is gone from the store. */
export class MissingArtifactObjectError extends HttpError {
  override readonly name = 'MissingArtifactObjectError';
  constructor(
    readonly runId: string,
    readonly artifactName: string,
  ) {
    super(
      409,
      'ARTIFACT_MISSING',
      `Artifact "${artifactName}" of run ${runId} is recorded but its object is missing from the artifact store`,
      { runId, artifactName },
    );
  }
}

/** `model` has no alias `alias` (or no such model): the message says how to fix it. */
export class AliasNotFoundError extends HttpError {
  override readonly name = 'AliasNotFoundError';
  constructor(
    readonly model: string,
    readonly alias: string,
  ) {
    super(
      404,
      'ALIAS_NOT_FOUND',
      `Model "${model}" has no alias "${alias}" (set one with POST /api/v1/models/${model}/aliases/${alias})`,
      { model, alias },
    );
  }
}
