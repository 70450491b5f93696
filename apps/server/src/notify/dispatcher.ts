import type { AppContext } from '../context';
import { backoffDelay } from '../jobs/backoff';
import type { ChannelKind, ChannelSender, ChannelTarget, DeliveryOutcome, Notification } from './channel';
import {
  claimDueDeliveries,
  lockPendingEvents,
  markDead,
  markEventDead,
  markSent,
  recipientsOf,
  reschedule,
  routeEvent,
  type ClaimedDelivery,
} from './deliveries.store';
import { notificationTopics } from './notification-topics';

export interface DispatcherSettings {
  pollMs: number;
  batchSize: number;
  leaseMs: number;
  maxAttempts: number;
  backoffMs: number;
  maxBackoffMs: number;
  publicUrl: string;
}

/** Holds a send back when a channel's rate limit is reached: ms to wait (0: send now, the slot is booked). */
export type DeliveryThrottle = (kind: ChannelKind, target: ChannelTarget) => number;

export interface DispatcherOptions {
  senders: ReadonlyMap<ChannelKind, ChannelSender>;
  settings: DispatcherSettings;
  throttle?: DeliveryThrottle;
  random?: () => number;
}

/** Events routed per transaction: small enough that a crash redoes little, large enough for bursts. */
const ROUTE_BATCH = 100;

/**
 * Delivers the outbox (the `worker` role, or in process in embedded mode). A round routes new events into
 * deliveries (one per subscribed channel, in the transaction that marks the event routed), then claims due
 * deliveries with a lease and sends them **one at a time**, recording each outcome before the next send: a
 * crash can leave at most one delivery sent but not recorded, which the lease hands to the next dispatcher
 * (one duplicate per crash at most; webhooks carry the idempotency key so receivers drop it). Transient
 * failures retry with exponential backoff and jitter (or the receiver's Retry-After); permanent ones, and the
 * last attempt, are dead-lettered.
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  private readonly abort = new AbortController();

  constructor(
    private readonly ctx: AppContext,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.timer = setInterval(() => void this.wake(), this.options.settings.pollMs);
    this.timer.unref();
    void this.wake();
  }

  /** Stops after the send in flight; claimed but unsent deliveries go back to pending at once. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    this.abort.abort(new Error('dispatcher stopping'));
    await this.running;
    for (const sender of this.options.senders.values()) await sender.close?.();
  }

  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.loop().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** One full round now (tests drive the dispatcher with this). */
  async runOnce(): Promise<{ routed: number; delivered: number }> {
    const routed = await this.routeAll();
    const delivered = await this.deliverDue(true);
    return { routed, delivered };
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.routeAll();
        // A full batch means more may be due: go round again rather than wait for the timer.
        if ((await this.deliverDue(false)) >= this.options.settings.batchSize) this.again = true;
      } catch (err) {
        this.ctx.log.error({ err }, 'notification dispatcher round failed');
      }
    } while (this.again && !this.stopped);
  }

  /** Routes every pending event, batch by batch, each batch one transaction. */
  private async routeAll(): Promise<number> {
    let total = 0;
    const topics = notificationTopics(this.ctx);
    for (;;) {
      const routed = await this.ctx.db.orm.transaction(async (tx) => {
        const events = await lockPendingEvents(tx, ROUTE_BATCH);
        for (const event of events) {
          const topic = topics.get(event.topic);
          if (!topic) {
            await markEventDead(tx, event.id, `no notification topic "${event.topic}" is defined in this process`);
            continue;
          }
          const recipients = await recipientsOf(tx, topic.audience(event.payload), topic.readRole);
          await routeEvent(tx, event, recipients);
        }
        return events.length;
      });
      total += routed;
      if (routed < ROUTE_BATCH) return total;
    }
  }

  /** Claims a batch of due deliveries and sends them in order; returns how many were claimed. */
  private async deliverDue(once: boolean): Promise<number> {
    const { settings } = this.options;
    const claimed = await claimDueDeliveries(this.ctx.db.orm, settings.leaseMs, settings.batchSize);
    for (const [i, delivery] of claimed.entries()) {
      if (this.stopped && !once) {
        // Not sent: hand the rest back now instead of leaving them to their lease.
        for (const rest of claimed.slice(i)) await reschedule(this.ctx.db.orm, rest.id, 0, null, false);
        break;
      }
      await this.deliverOne(delivery);
    }
    return claimed.length;
  }

  private async deliverOne(delivery: ClaimedDelivery): Promise<void> {
    const { ctx, options } = this;
    const orm = ctx.db.orm;
    const channel = delivery.kind;
    const sender = options.senders.get(channel);
    if (!sender) {
      await this.failed(delivery, { status: 'retry', error: notConfigured(channel) });
      return;
    }
    const target = channelTarget(delivery);
    const wait = options.throttle?.(channel, target) ?? 0;
    if (wait > 0) {
      await reschedule(orm, delivery.id, wait, null, false);
      return;
    }
    let outcome: DeliveryOutcome;
    try {
      outcome = await sender.send(target as never, this.render(delivery), this.abort.signal);
    } catch (err) {
      outcome = { status: 'retry', error: err instanceof Error ? err.message : String(err) };
    }
    if (outcome.status === 'sent') {
      await markSent(orm, delivery.id);
      ctx.metrics.notificationsSent.inc({ channel });
      return;
    }
    await this.failed(delivery, outcome);
  }

  private async failed(delivery: ClaimedDelivery, outcome: Exclude<DeliveryOutcome, { status: 'sent' }>) {
    const { ctx, options } = this;
    const channel = delivery.kind;
    ctx.metrics.notificationsFailed.inc({ channel });
    const last = delivery.attempts >= options.settings.maxAttempts;
    if (outcome.status === 'failed' || last) {
      const why =
        outcome.status === 'failed' ? outcome.error : `${outcome.error} (attempt ${delivery.attempts}, giving up)`;
      await markDead(ctx.db.orm, delivery.id, why);
      ctx.metrics.notificationsDeadLettered.inc({ channel });
      ctx.log.warn({ delivery: delivery.id, channel, error: why }, 'notification dead-lettered');
      return;
    }
    const { backoffMs, maxBackoffMs } = options.settings;
    const delay = Math.min(maxBackoffMs, backoffDelay(delivery.attempts, backoffMs, 0.5, options.random));
    await reschedule(ctx.db.orm, delivery.id, Math.max(delay, outcome.retryAfterMs ?? 0), outcome.error);
  }

  private render(delivery: ClaimedDelivery): Notification {
    const topic = notificationTopics(this.ctx).get(delivery.topic);
    const rendered = topic?.render(delivery.payload) ?? { title: delivery.topic, lines: [] };
    const muted = delivery.mutedUntil !== null && delivery.mutedUntil.getTime() > Date.now();
    return {
      idempotencyKey: delivery.idempotencyKey,
      topic: delivery.topic,
      title: rendered.title,
      lines: rendered.lines,
      url: rendered.path ? new URL(rendered.path, this.options.settings.publicUrl).toString() : undefined,
      payload: delivery.payload,
      createdAt: delivery.eventAt.getTime(),
      silent: delivery.silent || muted,
    };
  }
}

function channelTarget(delivery: ClaimedDelivery): ChannelTarget {
  const target = delivery.target as Record<string, string>;
  if (delivery.kind === 'telegram') return { kind: 'telegram', chatId: target.chatId! };
  if (delivery.kind === 'email') return { kind: 'email', address: target.address! };
  return { kind: 'webhook', url: target.url!, secret: delivery.secret ?? '' };
}

const SETTING: Record<ChannelKind, string> = {
  telegram: 'MARKETLENS_TELEGRAM__BOT_TOKEN',
  email: 'MARKETLENS_EMAIL__SMTP_URL',
  webhook: 'webhooks',
};

function notConfigured(kind: ChannelKind): string {
  return `the ${kind} channel is not configured in this process (${SETTING[kind]})`;
}
