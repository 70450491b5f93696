import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { HttpError } from '../../http/http-errors';
import { createAccessTokens, MissingJwtSecretError } from './tokens';

const SECRET = 'a-test-secret-that-is-at-least-32-characters-long';
const tokens = createAccessTokens({ jwtSecret: SECRET, accessTokenTtlSeconds: 900 });
const claims = { userId: '6f1c1f0e-2f7a-4d8e-9a53-2b8f7c1d0e11', email: 'a@example.com', role: 'analyst' as const };

async function rejection(token: string): Promise<{ status: number; code: string }> {
  try {
    await tokens.verify(token);
  } catch (err) {
    if (err instanceof HttpError) return { status: err.statusCode, code: err.code };
    throw err;
  }
  throw new Error('the token was accepted');
}

/** Replaces one base64url character in part `index` (0 header, 1 payload, 2 signature) of a JWT. */
function flipChar(token: string, index: number): string {
  const parts = token.split('.');
  const part = parts[index] ?? '';
  const i = Math.floor(part.length / 2);
  parts[index] = part.slice(0, i) + (part[i] === 'A' ? 'B' : 'A') + part.slice(i + 1);
  return parts.join('.');
}

describe('access tokens', () => {
  it('round-trips subject, email and role with iss/aud and a TTL-based exp', async () => {
    const token = await tokens.sign(claims, 1_900_000_000 - 900);
    const [, payload] = token.split('.');
    const decoded = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8'));
    expect(decoded).toMatchObject({ sub: claims.userId, iss: 'marketlens', aud: 'marketlens', role: 'analyst' });
    expect(decoded.exp - decoded.iat).toBe(900);
    expect(await tokens.verify(await tokens.sign(claims))).toEqual(claims);
  });

  it('rejects a token whose signature or payload was altered', async () => {
    const token = await tokens.sign(claims);
    expect(await rejection(flipChar(token, 2))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
    expect(await rejection(flipChar(token, 1))).toEqual({ status: 401, code: 'TOKEN_INVALID' });
  });

  it('rejects an expired token with TOKEN_EXPIRED', async () => {
    const issuedLongAgo = Math.floor(Date.now() / 1000) - 3600;
    expect(await rejection(await tokens.sign(claims, issuedLongAgo))).toEqual({ status: 401, code: 'TOKEN_EXPIRED' });
  });

  it('rejects alg none, other HMAC algs, other keys and other issuers or audiences', async () => {
    const payload = { sub: claims.userId, email: claims.email, role: 'admin' };
    const key = new TextEncoder().encode(SECRET);
    const unsecured = new UnsecuredJWT(payload)
      .setIssuer('marketlens')
      .setAudience('marketlens')
      .setExpirationTime('5m');
    expect(await rejection(unsecured.encode())).toEqual({ status: 401, code: 'TOKEN_INVALID' });

    const signed = (alg: string, iss = 'marketlens', aud = 'marketlens', secret = key) =>
      new SignJWT(payload)
        .setProtectedHeader({ alg })
        .setIssuer(iss)
        .setAudience(aud)
        .setExpirationTime('5m')
        .sign(secret);
    expect((await rejection(await signed('HS512'))).code).toBe('TOKEN_INVALID');
    expect((await rejection(await signed('HS256', 'someone-else'))).code).toBe('TOKEN_INVALID');
    expect((await rejection(await signed('HS256', 'marketlens', 'other-app'))).code).toBe('TOKEN_INVALID');
    const otherKey = new TextEncoder().encode('another-secret-that-is-also-32-characters-long');
    expect((await rejection(await signed('HS256', 'marketlens', 'marketlens', otherKey))).code).toBe('TOKEN_INVALID');
    expect(await tokens.verify(await signed('HS256'))).toMatchObject({ role: 'admin' });
  });

  it('refuses to start without a secret', () => {
    expect(() => createAccessTokens({ jwtSecret: '', accessTokenTtlSeconds: 60 })).toThrow(MissingJwtSecretError);
  });
});
