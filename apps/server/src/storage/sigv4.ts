import { createHash, createHmac } from 'node:crypto';

// AWS Signature Version 4 for S3 requests with a header signature (not presigned URLs), as specified in
// https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html. S3 signs the payload hash
// itself (x-amz-content-sha256) and, unlike other services, does not double-encode the path.

export interface SigV4Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  region: string;
  service?: string;
}

export interface SignableRequest {
  method: string;
  url: URL;
  /** Lower- or mixed-case names; every one given is signed. host is taken from the URL. */
  headers: Record<string, string>;
  /** Hex SHA-256 of the body (sha256 of '' for none). */
  payloadHash: string;
  /** The request time; the caller passes it so signing is a pure function. */
  date: Date;
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const hex = (data: string): string => createHash('sha256').update(data, 'utf8').digest('hex');

/** RFC 3986 encoding as SigV4 wants it: everything but A-Z a-z 0-9 - _ . ~ is %XX (upper case). */
export function uriEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** 20130524T000000Z */
export const amzDate = (date: Date): string =>
  date
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

function canonicalQuery(url: URL): string {
  return [...url.searchParams.entries()]
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

/**
 * The headers to send: the given ones plus x-amz-date, x-amz-content-sha256 and Authorization. The path of
 * `url` must already be encoded segment by segment with uriEncode (the caller builds it that way).
 */
export function signRequest(request: SignableRequest, credentials: SigV4Credentials): Record<string, string> {
  const service = credentials.service ?? 's3';
  const stamp = amzDate(request.date);
  const day = stamp.slice(0, 8);
  const headers: Record<string, string> = {
    ...request.headers,
    'x-amz-date': stamp,
    'x-amz-content-sha256': request.payloadHash,
  };
  const canonical = new Map<string, string>([['host', request.url.host]]);
  for (const [name, value] of Object.entries(headers)) {
    canonical.set(name.toLowerCase(), value.trim().replace(/\s+/g, ' '));
  }
  const names = [...canonical.keys()].sort();
  const signedHeaders = names.join(';');
  const canonicalRequest = [
    request.method,
    request.url.pathname || '/',
    canonicalQuery(request.url),
    names.map((n) => `${n}:${canonical.get(n)}\n`).join(''),
    signedHeaders,
    request.payloadHash,
  ].join('\n');
  const scope = `${day}/${credentials.region}/${service}/aws4_request`;
  const stringToSign = ['AWS4-HMAC-SHA256', stamp, scope, hex(canonicalRequest)].join('\n');
  const key = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), credentials.region), service),
    'aws4_request',
  );
  const signature = createHmac('sha256', key).update(stringToSign, 'utf8').digest('hex');
  return {
    ...headers,
    authorization: `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`,
  };
}
