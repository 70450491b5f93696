import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../channel';
import { createWebhookSender, parseRetryAfter, type WebhookSenderOptions } from './webhook.channel';
import { verifyWebhook } from './webhook-signature';

const secret = 'whsec_receiver_test';

interface Received {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  rawBody: Buffer;
  verification: ReturnType<typeof verifyWebhook>;
}

type Respond = (req: IncomingMessage, res: ServerResponse) => void;

const received: Received[] = [];

/** What a receiver does: check the signature on the raw bytes, refuse with 401 when it fails. */
const verifyingReceiver: Respond = (_req, res) => {
  const last = received.at(-1);
  if (!last?.verification.ok) {
    res.writeHead(401).end(last?.verification.ok === false ? last.verification.reason : '');
    return;
  }
  res.writeHead(204).end();
};

let server: Server;
let baseUrl: string;
let respond: Respond = verifyingReceiver;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks);
      const verification = verifyWebhook({
        secret,
        signatureHeader: req.headers['x-marketlens-signature'],
        timestampHeader: req.headers['x-marketlens-timestamp'],
        body: rawBody,
      });
      received.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, rawBody, verification });
      respond(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(() => {
  received.length = 0;
  respond = verifyingReceiver;
  server.closeAllConnections(); // drops the requests a "slow receiver" test left hanging
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const notification: Notification = {
  idempotencyKey: 'signal:42:webhook:7',
  topic: 'signal',
  title: 'ema-cross: enter long BTC-USD 1m at 43,210.5 — "fast" <crossed> slow',
  lines: ['ema(12)=43,190.2 > ema(26)=43,150.9', 'ünïcödé ≥ 5 % & more'],
  url: 'https://marketlens.example/signals/42',
  payload: { deploymentId: 3, side: 'long', price: 43210.5, nested: { ok: true } },
  createdAt: Date.UTC(2026, 11, 4, 14, 3, 0),
  silent: false,
};

function sender(overrides: Partial<WebhookSenderOptions> = {}) {
  return createWebhookSender({
    timeoutMs: 2_000,
    allowPrivateTargets: true,
    userAgent: 'MarketLens/test',
    ...overrides,
  });
}

const target = (path = '/hook', targetSecret = secret) => ({
  kind: 'webhook' as const,
  url: `${baseUrl}${path}`,
  secret: targetSecret,
});

describe('webhook sender against a local receiver', () => {
  it('POSTs the notification as signed JSON that the receiver verifies with verifyWebhook', async () => {
    respond = verifyingReceiver;
    const outcome = await sender().send(target('/hooks/in?src=ml'), notification);

    expect(outcome).toEqual({ status: 'sent', detail: 'HTTP 204 No Content' });
    expect(received).toHaveLength(1);
    const request = received[0]!;
    expect(request.verification, 'a receiver copying verifyWebhook accepts it').toEqual({ ok: true });
    expect(request.method).toBe('POST');
    expect(request.path, 'path and query are kept').toBe('/hooks/in?src=ml');
    expect(request.headers['content-type']).toBe('application/json');
    expect(request.headers['user-agent']).toBe('MarketLens/test');
    expect(request.headers['x-marketlens-idempotency-key']).toBe('signal:42:webhook:7');
    expect(request.headers['x-marketlens-timestamp']).toMatch(/^\d{10}$/);
    expect(JSON.parse(request.rawBody.toString('utf8'))).toEqual({
      id: 'signal:42:webhook:7',
      topic: 'signal',
      title: notification.title,
      lines: notification.lines,
      url: 'https://marketlens.example/signals/42',
      createdAt: '2026-12-04T14:03:00.000Z',
      payload: notification.payload,
    });
  });

  it('sends url null when the notification has no page', async () => {
    respond = verifyingReceiver;
    const { url: _url, ...withoutUrl } = notification;
    expect(await sender().send(target(), withoutUrl)).toMatchObject({ status: 'sent' });
    expect(JSON.parse(received[0]!.rawBody.toString('utf8')).url).toBeNull();
  });

  it('sends the same idempotency key on a repeated delivery, so the receiver can drop the duplicate', async () => {
    respond = verifyingReceiver;
    await sender().send(target(), notification);
    await sender().send(target(), notification);
    const keys = received.map((request) => request.headers['x-marketlens-idempotency-key']);
    expect(keys).toEqual(['signal:42:webhook:7', 'signal:42:webhook:7']);
  });

  it('is refused by a receiver holding another secret (the signature really is checked)', async () => {
    respond = verifyingReceiver;
    const outcome = await sender().send(target('/hook', 'whsec_wrong'), notification);
    expect(received[0]!.verification.ok).toBe(false);
    expect(outcome).toEqual({ status: 'failed', error: 'receiver answered HTTP 401 Unauthorized' });
  });

  it('connects to the address the guard approved, not to a fresh DNS answer', async () => {
    respond = verifyingReceiver;
    // hooks.example.test exists only in this fake DNS: the request can arrive only through the pinned address.
    const resolve = async () => ['127.0.0.1'];
    const port = new URL(baseUrl).port;
    const outcome = await sender({ resolve }).send(
      { kind: 'webhook', url: `http://hooks.example.test:${port}/pinned`, secret },
      notification,
    );
    expect(outcome).toMatchObject({ status: 'sent' });
    expect(received[0]?.headers.host).toBe(`hooks.example.test:${port}`);
  });

  it('percent-encodes an idempotency key that could not travel in a header', async () => {
    respond = verifyingReceiver;
    await sender().send(target(), { ...notification, idempotencyKey: 'k\r\nX-Evil: 1' });
    expect(received[0]!.headers['x-marketlens-idempotency-key']).toBe('k%0D%0AX-Evil: 1');
    expect(received[0]!.headers['x-evil']).toBeUndefined();
  });
});

describe('webhook sender: refusals and errors', () => {
  it('fails without sending when the guard refuses a loopback target', async () => {
    const outcome = await sender({ allowPrivateTargets: false }).send(target(), notification);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatch(/127\.0\.0\.1.*loopback.*not allowed/);
    expect(received, 'nothing reaches a refused target').toHaveLength(0);
  });

  it('fails a non-http scheme', async () => {
    const outcome = await sender().send({ kind: 'webhook', url: 'file:///etc/passwd', secret }, notification);
    expect(outcome).toMatchObject({ status: 'failed' });
  });

  it('retries when the host does not resolve, since DNS trouble can pass', async () => {
    const resolve = async () => {
      throw new Error('getaddrinfo EAI_AGAIN hooks.example.test');
    };
    const outcome = await sender({ resolve }).send(
      { kind: 'webhook', url: 'http://hooks.example.test/', secret },
      notification,
    );
    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/EAI_AGAIN/);
  });

  it('retries a 500', async () => {
    respond = (_req, res) => res.writeHead(500).end('boom');
    expect(await sender().send(target(), notification)).toEqual({
      status: 'retry',
      error: 'receiver answered HTTP 500 Internal Server Error',
    });
  });

  it('retries a 429 after the Retry-After seconds', async () => {
    respond = (_req, res) => res.writeHead(429, { 'Retry-After': '7' }).end();
    expect(await sender().send(target(), notification)).toEqual({
      status: 'retry',
      error: 'receiver answered HTTP 429 Too Many Requests',
      retryAfterMs: 7000,
    });
  });

  it('retries a 503 after a Retry-After HTTP date, measured on the sender clock', async () => {
    const now = Date.parse('2026-12-04T14:03:00Z');
    respond = (_req, res) => res.writeHead(503, { 'Retry-After': 'Fri, 04 Dec 2026 14:04:30 GMT' }).end();
    expect(await sender({ now: () => now }).send(target(), notification)).toMatchObject({
      status: 'retry',
      retryAfterMs: 90_000,
    });
  });

  it.each([408, 425])('retries a %i', async (status) => {
    respond = (_req, res) => res.writeHead(status).end();
    const outcome = await sender().send(target(), notification);
    expect(outcome).toMatchObject({ status: 'retry' });
    expect(outcome, 'no Retry-After header, so no delay of our own invention').not.toHaveProperty('retryAfterMs');
  });

  it.each([400, 404, 410, 413])('fails a %i at once, since retrying cannot help', async (status) => {
    respond = (_req, res) => res.writeHead(status).end();
    const outcome = await sender().send(target(), notification);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatch(new RegExp(`HTTP ${status}`));
  });

  it('fails a 302 and does not follow it', async () => {
    respond = (req, res) => {
      if (req.url === '/hook') res.writeHead(302, { Location: `${baseUrl}/internal-admin` }).end();
      else res.writeHead(204).end();
    };
    const outcome = await sender().send(target(), notification);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatch(/302.*redirect to .*\/internal-admin.*not followed/);
    expect(
      received.map((request) => request.path),
      'the redirect target was never requested',
    ).toEqual(['/hook']);
  });

  it('retries when the receiver does not answer within the timeout', async () => {
    respond = () => undefined; // holds the request open; afterEach drops the connection
    const outcome = await sender({ timeoutMs: 200 }).send(target(), notification);
    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/no response within 200 ms/);
  });

  it('retries when nothing listens on the port', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const outcome = await sender().send({ kind: 'webhook', url: `http://127.0.0.1:${port}/`, secret }, notification);
    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/ECONNREFUSED/);
  });

  it('retries, saying so, when the caller cancels', async () => {
    respond = () => undefined;
    const controller = new AbortController();
    const pending = sender().send(target(), notification, controller.signal);
    controller.abort();
    const outcome = await pending;
    expect(outcome).toEqual({ status: 'retry', error: expect.stringMatching(/delivery cancelled/) });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-12-04T14:03:00Z');

  it.each([
    ['7', 7000],
    [' 0 ', 0],
    ['Fri, 04 Dec 2026 14:03:10 GMT', 10_000],
    ['Fri, 04 Dec 2026 14:00:00 GMT', 0],
  ])('reads %j as %i ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it.each([undefined, '', 'soon', '-5', '1.5'])('ignores %j', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
