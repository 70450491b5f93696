import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EntityParseError, parseMarkdownV2, type MessageEntity } from './telegram-markdown-v2';

// A local imitation of the Telegram Bot API (https://core.telegram.org/bots/api) for the methods grammY and
// our bot use: getMe, sendMessage, getUpdates (long polling), setWebhook, deleteWebhook, getWebhookInfo,
// setMyCommands, getMyCommands. Tests point grammY's `apiRoot` at it, so the real client, HTTP and error
// shapes are exercised, and they script what Telegram would do: a user writing to the bot, flood limits
// (429), a user blocking the bot, an outage. MarkdownV2 is parsed as Telegram parses it
// (telegram-markdown-v2.ts), so a badly escaped message is rejected here as it would be in production.

export interface SentMessage {
  messageId: number;
  chatId: string;
  /** As the bot sent it: the MarkdownV2 source when parseMode is set. */
  text: string;
  /** What the chat shows: the text after entity parsing. */
  shownText: string;
  entities: MessageEntity[];
  parseMode: string | undefined;
  disableNotification: boolean;
  linkPreviewDisabled: boolean;
  sentAt: number;
}

export interface TelegramUser {
  id: number;
  is_bot: boolean;
  first_name: string;
  username?: string;
  language_code?: string;
}

export interface TelegramBotApi {
  /** The `apiRoot` for grammY (no trailing slash). */
  url: string;
  token: string;
  /** Every message the API accepted, in order. */
  messages: SentMessage[];
  /** The bot's commands as last set with setMyCommands. */
  readonly commands: unknown[];
  /** A getUpdates long poll is waiting for updates. */
  readonly isPolling: boolean;
  /** The webhook as last set with setWebhook, undefined in long-polling mode. */
  readonly webhook: { url: string; secretToken?: string } | undefined;
  /** A user writes `text` to the bot from a private chat; returns the update_id. */
  injectMessage(chatId: number | string, text: string, from?: Partial<TelegramUser>): number;
  /** The next `n` sendMessage calls answer 429 Too Many Requests with `retry_after`. */
  failNext(n: number, retryAfterSeconds: number): void;
  /** The next `n` sendMessage calls answer `status`: a Bot API JSON error or, as the proxy in front of it does, an HTML page. */
  failNextWithStatus(n: number, status: number, body?: 'json' | 'html'): void;
  /** The next `n` sendMessage calls never answer (until close), for client timeouts. */
  holdNext(n: number): void;
  /** The user of this chat blocked the bot: sendMessage answers 403 from now on. */
  block(chatId: number | string): void;
  close(): Promise<void>;
}

export interface TelegramBotApiOptions {
  /** "<bot id>:<secret>"; requests with any other token get 401. */
  token?: string;
  /** Long polls are cut to this, whatever `timeout` the bot asks for, so tests and bot.stop() stay fast. */
  longPollMaxMs?: number;
}

interface Reply {
  status: number;
  body: unknown;
}

type Fault =
  { kind: 'flood'; retryAfter: number } | { kind: 'status'; status: number; body: 'json' | 'html' } | { kind: 'hold' };
type Params = Record<string, unknown>;
type Update = { update_id: number; message: Record<string, unknown> };

/** Longest message text Telegram accepts, after entity parsing. */
const MAX_TEXT_LENGTH = 4096;
const ok = (result: unknown): Reply => ({ status: 200, body: { ok: true, result } });
const fail = (code: number, description: string, parameters?: { retry_after: number }): Reply => ({
  status: code,
  body: { ok: false, error_code: code, description, ...(parameters ? { parameters } : {}) },
});

export async function startTelegramBotApi(options: TelegramBotApiOptions = {}): Promise<TelegramBotApi> {
  const token = options.token ?? '123456:TEST-token';
  const longPollMaxMs = options.longPollMaxMs ?? 1000;
  const bot: TelegramUser = {
    id: Number(token.split(':')[0]) || 1,
    is_bot: true,
    first_name: 'MarketLens',
    username: 'marketlens_test_bot',
  };
  const messages: SentMessage[] = [];
  const faults: Fault[] = [];
  const blocked = new Set<string>();
  const updates: Update[] = [];
  let commands: unknown[] = [];
  let webhook: { url: string; secretToken?: string } | undefined;
  let poller: { limit: number; answer: (reply: Reply) => void } | undefined;
  let nextUpdateId = 1;
  let nextMessageId = 1;
  let pumping = false;

  /** Hands the waiting long poll what is queued (or `reply`) and forgets it. */
  function answerPoller(reply?: Reply) {
    const waiting = poller;
    poller = undefined;
    waiting?.answer(reply ?? ok(updates.slice(0, waiting.limit)));
  }

  function sendMessage(params: Params): Reply | Promise<Reply> {
    const fault = faults.shift();
    if (fault?.kind === 'hold') return new Promise<Reply>(() => undefined);
    if (fault?.kind === 'flood') {
      return fail(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter });
    }
    if (fault?.kind === 'status') {
      if (fault.body === 'html')
        return { status: fault.status, body: `<html><body><h1>${fault.status}</h1></body></html>` };
      return fail(fault.status, fault.status >= 500 ? 'Internal Server Error' : `Error ${fault.status}`);
    }
    const chatId = String(params.chat_id ?? '');
    if (!chatId) return fail(400, 'Bad Request: chat_id is empty');
    if (blocked.has(chatId)) return fail(403, 'Forbidden: bot was blocked by the user');
    const text = String(params.text ?? '');
    const parseMode =
      params.parse_mode === undefined || params.parse_mode === '' ? undefined : String(params.parse_mode);
    if (parseMode !== undefined && parseMode !== 'MarkdownV2') return fail(400, 'Bad Request: unsupported parse_mode');
    let shown: { text: string; entities: MessageEntity[] };
    try {
      shown = parseMode ? parseMarkdownV2(text) : { text, entities: [] };
    } catch (error) {
      if (error instanceof EntityParseError) return fail(400, `Bad Request: can't parse entities: ${error.message}`);
      throw error;
    }
    if (shown.text.trim() === '') return fail(400, 'Bad Request: message text is empty');
    if (shown.text.length > MAX_TEXT_LENGTH) return fail(400, 'Bad Request: message is too long');
    const linkPreview = jsonField(params.link_preview_options) as { is_disabled?: unknown } | undefined;
    const sent: SentMessage = {
      messageId: nextMessageId++,
      chatId,
      text,
      shownText: shown.text,
      entities: shown.entities,
      parseMode,
      disableNotification: isTrue(params.disable_notification),
      linkPreviewDisabled: isTrue(linkPreview?.is_disabled),
      sentAt: Date.now(),
    };
    messages.push(sent);
    return ok({
      message_id: sent.messageId,
      from: bot,
      chat: { id: Number(chatId), type: 'private' },
      date: Math.floor(sent.sentAt / 1000),
      text: shown.text,
      ...(shown.entities.length ? { entities: shown.entities } : {}),
    });
  }

  function getUpdates(params: Params, closed: AbortSignal): Reply | Promise<Reply> {
    if (webhook) {
      return fail(
        409,
        "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first",
      );
    }
    // Asking from `offset` confirms every earlier update: they are never sent again.
    const offset = Number(params.offset ?? 0);
    if (offset < 0) updates.splice(0, Math.max(0, updates.length + offset));
    while (updates[0] && updates[0].update_id < offset) updates.shift();
    const limit = Math.min(100, Math.max(1, Number(params.limit ?? 100)));
    const timeoutMs = Math.min(longPollMaxMs, Number(params.timeout ?? 0) * 1000);
    if (updates.length > 0 || timeoutMs <= 0) return ok(updates.slice(0, limit));
    // Telegram serves one long poll per bot: a second one ends the first.
    answerPoller(
      fail(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'),
    );
    return new Promise<Reply>((resolve) => {
      const timer = setTimeout(() => answerPoller(), timeoutMs);
      const self = { limit, answer: (reply: Reply) => (clearTimeout(timer), resolve(reply)) };
      poller = self;
      closed.addEventListener('abort', () => {
        if (poller === self) answerPoller();
      });
    });
  }

  function setWebhook(params: Params): Reply {
    const url = String(params.url ?? '');
    if (url === '') return deleteWebhook(params);
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return fail(400, 'Bad Request: bad webhook: invalid URL');
    }
    // Only loopback: the imitation must never post to the outside world.
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(target.hostname)) {
      return fail(400, 'Bad Request: bad webhook: this imitation only delivers to loopback URLs');
    }
    if (isTrue(params.drop_pending_updates)) updates.length = 0;
    webhook = { url, ...(params.secret_token ? { secretToken: String(params.secret_token) } : {}) };
    answerPoller(fail(409, 'Conflict: terminated by setWebhook request'));
    void pumpWebhook();
    return ok(true);
  }

  function deleteWebhook(params: Params): Reply {
    if (isTrue(params.drop_pending_updates)) updates.length = 0;
    webhook = undefined;
    return ok(true);
  }

  /** Posts queued updates to the webhook in order; stops at the first failure (retried on the next update). */
  async function pumpWebhook() {
    if (pumping) return;
    pumping = true;
    try {
      while (webhook && updates[0]) {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (webhook.secretToken) headers['x-telegram-bot-api-secret-token'] = webhook.secretToken;
        const body = JSON.stringify(updates[0]);
        const response = await fetch(webhook.url, { method: 'POST', headers, body }).catch(() => undefined);
        if (!response?.ok) return;
        updates.shift();
      }
    } finally {
      pumping = false;
    }
  }

  const methods: Record<string, (params: Params, closed: AbortSignal) => Reply | Promise<Reply>> = {
    getme: () => ok(bot),
    sendmessage: sendMessage,
    getupdates: getUpdates,
    setwebhook: setWebhook,
    deletewebhook: deleteWebhook,
    getwebhookinfo: () =>
      ok({ url: webhook?.url ?? '', has_custom_certificate: false, pending_update_count: updates.length }),
    setmycommands: (params) => ((commands = (jsonField(params.commands) as unknown[] | undefined) ?? []), ok(true)),
    getmycommands: () => ok(commands),
  };

  async function handle(req: IncomingMessage, closed: AbortSignal): Promise<Reply> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(url.pathname);
    if (!match) return fail(404, 'Not Found');
    if (match[1] !== token) return fail(401, 'Unauthorized');
    // Telegram matches method names case-insensitively.
    const method = methods[match[2]!.toLowerCase()];
    if (!method) return fail(404, 'Not Found');
    const params = await readParams(req, url);
    return params ? method(params, closed) : fail(400, "Bad Request: can't parse JSON");
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const closed = new AbortController();
    res.on('close', () => closed.abort());
    handle(req, closed.signal)
      .then((reply) => send(res, reply))
      .catch((error: unknown) => send(res, fail(500, `Internal Server Error: ${String(error)}`)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    token,
    messages,
    get commands() {
      return commands;
    },
    get isPolling() {
      return poller !== undefined;
    },
    get webhook() {
      return webhook;
    },
    injectMessage(chatId, text, from) {
      const user: TelegramUser = { id: Number(chatId), is_bot: false, first_name: 'Test', ...from };
      const update: Update = {
        update_id: nextUpdateId++,
        message: {
          message_id: nextMessageId++,
          from: user,
          chat: {
            id: Number(chatId),
            type: 'private',
            first_name: user.first_name,
            ...(user.username ? { username: user.username } : {}),
          },
          date: Math.floor(Date.now() / 1000),
          text,
          ...commandEntities(text),
        },
      };
      updates.push(update);
      if (webhook) void pumpWebhook();
      else if (poller) answerPoller();
      return update.update_id;
    },
    failNext: (n, retryAfter) =>
      faults.push(...Array.from({ length: n }, () => ({ kind: 'flood' as const, retryAfter }))),
    failNextWithStatus: (n, status, body = 'json') =>
      faults.push(...Array.from({ length: n }, () => ({ kind: 'status' as const, status, body }))),
    holdNext: (n) => faults.push(...Array.from({ length: n }, () => ({ kind: 'hold' as const }))),
    block: (chatId) => void blocked.add(String(chatId)),
    close: () =>
      new Promise<void>((resolve) => {
        answerPoller();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Query string, then a JSON or form body, as the Bot API accepts them; undefined for unreadable JSON. */
async function readParams(req: IncomingMessage, url: URL): Promise<Params | undefined> {
  const params: Params = Object.fromEntries(url.searchParams);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = Buffer.concat(chunks).toString('utf8');
  if (!body) return params;
  const type = req.headers['content-type'] ?? '';
  if (type.includes('application/x-www-form-urlencoded'))
    return { ...params, ...Object.fromEntries(new URLSearchParams(body)) };
  if (!type.includes('application/json')) return params;
  try {
    return { ...params, ...(JSON.parse(body) as Params) };
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, reply: Reply) {
  if (res.destroyed) return;
  const html = typeof reply.body === 'string';
  res.writeHead(reply.status, { 'content-type': html ? 'text/html' : 'application/json' });
  res.end(html ? reply.body : JSON.stringify(reply.body));
}

/** Object fields arrive as JSON text in query strings and form bodies. */
function jsonField(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return undefined;
  }
}

function isTrue(value: unknown): boolean {
  return value === true || value === 'true';
}

/** Telegram marks every /command in a message; grammY's bot.command() relies on these entities. */
function commandEntities(text: string): { entities?: { type: 'bot_command'; offset: number; length: number }[] } {
  const entities = [...text.matchAll(/(?<=^|\s)\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/g)].map((m) => ({
    type: 'bot_command' as const,
    offset: m.index,
    length: m[0].length,
  }));
  return entities.length ? { entities } : {};
}
