import type { LoginRequest, TokenResponse, User } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import type { Principal } from '../../http/access';
import { ConflictError, UnauthorizedError } from '../../http/http-errors';
import { recordAudit, type AuditMeta } from './audit.service';
import { AccountThrottledError, loginWaitSeconds } from './login-failures';
import { generatePassword, hashPassword, verifyPassword } from './password';
import { findRefreshToken, revokeFamily } from './refresh-tokens.store';
import { issueSession, rotateRefreshToken, type SessionIssuer } from './sessions';
import { createAccessTokens, sha256Hex } from './tokens';
import { countUsers, findUserByEmail, findUserById, updateUser } from './users.store';
import { createFirstAdmin, needsSetup, toUserDto } from './users.service';

const INVALID_CREDENTIALS = 'Email or password is incorrect';

export type AuthService = ReturnType<typeof createAuthService>;

export function createAuthService(ctx: Pick<AppContext, 'db' | 'config'>) {
  const orm = ctx.db.orm;
  const issuer: SessionIssuer = {
    accessTokens: createAccessTokens(ctx.config.auth),
    refreshTokenTtlDays: ctx.config.auth.refreshTokenTtlDays,
  };

  return {
    needsSetup: () => needsSetup(orm),

    /** First-run setup: only while no user exists; concurrent calls create exactly one admin. */
    async setup(request: { email: string; password: string }, meta: AuditMeta): Promise<TokenResponse> {
      const passwordHash = await hashPassword(request.password);
      const admin = await createFirstAdmin(orm, { email: request.email, passwordHash });
      if (!admin) throw new ConflictError('SETUP_DONE', 'Setup is already complete; sign in instead');
      await recordAudit(orm, { ...meta, actorId: admin.id, action: 'auth.setup', target: admin.id });
      return issueSession(orm, issuer, admin);
    },

    async login(request: LoginRequest, meta: AuditMeta): Promise<TokenResponse> {
      // Before the password is looked at: a throttled account answers the same whatever is tried.
      const wait = await loginWaitSeconds(orm, request.email, {
        failuresPerAccount: ctx.config.auth.loginFailuresPerAccount,
        windowMinutes: ctx.config.auth.loginFailureWindowMinutes,
      });
      if (wait > 0) throw new AccountThrottledError(wait);
      const user = await findUserByEmail(orm, request.email);
      // Always one argon2 verify, real or dummy, so timing does not tell which emails exist.
      const passwordOk = await verifyPassword(user?.passwordHash, request.password);
      if (!user || !passwordOk) {
        await recordAudit(orm, {
          ...meta,
          actorId: user?.id,
          action: 'auth.login_failed',
          details: { email: request.email, reason: user ? 'wrong_password' : 'unknown_email' },
        });
        throw new UnauthorizedError(INVALID_CREDENTIALS, 'INVALID_CREDENTIALS');
      }
      if (user.disabled) {
        await recordAudit(orm, {
          ...meta,
          actorId: user.id,
          action: 'auth.login_failed',
          details: { reason: 'disabled' },
        });
        throw new UnauthorizedError('This account is disabled', 'ACCOUNT_DISABLED');
      }
      const updated = (await updateUser(orm, user.id, { lastLoginAt: new Date() })) ?? user;
      await recordAudit(orm, { ...meta, actorId: user.id, action: 'auth.login', target: user.id });
      return issueSession(orm, issuer, updated);
    },

    async refresh(refreshToken: string, meta: AuditMeta): Promise<TokenResponse> {
      const result = await rotateRefreshToken(orm, issuer, refreshToken);
      if (result.kind === 'rotated') return result.session;
      if (result.kind === 'disabled') throw new UnauthorizedError('This account is disabled', 'ACCOUNT_DISABLED');
      await recordAudit(orm, {
        ...meta,
        actorId: result.token.userId,
        action: 'auth.refresh_reuse',
        target: result.token.userId,
        details: { familyId: result.token.familyId },
      });
      throw new UnauthorizedError(
        'Refresh token was already used; every session from that sign-in is revoked. Sign in again',
        'REFRESH_TOKEN_REUSED',
      );
    },

    /** Ends the sign-in the refresh token belongs to (its whole family); idempotent. */
    async logout(principal: Principal, refreshToken: string, meta: AuditMeta): Promise<void> {
      const token = await findRefreshToken(orm, sha256Hex(refreshToken));
      // Someone else's token is left alone, with the same answer, so logout cannot probe tokens.
      if (!token || token.userId !== principal.userId) return;
      await revokeFamily(orm, token.familyId);
      await recordAudit(orm, { ...meta, actorId: principal.userId, action: 'auth.logout', target: principal.userId });
    },

    async me(principal: Principal): Promise<User> {
      const user = await findUserById(orm, principal.userId);
      if (!user) throw new UnauthorizedError('This account no longer exists', 'TOKEN_INVALID');
      return toUserDto(user);
    },
  };
}

export const DEFAULT_ADMIN_EMAIL = 'admin@marketlens.local';

/**
 * Start-up / CLI: when no user exists, creates an admin (with a generated strong password unless one is
 * given) and returns the credentials for the caller to print once. Undefined when users exist.
 */
export async function ensureAdmin(
  ctx: Pick<AppContext, 'db'>,
  options: { email?: string; password?: string },
): Promise<{ email: string; password: string; generated: boolean } | undefined> {
  const orm = ctx.db.orm;
  if ((await countUsers(orm)) > 0) return undefined;
  const password = options.password ?? generatePassword();
  const admin = await createFirstAdmin(orm, {
    email: options.email ?? DEFAULT_ADMIN_EMAIL,
    passwordHash: await hashPassword(password),
  });
  if (!admin) return undefined;
  await recordAudit(orm, {
    actorId: admin.id,
    action: 'auth.setup',
    target: admin.id,
    details: { via: 'ensureAdmin' },
  });
  return { email: admin.email, password, generated: options.password === undefined };
}
