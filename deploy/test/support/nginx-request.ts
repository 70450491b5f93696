import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent: not decompressed, so a test can see gzip. */
  body: Buffer;
}

export interface RawRequestOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  /** Sent as the body; with `declaredLength` instead, only the Content-Length header is sent. */
  body?: Buffer;
  declaredLength?: number;
  /** Certificate to trust for https URLs (the test's self-signed one). */
  ca?: string;
}

/**
 * One HTTP(S) request with nothing done for the caller (fetch would decompress and follow redirects). With
 * `declaredLength` the body is announced but never sent, so a limit that is checked on the header answers at once.
 */
export function rawRequest(url: string, options: RawRequestOptions = {}): Promise<RawResponse> {
  const target = new URL(url);
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  const headers: OutgoingHttpHeaders = { ...options.headers };
  if (options.body) headers['content-length'] = options.body.length;
  if (options.declaredLength !== undefined) headers['content-length'] = options.declaredLength;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method: options.method ?? 'GET', headers, agent: false, ...(options.ca ? { ca: options.ca } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
          req.destroy();
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body) req.end(options.body);
    else if (options.declaredLength === undefined) req.end();
    // Node holds the headers back until the first body write; send them now, the body never comes.
    else req.flushHeaders();
  });
}
