import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { signWebhook, verifyWebhook } from './webhook-signature';

const secret = 'whsec_test';
const timestamp = 1_700_000_000;
const nowAtTimestamp = timestamp * 1000;

// Reference values computed outside Node, with both
//   printf '%s' '1700000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
//   python3 -c 'import hmac,hashlib; print(hmac.new(b"whsec_test", b"1700000000.{\"a\":1}", hashlib.sha256).hexdigest())'
// (and the same for the UTF-8 body), which agreed.
const asciiVector = {
  body: '{"a":1}',
  signature: 'sha256=38877139021993b830af32feea6e18a8da83eb2f6e49ee50bd9e4cf4ca4d3789',
};
const utf8Vector = {
  body: '{"title":"Café ≥ 5%"}',
  signature: 'sha256=fe73481f405c3af76bc9312db1a2e443deb26f65d5561a49f09c87eee3dd47fa',
};

function opensslAvailable(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('signWebhook', () => {
  it('matches an HMAC-SHA256 computed by openssl and python over "<timestamp>.<body>"', () => {
    expect(signWebhook(secret, timestamp, asciiVector.body)).toBe(asciiVector.signature);
  });

  it('signs the UTF-8 bytes of the body, the same whether given as text or as bytes', () => {
    expect(signWebhook(secret, timestamp, utf8Vector.body)).toBe(utf8Vector.signature);
    expect(signWebhook(secret, timestamp, Buffer.from(utf8Vector.body, 'utf8'))).toBe(utf8Vector.signature);
  });

  it('agrees with openssl dgst -hmac run now on a fresh input', (ctx) => {
    ctx.skip(!opensslAvailable(), 'openssl is not installed here; the fixed vectors above still cover signing');
    const body = JSON.stringify({ id: 'k-42', lines: ['<b>"quoted"</b>', 'ünïcode'], at: Date.now() });
    const output = execFileSync('openssl', ['dgst', '-sha256', '-hmac', 'another secret'], {
      input: `${timestamp}.${body}`,
    }).toString();
    // "SHA2-256(stdin)= <hex>" on OpenSSL 3, "(stdin)= <hex>" on 1.x: the digest is the last word either way.
    const hex = output.trim().split(/\s+/).at(-1);
    expect(signWebhook('another secret', timestamp, body)).toBe(`sha256=${hex}`);
  });

  it('changes with the timestamp, so a captured signature cannot be reused with a fresh timestamp', () => {
    expect(signWebhook(secret, timestamp + 1, asciiVector.body)).not.toBe(asciiVector.signature);
  });
});

describe('verifyWebhook', () => {
  const valid = {
    secret,
    signatureHeader: asciiVector.signature,
    timestampHeader: String(timestamp),
    body: asciiVector.body,
    now: nowAtTimestamp,
  };

  it('accepts a request signed with the shared secret', () => {
    expect(verifyWebhook(valid)).toEqual({ ok: true });
    expect(verifyWebhook({ ...valid, body: Buffer.from(asciiVector.body) })).toEqual({ ok: true });
  });

  it('rejects an altered body', () => {
    const result = verifyWebhook({ ...valid, body: '{"a":2}' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/does not match/);
  });

  it('rejects a body re-serialised with different whitespace, since the bytes differ', () => {
    expect(verifyWebhook({ ...valid, body: '{ "a": 1 }' }).ok).toBe(false);
  });

  it('rejects the wrong secret', () => {
    expect(verifyWebhook({ ...valid, secret: 'whsec_other' }).ok).toBe(false);
  });

  it('rejects a timestamp header swapped for another one', () => {
    const result = verifyWebhook({ ...valid, timestampHeader: String(timestamp + 60), now: nowAtTimestamp + 60_000 });
    expect(result.ok, 'the signature binds the timestamp').toBe(false);
  });

  it('accepts a timestamp exactly at the edge of the window and refuses one a second beyond', () => {
    expect(verifyWebhook({ ...valid, now: nowAtTimestamp + 300_000 }).ok).toBe(true);
    const stale = verifyWebhook({ ...valid, now: nowAtTimestamp + 301_000 });
    expect(stale.ok).toBe(false);
    expect(!stale.ok && stale.reason).toMatch(/301 s old/);
  });

  it('refuses a timestamp too far in the future', () => {
    expect(verifyWebhook({ ...valid, now: nowAtTimestamp - 300_000 }).ok).toBe(true);
    const future = verifyWebhook({ ...valid, now: nowAtTimestamp - 301_000 });
    expect(future.ok).toBe(false);
    expect(!future.ok && future.reason).toMatch(/future/);
  });

  it('honours a custom tolerance', () => {
    expect(verifyWebhook({ ...valid, now: nowAtTimestamp + 31_000, toleranceSeconds: 30 }).ok).toBe(false);
    expect(verifyWebhook({ ...valid, now: nowAtTimestamp + 29_000, toleranceSeconds: 30 }).ok).toBe(true);
  });

  it('reports a stale but authentic request as stale, not as forged', () => {
    const result = verifyWebhook({ ...valid, now: nowAtTimestamp + 3_600_000 });
    expect(!result.ok && result.reason).toMatch(/old/);
  });

  it.each([
    ['missing', undefined],
    ['null', null],
    ['empty', ''],
    ['fractional', '1700000000.5'],
    ['negative', '-1700000000'],
    ['not a number', 'yesterday'],
    ['repeated', [String(timestamp), String(timestamp)]],
  ])('rejects a %s timestamp header', (_label, timestampHeader) => {
    const result = verifyWebhook({ ...valid, timestampHeader });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/Timestamp/);
  });

  it.each([
    ['missing', undefined],
    ['bare hex without the sha256= prefix', asciiVector.signature.slice('sha256='.length)],
    ['of another algorithm', asciiVector.signature.replace('sha256=', 'sha1=')],
    ['in upper-case hex', asciiVector.signature.toUpperCase().replace('SHA256=', 'sha256=')],
    ['one digit short', asciiVector.signature.slice(0, -1)],
    ['repeated', [asciiVector.signature, asciiVector.signature]],
  ])('rejects a signature header %s', (_label, signatureHeader) => {
    const result = verifyWebhook({ ...valid, signatureHeader });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toMatch(/Signature/);
  });
});
