import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './schema';
import { outbox } from './signals.schema';

// Notifications (apps/server/src/notify + modules/alerts): where a user can be reached (channels), what they
// want pushed to them (subscriptions), and one delivery row per (outbox event, channel) that the dispatcher
// claims, sends and records. The outbox itself (one row per event, written with the event) is in
// signals.schema.ts, where its first writer lives.

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/** Where a channel delivers: telegram { chatId, username? }, email { address }, webhook { url }. */
export type ChannelTargetColumn = { chatId: string; username?: string } | { address: string } | { url: string };

export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['telegram', 'email', 'webhook'] }).notNull(),
    label: text('label').notNull(),
    target: jsonb('target').$type<ChannelTargetColumn>().notNull(),
    /** Webhooks: the HMAC secret (shown once when created; the dispatcher needs it to sign). */
    secret: text('secret'),
    /** Email: true once the address's link was followed; Telegram and webhooks: true when created. */
    verified: boolean('verified').notNull().default(false),
    /** Email verification: SHA-256 of the link's token, and when it stops working. */
    verifyTokenHash: text('verify_token_hash').unique(),
    verifyExpiresAt: timestamp('verify_expires_at', { withTimezone: true }),
    /** Telegram /mute: nothing but silent deliveries until then. */
    mutedUntil: timestamp('muted_until', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('notification_channels_user_idx').on(t.userId)],
);

/** One-time codes that link a Telegram chat to a user (`/start <code>`): single use, short-lived. */
export const telegramLinkCodes = pgTable('telegram_link_codes', {
  /** SHA-256 of the code: a leaked table cannot link chats. */
  codeHash: text('code_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  createdAt: createdAt(),
});

export const subscriptions = pgTable(
  'subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id, { onDelete: 'cascade' }),
    /** strategy: a strategy's signals (ref = strategy id); symbol: every signal on a symbol; alert_rule: a rule's events. */
    source: text('source', { enum: ['strategy', 'symbol', 'alert_rule'] }).notNull(),
    sourceRef: text('source_ref').notNull(),
    /** Freqtrade's per-event levels: on, silent (no sound), off (kept but not sent). */
    level: text('level', { enum: ['on', 'silent', 'off'] })
      .notNull()
      .default('on'),
    /** immediate, or gathered into one daily digest (email). */
    mode: text('mode', { enum: ['immediate', 'digest'] })
      .notNull()
      .default('immediate'),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('subscriptions_channel_source_idx').on(t.channelId, t.source, t.sourceRef),
    index('subscriptions_source_idx').on(t.source, t.sourceRef),
  ],
);

export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    outboxId: bigint('outbox_id', { mode: 'number' })
      .notNull()
      .references(() => outbox.id, { onDelete: 'cascade' }),
    channelId: uuid('channel_id')
      .notNull()
      .references(() => notificationChannels.id, { onDelete: 'cascade' }),
    subscriptionId: uuid('subscription_id').references(() => subscriptions.id, { onDelete: 'set null' }),
    /** `<outbox key>|<channel id>`: routing the same event twice makes no second delivery. */
    idempotencyKey: text('idempotency_key').notNull().unique(),
    /** held: waits for its channel's daily digest; digested: went out in one (notify/digest.ts). */
    status: text('status', { enum: ['pending', 'sending', 'sent', 'dead', 'held', 'digested'] })
      .notNull()
      .default('pending'),
    silent: boolean('silent').notNull().default(false),
    attempts: integer('attempts').notNull().default(0),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull().defaultNow(),
    /** While `sending`: when another dispatcher may take it over (its sender died mid-send). */
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('deliveries_due_idx')
      .on(t.dueAt)
      .where(sql`status in ('pending', 'sending')`),
    index('deliveries_channel_created_idx').on(t.channelId, t.createdAt),
    index('deliveries_outbox_idx').on(t.outboxId),
  ],
);
