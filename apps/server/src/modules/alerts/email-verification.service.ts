import type { AppContext } from '../../context';
import { BadRequestError, ConflictError, HttpError } from '../../http/http-errors';
import { createEmailSender, renderVerification } from '../../notify/channels/email.channel';
import {
  findChannelByTarget,
  insertChannel,
  replaceVerifyToken,
  tokenHashExists,
  verifyByTokenHash,
  type ChannelRow,
} from './channels.store';
import { randomToken, sha256Hex } from './secret-token';

// Email channels are verified by a link before anything is sent to them. The link carries a random token; the
// database keeps only its SHA-256, so a leaked table verifies nothing. The email goes out before the row is
// written: if the address cannot be reached, the caller hears why and nothing is stored.

const VERIFY_HOURS = 24;
/** Where the API is mounted (app.ts): the link points at GET /notifications/verify-email. */
const VERIFY_PATH = '/api/v1/notifications/verify-email';

/**
 * Adds an unverified email channel and sends its verification link. The same address added again while
 * unverified sends a fresh link (the old one stops working) and returns the same channel (`created` false).
 */
export async function addEmailChannel(
  ctx: AppContext,
  userId: string,
  request: { address: string; label?: string },
): Promise<{ channel: ChannelRow; created: boolean }> {
  const orm = ctx.db.orm;
  if (!ctx.config.email.smtpUrl) {
    throw new BadRequestError(
      'EMAIL_NOT_CONFIGURED',
      'Email is not configured on this server: set MARKETLENS_EMAIL__SMTP_URL to add email channels',
    );
  }
  const existing = await findChannelByTarget(orm, userId, 'email', 'address', request.address);
  if (existing?.verified) throw alreadyAdded(request.address);
  const token = randomToken(32);
  await sendVerificationEmail(ctx, request.address, token);
  if (existing) {
    const refreshed = await replaceVerifyToken(orm, existing.id, sha256Hex(token), VERIFY_HOURS);
    // Verified in the meantime (the previous link was followed while this one was on its way).
    if (!refreshed) throw alreadyAdded(request.address);
    return { channel: refreshed, created: false };
  }
  const channel = await insertChannel(orm, {
    userId,
    kind: 'email',
    label: request.label ?? request.address,
    target: { address: request.address },
    verified: false,
    verifyTokenHash: sha256Hex(token),
    verifyHours: VERIFY_HOURS,
  });
  return { channel, created: true };
}

const alreadyAdded = (address: string) =>
  new ConflictError('CHANNEL_EXISTS', `${address} is already one of your verified email channels`);

async function sendVerificationEmail(ctx: AppContext, address: string, token: string): Promise<void> {
  const { smtpUrl, from, timeoutMs } = ctx.config.email;
  const link = `${ctx.config.notify.publicUrl.replace(/\/+$/, '')}${VERIFY_PATH}?token=${encodeURIComponent(token)}`;
  const sender = createEmailSender({ smtpUrl, from, timeoutMs });
  try {
    const outcome = await sender.sendRendered(address, renderVerification(link), `verify:${sha256Hex(token)}`);
    if (outcome.status !== 'sent') {
      throw new HttpError(
        502,
        'EMAIL_SEND_FAILED',
        `The verification email to ${address} could not be sent: ${outcome.error}`,
      );
    }
  } finally {
    await sender.close();
  }
}

export type EmailVerificationOutcome = 'verified' | 'expired' | 'unknown';

/** Follows a verification link: `unknown` also covers a link already used (its token is cleared). */
export async function verifyEmailToken(ctx: AppContext, token: string): Promise<EmailVerificationOutcome> {
  if (!token) return 'unknown';
  const tokenHash = sha256Hex(token);
  if (await verifyByTokenHash(ctx.db.orm, tokenHash)) return 'verified';
  return (await tokenHashExists(ctx.db.orm, tokenHash)) ? 'expired' : 'unknown';
}
