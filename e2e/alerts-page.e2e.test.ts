import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTelegramBotApi, type TelegramBotApi } from '../apps/server/test/telegram-bot-api';
import { ensureWebBuild } from '../scripts/web-build.mjs';
import { hasChromium, launchChromium } from './browser';
import { startServerProcess, type ServerProcess } from './server-process';

const OUTPUT = fileURLToPath(new URL('../test-output/e2e', import.meta.url));
const BOT_TOKEN = '777000:alerts-e2e-token';
const CHAT_ID = 424242;
const LIVE = 'E2E-ALERT';
const NAME = 'ema-cross-alerts';
const STRATEGY = {
  name: NAME,
  timeframe: '1d',
  side: 'long',
  entry: 'crosses_above(ema(close, 5), sma(close, 20))',
  exit: 'crosses_below(ema(close, 5), sma(close, 20))',
};

/**
 * A daily series whose fast EMA crosses its slow SMA every few weeks (as in signals-page.e2e.test.ts): its
 * first half is the live instrument the engine warms up on, the whole is the replay's source.
 */
function liveCsvParts(): [string, string] {
  const header = 'Date,Open,High,Low,Close,Volume';
  const rows: string[] = [];
  const level = (i: number) => 100 + 10 * Math.sin(i / 6) + i * 0.05;
  for (let i = 0; i < 200; i++) {
    const [open, close] = [level(i - 1), level(i)];
    const date = new Date(Date.UTC(2024, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const high = (Math.max(open, close) * 1.01).toFixed(2);
    const low = (Math.min(open, close) * 0.99).toFixed(2);
    rows.push(`${date},${open.toFixed(2)},${high},${low},${close.toFixed(2)},1000`);
  }
  return [`${[header, ...rows.slice(0, 100)].join('\n')}\n`, `${[header, ...rows].join('\n')}\n`];
}

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback (embedded mode allows private targets) that keeps every request. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/marketlens`, received, server };
}

/** The receiver's check from docs/notifications.md: HMAC-SHA256 of "<timestamp>.<raw body>". */
function signedWith(secret: string, { headers, body }: Received): boolean {
  const timestamp = String(headers['x-marketlens-timestamp'] ?? '');
  const signature = String(headers['x-marketlens-signature'] ?? '');
  if (!/^\d+$/.test(timestamp) || !/^sha256=[0-9a-f]{64}$/.test(signature)) return false;
  const expected = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(signature.slice('sha256='.length), 'hex'));
}

describe.skipIf(!hasChromium)('Alerts page in Chromium (needs /usr/bin/chromium)', () => {
  let imitation: TelegramBotApi;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let token: string;
  const [firstPart, wholeSeries] = liveCsvParts();

  const api = async (method: 'GET' | 'POST', path: string, data?: object) => {
    const response = await page.request.fetch(`${server.url}/api/v1${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
      ...(data ? { data } : {}),
    });
    expect(response.ok(), `${method} ${path}: ${await response.text()}`).toBe(true);
    return response.json() as Promise<Record<string, unknown>>;
  };
  const importCsv = async (symbol: string, csv: string) => {
    const response = await page.request.post(
      `${server.url}/api/v1/instruments/${symbol}/import?timeframe=1d&timezone=UTC`,
      {
        headers: { authorization: `Bearer ${token}` },
        multipart: { file: { name: `${symbol}.csv`, mimeType: 'text/csv', buffer: Buffer.from(csv) } },
      },
    );
    expect(response.status(), await response.text()).toBe(200);
  };

  beforeAll(async () => {
    mkdirSync(OUTPUT, { recursive: true });
    ensureWebBuild();
    imitation = await startTelegramBotApi({ token: BOT_TOKEN });
    receiver = await startReceiver();
    server = await startServerProcess({
      MARKETLENS_TELEGRAM__BOT_TOKEN: BOT_TOKEN,
      MARKETLENS_TELEGRAM__API_ROOT: imitation.url,
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });

    // What the Telegram chat will subscribe to: a strategy running live on an instrument that has its
    // first 100 bars (the engine warms up on them); the replay streams the rest in later.
    const login = await page.request.post(`${server.url}/api/v1/auth/login`, { data: server.admin });
    token = ((await login.json()) as { accessToken: string }).accessToken;
    await importCsv(LIVE, firstPart);
    await importCsv(`${LIVE}-SRC`, wholeSeries);
    const strategy = await api('POST', '/strategies', STRATEGY);
    await api('POST', '/deployments', { strategyId: strategy.id, symbol: LIVE });

    await page.goto(server.url);
    await page.getByTestId('login-email').fill(server.admin.email);
    await page.getByTestId('login-password').fill(server.admin.password);
    await page.getByTestId('login-submit').click();
    await page.getByTestId('nav-alerts').click();
    await page.getByRole('heading', { name: 'Alerts', level: 1 }).waitFor();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await imitation?.close();
    await new Promise((resolve) => receiver?.server.close(resolve));
  });

  it('adds a webhook, shows its secret once, and delivers a signed test send listed as sent', async () => {
    await page.getByText('No channels yet').waitFor();
    await page.getByText('Nothing sent yet').waitFor();
    await page.screenshot({ path: join(OUTPUT, 'alerts-empty.png'), fullPage: true });

    await page.getByTestId('channel-add-webhook').click();
    await page.getByLabel('Webhook URL').fill(receiver.url);
    await page.getByLabel('Label (optional)').fill('e2e receiver');
    await page.getByRole('button', { name: 'Create webhook' }).click();
    const secretBox = page.getByTestId('webhook-secret');
    await secretBox.waitFor();
    await expect(secretBox.textContent()).resolves.toMatch(/you will not see this again/);
    const secret = (await page.getByTestId('webhook-secret-value').textContent()) ?? '';
    expect(secret, '32 random bytes, base64url').toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.screenshot({ path: join(OUTPUT, 'alerts-webhook-secret.png') });
    await page.getByTestId('webhook-secret-done').click();
    expect(await secretBox.count(), 'dismissed').toBe(0);
    expect(await page.content(), 'the secret is never shown again').not.toContain(secret);

    const row = page.locator('[data-testid="channel-row"][data-kind="webhook"]');
    await expect(row.textContent()).resolves.toContain(receiver.url);
    await row.getByRole('button', { name: 'Send a test to e2e receiver' }).click();
    await row.getByTestId('channel-test-sent').waitFor();
    await expect
      .poll(() => receiver.received.length, { message: 'the test reaches the receiver', timeout: 20_000 })
      .toBeGreaterThan(0);
    const test = receiver.received[0]!;
    expect(JSON.parse(test.body)).toMatchObject({ topic: 'test' });
    expect(signedWith(secret, test), 'signed with the secret shown once').toBe(true);
    await page
      .locator('[data-testid="delivery-row"][data-topic="test"][data-channel-kind="webhook"][data-status="sent"]')
      .waitFor({ timeout: 15_000 });
  });

  it('links a Telegram chat with the code shown on the page', async () => {
    await page.getByTestId('channel-link-telegram').click();
    const code = page.getByTestId('telegram-link-code');
    await code.waitFor();
    const value = (await code.textContent()) ?? '';
    expect(value).not.toBe('');
    expect(await page.getByTestId('telegram-link-url').getAttribute('href')).toBe(
      `https://t.me/marketlens_test_bot?start=${value}`,
    );
    await expect(page.getByTestId('telegram-link-countdown').textContent()).resolves.toMatch(/^(10:00|9:[0-5]\d)$/);
    await page.screenshot({ path: join(OUTPUT, 'alerts-telegram-code.png') });

    imitation.injectMessage(CHAT_ID, `/start ${value}`, { username: 'ana_e2e' });
    await page.getByTestId('telegram-linked').waitFor({ timeout: 30_000 });
    const chat = page.locator('[data-testid="channel-row"][data-kind="telegram"]');
    await expect(chat.getAttribute('data-verified')).resolves.toBe('true');
    await expect(chat.textContent()).resolves.toContain(String(CHAT_ID));
    await page.screenshot({ path: join(OUTPUT, 'alerts-telegram-linked.png') });
  });

  it('subscribes the chat to a strategy and shows the replayed signals arriving in Telegram and the log', async () => {
    const form = page.getByTestId('subscription-form');
    const channel = form.getByLabel('Channel', { exact: true });
    const telegram = await channel
      .locator('option')
      .evaluateAll((options) => options.find((o) => o.textContent?.startsWith('Telegram'))?.getAttribute('value'));
    expect(telegram, 'the linked chat is offered').toBeTruthy();
    await channel.selectOption(telegram!);
    await form.getByLabel('Source', { exact: true }).selectOption('strategy');
    await form.getByLabel('Strategy', { exact: true }).selectOption({ label: NAME });
    await form.getByLabel('Level', { exact: true }).selectOption('on');
    await form.getByRole('button', { name: 'Subscribe' }).click();
    const subscription = page.getByTestId('subscription-row');
    await subscription.waitFor();
    await expect(subscription.textContent()).resolves.toMatch(new RegExp(`Telegram.*Strategy signals: ${NAME}`));

    const sentBefore = imitation.messages.length;
    await api('POST', '/replays', {
      symbol: `${LIVE}-SRC`,
      timeframe: '1d',
      from: '2024-04-10T00:00:00Z',
      storeAs: LIVE,
      speed: 25 * 86_400,
    });
    const signalMessages = () =>
      imitation.messages.slice(sentBefore).filter((m) => m.chatId === String(CHAT_ID) && m.shownText.includes(NAME));
    await expect
      .poll(() => signalMessages().length, { message: 'a signal reaches the Telegram chat', timeout: 60_000 })
      .toBeGreaterThan(0);
    expect(signalMessages()[0]!.shownText).toContain(LIVE);

    const delivered = page.locator(
      '[data-testid="delivery-row"][data-topic="signal"][data-channel-kind="telegram"][data-status="sent"]',
    );
    await delivered.first().waitFor({ timeout: 20_000 });
    await expect(delivered.first().getByTestId('delivery-title').textContent()).resolves.toContain(NAME);
    await page.getByTestId('delivery-log').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(OUTPUT, 'alerts-delivery-log.png') });
  });

  it('creates an alert rule from the kinds the server describes, percent typed as percent', async () => {
    const editor = page.getByTestId('rule-editor');
    await editor.getByLabel('Name').fill('E2E jump');
    await editor.getByLabel('Kind').selectOption('price_move');
    await editor.getByLabel('Symbol').selectOption(LIVE);
    await editor.getByLabel('Move (%)').fill('5');
    await editor.getByLabel('Window (bars)').fill('3');
    await editor.getByLabel('Direction').selectOption('up');
    await editor.getByRole('button', { name: 'Create rule' }).click();
    await page.getByTestId('rule-created').waitFor();
    const rule = page.getByTestId('rule-row').filter({ hasText: 'E2E jump' });
    await expect(rule.getByTestId('rule-description').textContent()).resolves.toContain('moves up 5% within 3 bars');
    await rule.getByRole('checkbox', { name: 'Enabled: E2E jump' }).click();
    await expect.poll(() => rule.getAttribute('data-enabled'), { message: 'switched off' }).toBe('false');
  });

  it('fits 1280 and 1024 px wide without horizontal scrolling', async () => {
    for (const width of [1280, 1024]) {
      await page.setViewportSize({ width, height: 900 });
      await page.evaluate(() => window.scrollTo(0, 0));
      const overflow = await page.evaluate(() => {
        const doc = document.documentElement;
        const boxes = Array.from(document.querySelectorAll('main .overflow-x-auto')).filter(
          (box) => box.scrollWidth > box.clientWidth + 1,
        );
        return {
          page: doc.scrollWidth - doc.clientWidth,
          boxes: boxes.map((box) => box.querySelector('table')?.getAttribute('aria-label') ?? 'a box'),
        };
      });
      expect(overflow.page, `the page scrolls sideways at ${width} px`).toBeLessThanOrEqual(0);
      expect(overflow.boxes, `tables that scroll sideways at ${width} px`).toEqual([]);
      await page.screenshot({ path: join(OUTPUT, `alerts-page-${width}.png`), fullPage: true });
    }
  });
});
