import type { AppConfig } from '../config/config.schema';
import type { ArtifactStore } from './artifact-store';
import { createLocalArtifactStore } from './local-artifact-store';
import { createS3ArtifactStore } from './s3-artifact-store';

/** The artifact store chosen by config: `storage.backend` local (a folder) or s3 (any S3-compatible server). */
export function createArtifactStore(config: AppConfig): ArtifactStore {
  if (config.storage.backend === 'local') return createLocalArtifactStore(config.storage.artifactDir);
  const { s3 } = config;
  return createS3ArtifactStore({
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: s3.forcePathStyle,
    ...(s3.prefix ? { prefix: s3.prefix } : {}),
  });
}
