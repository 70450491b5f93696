import { randomUUID } from 'node:crypto';
import type { CreateChannelRequest, CreatedChannel, NotificationChannel } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/http-errors';
import { allowPrivateWebhookTargets } from '../../notify/create-dispatcher';
import { checkWebhookUrl } from '../../notify/ssrf-guard';
import { toChannelDto } from './channel-dto';
import {
  deleteOwnChannel,
  findChannelByTarget,
  findOwnChannel,
  insertChannel,
  listChannels,
  type ChannelRow,
} from './channels.store';
import { writeDirectDelivery } from './delivery-log.store';
import { addEmailChannel } from './email-verification.service';
import { randomToken } from './secret-token';
import { TEST_TOPIC, type TestNotificationPayload } from './test-notification';

// A user's channels: list, add (email: verified by a link; webhook: with a secret shown once), remove, and
// "send test". Another user's channel is reported as not found, never as forbidden: ids reveal nothing.

export async function listOwnChannels(ctx: AppContext, userId: string): Promise<NotificationChannel[]> {
  return (await listChannels(ctx.db.orm, userId)).map(toChannelDto);
}

/** The caller's channel, or 404 CHANNEL_NOT_FOUND (also when it is another user's). */
export async function requireOwnChannel(ctx: AppContext, userId: string, id: string): Promise<ChannelRow> {
  const channel = await findOwnChannel(ctx.db.orm, userId, id);
  if (!channel) throw new NotFoundError(`Channel ${id}`, 'CHANNEL_NOT_FOUND');
  return channel;
}

/** 409 CHANNEL_NOT_VERIFIED unless the channel may be sent to. */
export function requireVerified(channel: ChannelRow): void {
  if (!channel.verified) {
    throw new ConflictError(
      'CHANNEL_NOT_VERIFIED',
      `Channel "${channel.label}" is not verified yet: follow the link in the verification email first`,
    );
  }
}

/** `created` false: an unverified email address added again, whose verification email was sent again. */
export async function createChannel(
  ctx: AppContext,
  userId: string,
  request: CreateChannelRequest,
): Promise<{ created: boolean; body: CreatedChannel }> {
  if (request.kind === 'email') {
    const { channel, created } = await addEmailChannel(ctx, userId, request);
    return { created, body: { channel: toChannelDto(channel) } };
  }
  return { created: true, body: await addWebhookChannel(ctx, userId, request.url, request.label) };
}

/** Checked against SSRF now (and again by the sender at each delivery); the secret is returned this once. */
async function addWebhookChannel(
  ctx: AppContext,
  userId: string,
  rawUrl: string,
  label?: string,
): Promise<CreatedChannel> {
  const check = await checkWebhookUrl(rawUrl, { allowPrivate: allowPrivateWebhookTargets(ctx) });
  if (!check.ok) throw new BadRequestError('WEBHOOK_URL_REFUSED', check.reason);
  const url = check.url.href;
  if (await findChannelByTarget(ctx.db.orm, userId, 'webhook', 'url', url)) {
    throw new ConflictError('CHANNEL_EXISTS', `You already have a webhook channel for ${url}`);
  }
  const secret = randomToken(32);
  const row = await insertChannel(ctx.db.orm, {
    userId,
    kind: 'webhook',
    label: label ?? check.url.host,
    target: { url },
    secret,
    verified: true,
  });
  return { channel: toChannelDto(row), secret };
}

export async function deleteChannel(ctx: AppContext, userId: string, id: string): Promise<void> {
  if (!(await deleteOwnChannel(ctx.db.orm, userId, id))) throw new NotFoundError(`Channel ${id}`, 'CHANNEL_NOT_FOUND');
}

/** One test notification to one verified channel of the caller: an outbox event and its single delivery. */
export async function sendTestNotification(
  ctx: AppContext,
  userId: string,
  id: string,
): Promise<{ deliveryId: number }> {
  const channel = await requireOwnChannel(ctx, userId, id);
  requireVerified(channel);
  const payload: TestNotificationPayload = {
    channelId: channel.id,
    kind: channel.kind,
    label: channel.label,
    requestedAt: new Date().toISOString(),
  };
  const deliveryId = await writeDirectDelivery(
    ctx.db.orm,
    { idempotencyKey: `test:${channel.id}:${randomUUID()}`, topic: TEST_TOPIC, payload: { ...payload } },
    channel.id,
  );
  return { deliveryId };
}
