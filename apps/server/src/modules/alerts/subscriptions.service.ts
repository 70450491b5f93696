import type { CreateSubscriptionRequest, Subscription, UpdateSubscriptionRequest } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { isUniqueViolation } from '../../db/unique-violation';
import { BadRequestError, ConflictError, NotFoundError } from '../../http/http-errors';
import { getInstrumentInfo } from '../instruments/instruments.service';
import { getStrategy } from '../signals/strategies.service';
import { requireOwnChannel, requireVerified } from './channels.service';
import type { ChannelRow } from './channels.store';
import {
  deleteOwnSubscription,
  findOwnSubscription,
  insertSubscription,
  listSubscriptions,
  updateOwnSubscription,
  type SubscriptionRow,
} from './subscriptions.store';

// What a user wants pushed to one of their channels: a strategy's signals, every signal on a symbol, or an
// alert rule's events, each at level on / silent / off, sent at once or in a daily digest (email only).

function toSubscriptionDto(row: SubscriptionRow): Subscription {
  return {
    id: row.id,
    channel: { id: row.channelId, kind: row.channelKind, label: row.channelLabel },
    source: row.source,
    ref: row.sourceRef,
    level: row.level,
    mode: row.mode,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function listOwnSubscriptions(ctx: AppContext, userId: string): Promise<Subscription[]> {
  return (await listSubscriptions(ctx.db.orm, userId)).map(toSubscriptionDto);
}

async function requireOwnSubscription(ctx: AppContext, userId: string, id: string): Promise<SubscriptionRow> {
  const row = await findOwnSubscription(ctx.db.orm, userId, id);
  if (!row) throw new NotFoundError(`Subscription ${id}`, 'SUBSCRIPTION_NOT_FOUND');
  return row;
}

/** Digests are gathered into one email a day; other channels have no digest. */
function requireDigestChannel(kind: ChannelRow['kind'], mode: 'immediate' | 'digest' | undefined): void {
  if (mode === 'digest' && kind !== 'email') {
    throw new BadRequestError('DIGEST_EMAIL_ONLY', `Digest mode is for email channels; this is a ${kind} channel`);
  }
}

/** The source's ref as stored: a strategy that exists, a known instrument's symbol, or any alert rule ref. */
async function resolveSourceRef(ctx: AppContext, request: CreateSubscriptionRequest): Promise<string> {
  if (request.source === 'strategy') return (await getStrategy(ctx, request.ref)).id;
  if (request.source === 'symbol') return (await getInstrumentInfo(ctx, request.ref)).symbol.toUpperCase();
  // Alert rules arrive with their own module; until then any ref is accepted.
  return request.ref;
}

export async function createSubscription(
  ctx: AppContext,
  userId: string,
  request: CreateSubscriptionRequest,
): Promise<Subscription> {
  const channel = await requireOwnChannel(ctx, userId, request.channelId);
  requireVerified(channel);
  requireDigestChannel(channel.kind, request.mode);
  const ref = await resolveSourceRef(ctx, request);
  let id: string;
  try {
    id = await insertSubscription(ctx.db.orm, {
      userId,
      channelId: channel.id,
      source: request.source,
      sourceRef: ref,
      level: request.level,
      mode: request.mode,
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    throw new ConflictError(
      'SUBSCRIPTION_EXISTS',
      `Channel "${channel.label}" is already subscribed to ${request.source} ${ref}: change that subscription instead`,
    );
  }
  return toSubscriptionDto(await requireOwnSubscription(ctx, userId, id));
}

export async function updateSubscription(
  ctx: AppContext,
  userId: string,
  id: string,
  patch: UpdateSubscriptionRequest,
): Promise<Subscription> {
  const current = await requireOwnSubscription(ctx, userId, id);
  requireDigestChannel(current.channelKind, patch.mode);
  if (!(await updateOwnSubscription(ctx.db.orm, userId, id, patch))) {
    throw new NotFoundError(`Subscription ${id}`, 'SUBSCRIPTION_NOT_FOUND');
  }
  return toSubscriptionDto(await requireOwnSubscription(ctx, userId, id));
}

export async function deleteSubscription(ctx: AppContext, userId: string, id: string): Promise<void> {
  if (!(await deleteOwnSubscription(ctx.db.orm, userId, id))) {
    throw new NotFoundError(`Subscription ${id}`, 'SUBSCRIPTION_NOT_FOUND');
  }
}
