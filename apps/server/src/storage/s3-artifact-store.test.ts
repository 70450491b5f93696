import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { artifactStoreContract } from './artifact-store.contract';
import type { ArtifactStore } from './artifact-store';
import { ArtifactStoreError } from './artifact-store.errors';
import { createS3ArtifactStore } from './s3-artifact-store';

// Against a real S3-compatible server (s3rver from npm) on 127.0.0.1: real HTTP, real path-style bucket
// addressing, real S3 error XML. s3rver checks the access key id but does not verify SigV4 signatures, so
// the signature itself is proven against AWS's published vector in sigv4.test.ts.
const BUCKET = 'marketlens-artifacts';

describe('S3 artifact store against s3rver', () => {
  const dir = mkdtempSync(join(tmpdir(), 'marketlens-s3rver-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  let endpoint = '';
  let store: ArtifactStore;
  const options = () => ({
    endpoint,
    bucket: BUCKET,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
  });

  beforeAll(async () => {
    const address = await server.run();
    endpoint = `http://127.0.0.1:${address.port}`;
    store = createS3ArtifactStore({ ...options(), prefix: 'test-prefix' });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  artifactStoreContract(() => store);

  it('names the bucket and prefixed key in the uri', async () => {
    const stored = await store.put('runs/r1/a1/m.json', '{}', 'application/json');
    expect(stored.uri).toBe(`s3://${BUCKET}/test-prefix/runs/r1/a1/m.json`);
  });

  it('reports an unknown access key with the S3 error code', async () => {
    const bad = createS3ArtifactStore({ ...options(), accessKeyId: 'NOT-A-KEY' });
    const err = await bad.put('x.json', '{}', 'application/json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ArtifactStoreError);
    expect((err as ArtifactStoreError).code).toBe('InvalidAccessKeyId');
  });

  it('fails ping for a bucket that does not exist', async () => {
    await expect(createS3ArtifactStore({ ...options(), bucket: 'no-such-bucket' }).ping()).rejects.toThrow(
      ArtifactStoreError,
    );
  });
});
