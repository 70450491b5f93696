import { randomUUID } from 'node:crypto';
import type { TokenResponse } from '@marketlens/contracts';
import type { Orm } from '../../db/database';
import { UnauthorizedError } from '../../http/http-errors';
import {
  consumeRefreshToken,
  findRefreshToken,
  insertRefreshToken,
  revokeFamily,
  type RefreshTokenRow,
} from './refresh-tokens.store';
import { randomSecret, sha256Hex, type AccessTokens } from './tokens';
import { findUserById, type UserRow } from './users.store';
import { toUserDto } from './users.service';

const DAY_MS = 86_400_000;

export interface SessionIssuer {
  accessTokens: AccessTokens;
  refreshTokenTtlDays: number;
}

/** A new access token plus a refresh token in `familyId` (a new family for a fresh login). */
export async function issueSession(
  orm: Orm,
  issuer: SessionIssuer,
  user: UserRow,
  familyId: string = randomUUID(),
): Promise<TokenResponse> {
  const refreshToken = randomSecret(32);
  await insertRefreshToken(orm, {
    userId: user.id,
    tokenHash: sha256Hex(refreshToken),
    familyId,
    expiresAt: new Date(Date.now() + issuer.refreshTokenTtlDays * DAY_MS),
  });
  return tokenResponse(issuer, user, refreshToken);
}

async function tokenResponse(issuer: SessionIssuer, user: UserRow, refreshToken: string): Promise<TokenResponse> {
  const accessToken = await issuer.accessTokens.sign({ userId: user.id, email: user.email, role: user.role });
  return { accessToken, expiresIn: issuer.accessTokens.ttlSeconds, refreshToken, user: toUserDto(user) };
}

export type RotationResult =
  | { kind: 'rotated'; session: TokenResponse }
  | { kind: 'reused'; token: RefreshTokenRow }
  | { kind: 'disabled'; token: RefreshTokenRow };

/**
 * Exchanges a refresh token for a new one in the same family. The old token is consumed by one
 * conditional UPDATE, so two concurrent calls cannot both succeed; a token that was already consumed or
 * revoked means someone replayed it, and the whole family is revoked (theft detection).
 */
export async function rotateRefreshToken(orm: Orm, issuer: SessionIssuer, presented: string): Promise<RotationResult> {
  const tokenHash = sha256Hex(presented);
  const fresh = randomSecret(32);
  const freshId = randomUUID();
  const rotated = await orm.transaction(async (tx) => {
    const old = await consumeRefreshToken(tx, tokenHash, freshId);
    if (!old) return undefined;
    const user = await findUserById(tx, old.userId);
    if (!user || user.disabled) {
      await revokeFamily(tx, old.familyId);
      return { kind: 'disabled' as const, token: old };
    }
    await insertRefreshToken(tx, {
      id: freshId,
      userId: user.id,
      tokenHash: sha256Hex(fresh),
      familyId: old.familyId,
      expiresAt: new Date(Date.now() + issuer.refreshTokenTtlDays * DAY_MS),
    });
    return { kind: 'rotated' as const, user };
  });
  if (rotated?.kind === 'rotated')
    return { kind: 'rotated', session: await tokenResponse(issuer, rotated.user, fresh) };
  if (rotated?.kind === 'disabled') return rotated;

  const known = await findRefreshToken(orm, tokenHash);
  if (!known) throw new UnauthorizedError('Refresh token is not valid', 'REFRESH_TOKEN_INVALID');
  if (known.revokedAt !== null) {
    await revokeFamily(orm, known.familyId);
    return { kind: 'reused', token: known };
  }
  throw new UnauthorizedError('Refresh token has expired; sign in again', 'REFRESH_TOKEN_EXPIRED');
}
