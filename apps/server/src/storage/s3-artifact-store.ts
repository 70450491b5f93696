import { checkArtifactKey, sha256Hex, toBuffer } from './artifact-key';
import type { ArtifactStore, StoredArtifact } from './artifact-store';
import { ArtifactNotFoundError, ArtifactStoreError } from './artifact-store.errors';
import { signRequest, uriEncode } from './sigv4';

export interface S3StoreOptions {
  /** e.g. http://127.0.0.1:9000 (MinIO); empty for AWS (https://s3.<region>.amazonaws.com). */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** endpoint/bucket/key (MinIO and most S3-compatible servers) instead of bucket.endpoint/key. */
  forcePathStyle: boolean;
  /** Object keys go under this prefix inside the bucket. */
  prefix?: string;
  timeoutMs?: number;
}

const EMPTY_SHA256 = sha256Hex('');

/**
 * The four object calls the registry needs (PUT, GET, DELETE object; HEAD bucket), signed with SigV4 over
 * fetch: a few dozen lines instead of the AWS SDK's dependency tree (see docs/decisions.md).
 */
export function createS3ArtifactStore(options: S3StoreOptions): ArtifactStore {
  const base = new URL(options.endpoint || `https://s3.${options.region}.amazonaws.com`);
  const credentials = {
    accessKeyId: options.accessKeyId,
    secretAccessKey: options.secretAccessKey,
    region: options.region,
  };
  const objectKey = (key: string) =>
    options.prefix ? `${options.prefix}/${checkArtifactKey(key)}` : checkArtifactKey(key);

  const urlOf = (key?: string): URL => {
    const path = key === undefined ? '' : `/${key.split('/').map(uriEncode).join('/')}`;
    const url = new URL(base);
    const basePath = base.pathname.replace(/\/$/, '');
    if (options.forcePathStyle) url.pathname = `${basePath}/${uriEncode(options.bucket)}${path}`;
    else {
      url.hostname = `${options.bucket}.${base.hostname}`;
      url.pathname = `${basePath}${path || '/'}`;
    }
    return url;
  };

  async function send(method: string, url: URL, body?: Buffer, extra: Record<string, string> = {}) {
    const payloadHash = body ? sha256Hex(body) : EMPTY_SHA256;
    const headers = signRequest({ method, url, headers: extra, payloadHash, date: new Date() }, credentials);
    return fetch(url, {
      method,
      headers,
      ...(body ? { body: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) } : {}),
      signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
    });
  }

  async function failure(operation: string, res: Response): Promise<ArtifactStoreError> {
    const text = await res.text().catch(() => '');
    const code = /<Code>([^<]+)<\/Code>/.exec(text)?.[1];
    return new ArtifactStoreError(operation, res.status, code);
  }

  const uriOf = (key: string) => `s3://${options.bucket}/${key}`;

  return {
    kind: 's3',
    async put(key, body, contentType): Promise<StoredArtifact> {
      const full = objectKey(key);
      const bytes = toBuffer(body);
      const res = await send('PUT', urlOf(full), bytes, { 'content-type': contentType });
      if (!res.ok) throw await failure(`PUT ${full}`, res);
      await res.arrayBuffer();
      return { uri: uriOf(full), sizeBytes: bytes.length, sha256: sha256Hex(bytes) };
    },
    async get(key) {
      const full = objectKey(key);
      const res = await send('GET', urlOf(full));
      if (res.status === 404) {
        await res.arrayBuffer();
        throw new ArtifactNotFoundError(key);
      }
      if (!res.ok) throw await failure(`GET ${full}`, res);
      return Buffer.from(await res.arrayBuffer());
    },
    async delete(key) {
      const full = objectKey(key);
      const res = await send('DELETE', urlOf(full));
      // S3 answers 204 for a missing key too; some compatible servers say 404.
      if (!res.ok && res.status !== 404) throw await failure(`DELETE ${full}`, res);
      await res.arrayBuffer();
    },
    async ping() {
      const res = await send('HEAD', urlOf());
      if (!res.ok) throw new ArtifactStoreError(`HEAD bucket ${options.bucket}`, res.status, undefined);
    },
  };
}
