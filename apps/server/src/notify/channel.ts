// What every delivery channel (Telegram, email, webhook) implements. The dispatcher (dispatcher.ts) claims a
// delivery, renders its notification once, hands it to the channel's sender and records the outcome; senders
// never touch the database, so each one is tested alone against a local server.

export type ChannelKind = 'telegram' | 'email' | 'webhook';

/** One notification as every channel renders it. */
export interface Notification {
  /** Unique per (event, channel): webhooks send it as X-MarketLens-Idempotency-Key. */
  idempotencyKey: string;
  /** What caused it: `signal`, `alert`, `test`, `digest` ... */
  topic: string;
  /** One short line: "ema-cross: enter long BTC-USD 1m at 43,210.5". Plain text; channels escape it. */
  title: string;
  /** Further plain-text lines (the evidence line of a signal, the values that triggered an alert). */
  lines: string[];
  /** Link into the web app, when there is a page for it. */
  url?: string;
  /** The structured event, sent as the webhook's JSON body. */
  payload: Record<string, unknown>;
  /** When the event happened (ms). */
  createdAt: number;
  /** Deliver without sound/notification where the channel can (subscription level `silent`). */
  silent: boolean;
}

/** Where one channel delivers. */
export type ChannelTarget =
  | { kind: 'telegram'; chatId: string }
  | { kind: 'email'; address: string }
  | { kind: 'webhook'; url: string; secret: string };

/**
 * What a send attempt came to. `retry`: a transient failure (timeout, 5xx, 429), tried again later, after
 * `retryAfterMs` when the receiver said so; `failed`: permanent (400, 403 chat blocked, bad address): the
 * delivery is dead-lettered at once, since retrying cannot help.
 */
export type DeliveryOutcome =
  | { status: 'sent'; detail?: string }
  | { status: 'retry'; error: string; retryAfterMs?: number }
  | { status: 'failed'; error: string };

export interface ChannelSender<K extends ChannelKind = ChannelKind> {
  readonly kind: K;
  send(
    target: Extract<ChannelTarget, { kind: K }>,
    notification: Notification,
    signal?: AbortSignal,
  ): Promise<DeliveryOutcome>;
  close?(): Promise<void>;
}
