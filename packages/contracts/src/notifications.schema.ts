import { z } from 'zod';
import { isoDateTime } from './common.schema';
import { symbolSchema } from './market-data.schema';

// Notifications (issue 10): where a user is reached (channels), what they want pushed to them (subscriptions)
// and what was sent (the delivery log). Telegram channels are linked by the bot, never created here.

export const channelKindSchema = z.enum(['telegram', 'email', 'webhook']);
export type ChannelKind = z.infer<typeof channelKindSchema>;

const channelBase = {
  id: z.uuid(),
  label: z.string(),
  /** Email: true once the link in the verification email was followed; Telegram and webhooks: always. */
  verified: z.boolean(),
  /** Telegram /mute: sent silently until then. */
  mutedUntil: isoDateTime.nullable(),
  createdAt: isoDateTime,
};

/** A channel as its owner sees it; a webhook's secret is shown once, when it is created, never again. */
export const notificationChannelSchema = z.discriminatedUnion('kind', [
  z.object({ ...channelBase, kind: z.literal('telegram'), chatId: z.string(), username: z.string().nullable() }),
  z.object({ ...channelBase, kind: z.literal('email'), address: z.string() }),
  z.object({ ...channelBase, kind: z.literal('webhook'), url: z.string() }),
]);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;
export const notificationChannelListSchema = z.object({ channels: z.array(notificationChannelSchema) });

const labelSchema = z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** Adding an email address (verified by a link sent to it) or a webhook. Telegram chats are linked by the bot. */
export const createChannelRequestSchema = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('email'),
        address: z.email('must be an email address').max(254),
        label: labelSchema.optional(),
      })
      .strict(),
    z
      .object({
        kind: z.literal('webhook'),
        url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000),
        label: labelSchema.optional(),
      })
      .strict(),
  ],
  {
    error:
      'kind must be "email" or "webhook" (Telegram chats are linked with a code: POST /notifications/telegram/link-code)',
  },
);
export type CreateChannelRequest = z.infer<typeof createChannelRequestSchema>;

export const createdChannelSchema = z.object({
  channel: notificationChannelSchema,
  /** Webhooks only: the HMAC key of X-MarketLens-Signature, shown this once. */
  secret: z.string().optional(),
});
export type CreatedChannel = z.infer<typeof createdChannelSchema>;

/** A one-time code linking a Telegram chat: open `link`, or send `/start <code>` to the bot. */
export const telegramLinkCodeSchema = z.object({
  code: z.string(),
  link: z.string(),
  expiresAt: isoDateTime,
});
export type TelegramLinkCode = z.infer<typeof telegramLinkCodeSchema>;

/** The verification link's query; a missing token answers the "unknown link" page rather than a JSON error. */
export const verifyEmailQuerySchema = z.object({ token: z.string().max(500).optional() });

/** Accepted test send: the delivery row the dispatcher sends (see GET /notifications/deliveries). */
export const testSendAcceptedSchema = z.object({ deliveryId: z.number().int() });

export const subscriptionSourceSchema = z.enum(['strategy', 'symbol', 'alert_rule']);
export type SubscriptionSource = z.infer<typeof subscriptionSourceSchema>;
/** Freqtrade's per-event levels: on, silent (no sound), off (kept but not sent). */
export const subscriptionLevelSchema = z.enum(['on', 'silent', 'off']);
/** Sent at once, or gathered into one daily digest (email channels only). */
export const subscriptionModeSchema = z.enum(['immediate', 'digest']);

/** The short form of a channel that other rows point at. */
export const channelRefSchema = z.object({ id: z.uuid(), kind: channelKindSchema, label: z.string() });

export const subscriptionSchema = z.object({
  id: z.uuid(),
  channel: channelRefSchema,
  source: subscriptionSourceSchema,
  /** Strategy id, SYMBOL (upper case) or alert rule id. */
  ref: z.string(),
  level: subscriptionLevelSchema,
  mode: subscriptionModeSchema,
  createdAt: isoDateTime,
});
export type Subscription = z.infer<typeof subscriptionSchema>;
export const subscriptionListSchema = z.object({ subscriptions: z.array(subscriptionSchema) });

const subscriptionSettings = {
  channelId: z.uuid(),
  level: subscriptionLevelSchema.default('on'),
  mode: subscriptionModeSchema.default('immediate'),
};

export const createSubscriptionRequestSchema = z.discriminatedUnion(
  'source',
  [
    z.object({ ...subscriptionSettings, source: z.literal('strategy'), ref: z.uuid('must be a strategy id') }).strict(),
    z
      .object({
        ...subscriptionSettings,
        source: z.literal('symbol'),
        ref: symbolSchema.transform((s) => s.toUpperCase()),
      })
      .strict(),
    z
      .object({
        ...subscriptionSettings,
        source: z.literal('alert_rule'),
        ref: z.string().trim().min(1, 'must not be empty').max(200),
      })
      .strict(),
  ],
  { error: 'source must be "strategy", "symbol" or "alert_rule"' },
);
export type CreateSubscriptionRequest = z.infer<typeof createSubscriptionRequestSchema>;

export const updateSubscriptionRequestSchema = z
  .object({ level: subscriptionLevelSchema.optional(), mode: subscriptionModeSchema.optional() })
  .strict()
  .refine((body) => body.level !== undefined || body.mode !== undefined, 'give level, mode or both');
export type UpdateSubscriptionRequest = z.infer<typeof updateSubscriptionRequestSchema>;

/** held: waiting for the channel's daily digest; digested: sent in one. */
export const deliveryStatusSchema = z.enum(['pending', 'sending', 'sent', 'dead', 'held', 'digested']);
export type DeliveryStatus = z.infer<typeof deliveryStatusSchema>;

/** One notification sent (or being sent) to one channel. */
export const deliverySchema = z.object({
  id: z.number().int(),
  channel: channelRefSchema,
  /** What caused it: signal, alert, test ... */
  topic: z.string(),
  title: z.string(),
  status: deliveryStatusSchema,
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  createdAt: isoDateTime,
  sentAt: isoDateTime.nullable(),
  /** When the next attempt is due (pending), or was (the others). */
  dueAt: isoDateTime,
});
export type Delivery = z.infer<typeof deliverySchema>;

export const deliveryListQuerySchema = z.object({
  status: deliveryStatusSchema.optional(),
  channelId: z.uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type DeliveryListQuery = z.infer<typeof deliveryListQuerySchema>;
export const deliveryListSchema = z.object({ deliveries: z.array(deliverySchema) });

export const deliveryIdParamSchema = z.object({ id: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER) });
export const deliveryRetriedSchema = z.object({ id: z.number().int(), status: z.literal('pending') });
