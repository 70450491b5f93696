import type { AlertRule, Delivery, NotificationChannel, Subscription } from '@marketlens/contracts';
import { ApiError } from '../../../shared/api/api-error';
import type { Schema } from '../../../shared/api/parse-response';
import type { RequestOptions } from '../../../shared/api/api-client';

// A stand-in for the notifications and alerts API behind `api.request`, for component tests: it keeps
// state, answers as the server does, and checks every answer against the contract's schema as the
// real client would. Tests read `calls` to see what was sent.

export interface FakeCall {
  method: string;
  path: string;
  body: unknown;
  query: RequestOptions['query'];
}

export const KINDS = [
  {
    kind: 'price_cross',
    params: {
      type: 'object',
      properties: {
        level: { type: 'number', exclusiveMinimum: 0 },
        direction: { default: 'either', type: 'string', enum: ['above', 'below', 'either'] },
      },
      required: ['level'],
    },
  },
  {
    kind: 'price_move',
    params: {
      type: 'object',
      properties: {
        pct: { type: 'number', exclusiveMinimum: 0, maximum: 10 },
        windowBars: { type: 'integer', minimum: 1, maximum: 1000 },
        direction: { default: 'either', type: 'string', enum: ['up', 'down', 'either'] },
      },
      required: ['pct', 'windowBars'],
    },
  },
];

const CREATED = '2026-01-02T09:00:00.000Z';
let counter = 0;
const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

export function telegramChannel(username: string, chatId = '4242'): NotificationChannel {
  return {
    id: uuid(),
    kind: 'telegram',
    label: `@${username}`,
    verified: true,
    mutedUntil: null,
    createdAt: CREATED,
    chatId,
    username,
  };
}

export function emailChannel(address: string, verified: boolean): NotificationChannel {
  return { id: uuid(), kind: 'email', label: address, verified, mutedUntil: null, createdAt: CREATED, address };
}

export function delivery(id: number, status: Delivery['status'], channel: NotificationChannel): Delivery {
  return {
    id,
    channel: { id: channel.id, kind: channel.kind, label: channel.label },
    topic: 'signal',
    title: `ema-cross v1: enter long BTC-USD 1d #${id}`,
    status,
    attempts: status === 'dead' ? 8 : 1,
    lastError: status === 'dead' ? 'Telegram 403: bot was blocked by the user' : null,
    createdAt: CREATED,
    sentAt: status === 'sent' ? CREATED : null,
    dueAt: CREATED,
  };
}

export interface FakeState {
  channels: NotificationChannel[];
  subscriptions: Subscription[];
  rules: AlertRule[];
  deliveries: Delivery[];
  /** Answers POST /notifications/telegram/link-code with this error instead of a code. */
  linkCodeError?: ApiError;
}

type Handler = (call: FakeCall, state: FakeState, match: RegExpExecArray) => unknown;

const ROUTES: [string, RegExp, Handler][] = [
  ['GET', /^\/notifications\/channels$/, (_c, s) => ({ channels: s.channels })],
  [
    'POST',
    /^\/notifications\/channels$/,
    (call, s) => {
      const body = call.body as { kind: string; url?: string; address?: string; label?: string };
      if (body.kind === 'webhook') {
        const channel: NotificationChannel = {
          id: uuid(),
          kind: 'webhook',
          label: body.label ?? new URL(body.url!).host,
          verified: true,
          mutedUntil: null,
          createdAt: CREATED,
          url: body.url!,
        };
        s.channels.push(channel);
        return { channel, secret: 'whsec-Zm9vYmFyYmF6' };
      }
      const channel = emailChannel(body.address!, false);
      s.channels.push(channel);
      return { channel };
    },
  ],
  [
    'DELETE',
    /^\/notifications\/channels\/([^/]+)$/,
    (_c, s, m) => {
      s.channels = s.channels.filter((c) => c.id !== m[1]);
      return null;
    },
  ],
  ['POST', /^\/notifications\/channels\/([^/]+)\/test$/, () => ({ deliveryId: 77 })],
  [
    'POST',
    /^\/notifications\/telegram\/link-code$/,
    (_c, s) => {
      if (s.linkCodeError) throw s.linkCodeError;
      return {
        code: 'c0de-1234',
        link: 'https://t.me/marketlens_test_bot?start=c0de-1234',
        expiresAt: new Date(Date.now() + 10 * 60_000).toISOString(),
      };
    },
  ],
  ['GET', /^\/notifications\/subscriptions$/, (_c, s) => ({ subscriptions: s.subscriptions })],
  [
    'POST',
    /^\/notifications\/subscriptions$/,
    (call, s) => {
      const body = call.body as {
        channelId: string;
        source: Subscription['source'];
        ref: string;
        level?: Subscription['level'];
      };
      const channel = s.channels.find((c) => c.id === body.channelId)!;
      const sub: Subscription = {
        id: uuid(),
        channel: { id: channel.id, kind: channel.kind, label: channel.label },
        source: body.source,
        ref: body.ref,
        level: body.level ?? 'on',
        mode: 'immediate',
        createdAt: CREATED,
      };
      s.subscriptions.push(sub);
      return sub;
    },
  ],
  [
    'PATCH',
    /^\/notifications\/subscriptions\/([^/]+)$/,
    (call, s, m) => {
      const sub = s.subscriptions.find((x) => x.id === m[1])!;
      Object.assign(sub, call.body);
      return sub;
    },
  ],
  [
    'GET',
    /^\/notifications\/deliveries$/,
    (call, s) => ({
      deliveries: s.deliveries.filter((d) => !call.query?.status || d.status === call.query.status),
    }),
  ],
  [
    'POST',
    /^\/notifications\/deliveries\/(\d+)\/retry$/,
    (_c, s, m) => {
      const d = s.deliveries.find((x) => x.id === Number(m[1]))!;
      d.status = 'pending';
      return { id: d.id, status: 'pending' };
    },
  ],
  ['GET', /^\/alerts\/kinds$/, () => ({ kinds: KINDS })],
  ['GET', /^\/alerts\/rules$/, (_c, s) => ({ rules: s.rules })],
  [
    'POST',
    /^\/alerts\/rules$/,
    (call, s) => {
      const body = call.body as Omit<AlertRule, 'id' | 'description' | 'lastTriggeredAt' | 'lastError' | 'createdAt'>;
      const rule: AlertRule = {
        ...body,
        id: uuid(),
        description: `${body.kind} rule`,
        lastTriggeredAt: null,
        lastError: null,
        createdAt: CREATED,
      };
      s.rules.push(rule);
      return rule;
    },
  ],
  [
    'PATCH',
    /^\/alerts\/rules\/([^/]+)$/,
    (call, s, m) => {
      const rule = s.rules.find((r) => r.id === m[1])!;
      Object.assign(rule, call.body);
      return rule;
    },
  ],
  ['GET', /^\/alerts\/events$/, () => ({ events: [] })],
];

export function createFakeAlertsApi(initial: Partial<FakeState> = {}) {
  const state: FakeState = { channels: [], subscriptions: [], rules: [], deliveries: [], ...initial };
  const calls: FakeCall[] = [];
  const request = async <T>(path: string, schema: Schema<T>, options: RequestOptions = {}): Promise<T> => {
    const call: FakeCall = { method: options.method ?? 'GET', path, body: options.body, query: options.query };
    calls.push(call);
    for (const [method, pattern, handle] of ROUTES) {
      const match = pattern.exec(path);
      if (method !== call.method || !match) continue;
      const answer = handle(call, state, match);
      const parsed = schema.safeParse(answer);
      if (!parsed.success) throw new Error(`fake answer to ${call.method} ${path} breaks the contract`);
      return parsed.data;
    }
    throw new ApiError(404, 'NOT_FOUND', `no fake route for ${call.method} ${path}`);
  };
  /** What was sent with `method` to a path matching `path`. */
  const sent = (method: string, path: RegExp) => calls.filter((c) => c.method === method && path.test(c.path));
  return { state, calls, request, sent };
}
