import { createHash, randomBytes } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { roleSchema, type Role } from '@marketlens/contracts';
import { UnauthorizedError } from '../../http/http-errors';

const ISSUER = 'marketlens';
const AUDIENCE = 'marketlens';
// Only HMAC-SHA256 is ever accepted: a token naming another alg (or `none`) is rejected before its
// signature is looked at, which closes the classic alg-confusion attacks.
const ALG = 'HS256';

export interface AccessTokenClaims {
  userId: string;
  email: string;
  role: Role;
}

export interface AccessTokens {
  readonly ttlSeconds: number;
  /** `nowSeconds` exists for tests that need a token from the past; callers leave it out. */
  sign(claims: AccessTokenClaims, nowSeconds?: number): Promise<string>;
  /** Throws UnauthorizedError TOKEN_EXPIRED or TOKEN_INVALID. */
  verify(token: string): Promise<AccessTokenClaims>;
}

/** Thrown at start-up when no signing secret is configured. */
export class MissingJwtSecretError extends Error {
  override readonly name = 'MissingJwtSecretError';
  constructor() {
    super('auth.jwtSecret is empty: set MARKETLENS_AUTH__JWT_SECRET to at least 32 random characters');
  }
}

export function createAccessTokens(auth: { jwtSecret: string; accessTokenTtlSeconds: number }): AccessTokens {
  if (auth.jwtSecret === '') throw new MissingJwtSecretError();
  const key = new TextEncoder().encode(auth.jwtSecret);
  const ttlSeconds = auth.accessTokenTtlSeconds;

  return {
    ttlSeconds,
    async sign({ userId, email, role }, nowSeconds = Math.floor(Date.now() / 1000)) {
      return new SignJWT({ role, email })
        .setProtectedHeader({ alg: ALG, typ: 'JWT' })
        .setSubject(userId)
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setIssuedAt(nowSeconds)
        .setExpirationTime(nowSeconds + ttlSeconds)
        .sign(key);
    },
    async verify(token) {
      let payload;
      try {
        ({ payload } = await jwtVerify(token, key, { algorithms: [ALG], issuer: ISSUER, audience: AUDIENCE }));
      } catch (err) {
        if (err instanceof errors.JWTExpired) {
          throw new UnauthorizedError('Access token has expired; refresh it', 'TOKEN_EXPIRED');
        }
        throw new UnauthorizedError('Access token is invalid', 'TOKEN_INVALID');
      }
      const role = roleSchema.safeParse(payload.role);
      if (typeof payload.sub !== 'string' || typeof payload.email !== 'string' || !role.success) {
        throw new UnauthorizedError('Access token is missing its subject, email or role', 'TOKEN_INVALID');
      }
      return { userId: payload.sub, email: payload.email, role: role.data };
    },
  };
}

/** An opaque bearer secret (refresh token, API key secret): 32 random bytes, base64url. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * Refresh tokens and API keys are stored as SHA-256: they are long random strings, so a slow hash adds
 * nothing against guessing and a fast one keeps lookup by hash a single index probe.
 */
export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
