import { describe, expect, it } from 'vitest';
import { signRequest, uriEncode } from './sigv4';

// Reference vector: "Example: GET Object" in AWS's "Signature Calculations for the Authorization Header"
// (https://docs.aws.amazon.com/AmazonS3/latest/API/sig-v4-header-based-auth.html), with the documentation's
// example credentials. The expected signature is the one printed there.
const EXAMPLE = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  region: 'us-east-1',
};
const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('SigV4 signing', () => {
  it("matches AWS's published GET Object example", () => {
    const headers = signRequest(
      {
        method: 'GET',
        url: new URL('https://examplebucket.s3.amazonaws.com/test.txt'),
        headers: { range: 'bytes=0-9' },
        payloadHash: EMPTY,
        date: new Date('2013-05-24T00:00:00Z'),
      },
      EXAMPLE,
    );
    expect(headers['x-amz-date']).toBe('20130524T000000Z');
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, ' +
        'SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, ' +
        'Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41',
    );
  });

  it('changes the signature when the secret, the path or the payload changes', () => {
    const base = {
      method: 'PUT',
      url: new URL('http://127.0.0.1:9000/bucket/a.json'),
      headers: {},
      payloadHash: EMPTY,
      date: new Date('2024-01-01T00:00:00Z'),
    };
    const sig = (h: Record<string, string>) => /Signature=([0-9a-f]+)/.exec(h.authorization ?? '')?.[1];
    const reference = sig(signRequest(base, EXAMPLE));
    expect(sig(signRequest(base, { ...EXAMPLE, secretAccessKey: 'other' }))).not.toBe(reference);
    expect(sig(signRequest({ ...base, url: new URL('http://127.0.0.1:9000/bucket/b.json') }, EXAMPLE))).not.toBe(
      reference,
    );
    expect(sig(signRequest({ ...base, payloadHash: 'ab'.repeat(32) }, EXAMPLE))).not.toBe(reference);
  });

  it('encodes path characters the RFC 3986 way SigV4 requires', () => {
    expect(uriEncode("a b!'()*~._-")).toBe('a%20b%21%27%28%29%2A~._-');
  });
});
