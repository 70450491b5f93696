import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';
import { signRequest } from '../../../apps/server/src/storage/sigv4';

// An S3-compatible store for the upload tests: s3rver (real S3 HTTP and XML, keeps the objects) behind a proxy
// that checks every request's AWS Signature V4, which s3rver itself does not verify. The signature is
// recomputed with the server's own SigV4 code (proven against AWS's published test vector in its tests).

export const S3_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', region: 'us-east-1' };

export interface SeenRequest {
  method: string;
  path: string;
  /** Empty when the signature and the payload hash are right. */
  problem: string;
}

export interface VerifyingS3 {
  endpoint: string;
  seen: SeenRequest[];
  /** The stored object, read straight from s3rver; null when absent. */
  object(bucket: string, key: string): Promise<Buffer | null>;
  close(): Promise<void>;
}

const AUTH =
  /^AWS4-HMAC-SHA256 Credential=([^/]+)\/\d{8}\/[^/]+\/s3\/aws4_request, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/;

function signatureProblem(req: IncomingMessage, body: Buffer): string {
  const auth = req.headers.authorization ?? '';
  const match = AUTH.exec(auth);
  if (!match) return `no SigV4 authorization header: ${auth.slice(0, 40)}`;
  const payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
  if (payloadHash !== createHash('sha256').update(body).digest('hex'))
    return 'x-amz-content-sha256 is not the body hash';
  const stamp = String(req.headers['x-amz-date'] ?? '');
  const date = new Date(stamp.replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/, '$1-$2-$3T$4:$5:$6Z'));
  const headers: Record<string, string> = {};
  for (const name of (match[2] ?? '').split(';')) {
    if (!['host', 'x-amz-date', 'x-amz-content-sha256'].includes(name)) headers[name] = String(req.headers[name] ?? '');
  }
  const expected = signRequest(
    {
      method: req.method ?? '',
      url: new URL(req.url ?? '/', `http://${req.headers.host}`),
      headers,
      payloadHash,
      date,
    },
    S3_CREDENTIALS,
  ).authorization;
  return expected === auth ? '' : 'signature does not match';
}

const listen = (server: Server): Promise<number> =>
  new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));

const fetchBytes = (url: string): Promise<{ status: number; body: Buffer }> =>
  new Promise((resolve, reject) => {
    request(url, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });

export async function startVerifyingS3(bucket: string): Promise<VerifyingS3> {
  const dir = mkdtempSync(join(tmpdir(), 'marketlens-s3rver-'));
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: bucket }],
  });
  const s3Port = (await s3rver.run()).port;
  const seen: SeenRequest[] = [];

  const proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const problem = signatureProblem(req, body);
      seen.push({ method: req.method ?? '', path: req.url ?? '', problem });
      if (problem)
        return res
          .writeHead(403, { 'content-type': 'application/xml' })
          .end(`<Error><Code>SignatureDoesNotMatch</Code></Error>`);
      const { expect: _continue, ...headers } = req.headers;
      const upstream = request(
        { host: '127.0.0.1', port: s3Port, method: req.method, path: req.url, headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.writeHead(502).end());
      upstream.end(body);
    });
  });
  const port = await listen(proxy);

  return {
    endpoint: `http://127.0.0.1:${port}`,
    seen,
    async object(b, key) {
      const { status, body } = await fetchBytes(`http://127.0.0.1:${s3Port}/${b}/${key}`);
      return status === 200 ? body : null;
    },
    async close() {
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      await s3rver.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
