import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveries } from '../src/db/schema';
import { writeOutbox } from '../src/notify/outbox';
import { createFixtureUser } from './auth-fixtures';
import { insertChannel, insertSubscription, startWebhookReceiver } from './notify-fixtures';
import { startTelegramBotApi } from './telegram-bot-api';
import { createTestApp, TEST_JWT_SECRET, type TestApp } from './test-app';

// The notification dispatcher as its own process (`serve --role worker`) on PostgreSQL and Redis, killed with
// SIGKILL again and again while it delivers 1,000 notifications to a webhook receiver and a Telegram Bot API
// imitation on loopback. Every delivery's outcome is recorded before the next send, so a kill can repeat at
// most the one send in flight: 0 lost, duplicates <= kills.

const BIN = fileURLToPath(new URL('../bin/marketlens.mjs', import.meta.url));
const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);
const EVENTS = 500;
const CHATS = 50;
const KILLS = 6;
const TOKEN = '123456:crash-test-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!distributed)('notification dispatcher killed with SIGKILL (PostgreSQL + Redis)', () => {
  let t: TestApp;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  let telegram: Awaited<ReturnType<typeof startTelegramBotApi>>;
  const children: ChildProcess[] = [];

  const startWorker = () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--role', 'worker'], {
      env: {
        ...process.env,
        DATABASE_URL: t.ctx.config.database.url,
        REDIS_URL: process.env.TEST_REDIS_URL,
        PORT: '0',
        MARKETLENS_AUTH__JWT_SECRET: TEST_JWT_SECRET,
        MARKETLENS_REDIS__KEY_PREFIX: `mlnotify${process.pid}`,
        MARKETLENS_LOG__LEVEL: 'warn',
        MARKETLENS_DEMO__ENABLED: 'false',
        MARKETLENS_NOTIFY__POLL_MS: '20',
        MARKETLENS_NOTIFY__BATCH_SIZE: '25',
        // A dead dispatcher's claims are taken over after a second, so the test does not wait on leases.
        MARKETLENS_NOTIFY__LEASE_MS: '1000',
        MARKETLENS_WEBHOOKS__ALLOW_PRIVATE_TARGETS: 'true',
        MARKETLENS_TELEGRAM__BOT_TOKEN: TOKEN,
        MARKETLENS_TELEGRAM__API_ROOT: telegram.url,
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  };
  const sent = async () => {
    const [row] = await t.ctx.db.orm.select({ n: count() }).from(deliveries).where(eq(deliveries.status, 'sent'));
    return row?.n ?? 0;
  };

  beforeAll(async () => {
    t = await createTestApp({ database: 'postgres', redis: true });
    receiver = await startWebhookReceiver();
    telegram = await startTelegramBotApi({ token: TOKEN });
  });
  afterAll(async () => {
    for (const c of children) c.kill('SIGKILL');
    await receiver?.close();
    await telegram?.close();
    await t?.close();
  });

  it(`loses no notification and repeats at most one per kill across ${KILLS} kills`, async () => {
    const { ctx } = t;
    const user = await createFixtureUser(ctx, 'viewer');
    // One webhook subscribed to every symbol; one Telegram chat per symbol (Telegram allows 1 message a
    // second per chat, so 50 chats let the 30-a-second global limit be the bound).
    const hook = await insertChannel(ctx, user.user.id, 'webhook', { url: receiver.url }, { secret: 'crash-secret' });
    for (let c = 0; c < CHATS; c++) {
      const chat = await insertChannel(ctx, user.user.id, 'telegram', { chatId: String(9000 + c) });
      await insertSubscription(ctx, user.user.id, chat, 'symbol', `SYM${c}`);
      await insertSubscription(ctx, user.user.id, hook, 'symbol', `SYM${c}`);
    }
    await ctx.db.orm.transaction(async (tx) => {
      for (let i = 0; i < EVENTS; i++) {
        await writeOutbox(tx, {
          idempotencyKey: `crash:${i}`,
          topic: 'signal',
          payload: {
            strategy: 'crash',
            version: 1,
            symbol: `SYM${i % CHATS}`,
            action: 'enter_long',
            price: 100 + i,
            timeframe: '1m',
            barTs: `event ${i}`,
          },
        });
      }
    });
    const total = EVENTS * 2;

    let killedMidWork = 0;
    for (let kill = 0; kill < KILLS; kill++) {
      const before = await sent();
      const worker = startWorker();
      // Kill once it is delivering: after a varying number of new sends, so the kills land at different moments.
      const target = before + 20 + ((kill * 37) % 60);
      while ((await sent()) < Math.min(target, total) && worker.exitCode === null) await sleep(5);
      await sleep((kill * 7) % 25);
      worker.kill('SIGKILL');
      await new Promise((resolve) => worker.once('exit', resolve));
      if ((await sent()) < total) killedMidWork += 1;
    }
    const last = startWorker();
    const deadline = Date.now() + 120_000;
    while ((await sent()) < total) {
      if (Date.now() > deadline) throw new Error(`only ${await sent()} of ${total} deliveries sent`);
      await sleep(100);
    }
    last.kill('SIGKILL');

    const webhookKeys = receiver.received.map((r) => String(r.headers['x-marketlens-idempotency-key']));
    const telegramTexts = telegram.messages.map((m) => m.text);
    const distinctWebhooks = new Set(webhookKeys).size;
    const distinctTelegram = new Set(telegramTexts).size;
    const duplicates = webhookKeys.length - distinctWebhooks + (telegramTexts.length - distinctTelegram);
    const [dead] = await ctx.db.orm
      .select({ n: count() })
      .from(deliveries)
      .where(sql`${deliveries.status} <> 'sent'`);
    console.log(
      `dispatcher crash test: ${KILLS} SIGKILLs (${killedMidWork} mid-delivery), ${total} deliveries ` +
        `(${EVENTS} webhook, ${EVENTS} Telegram): webhook ${distinctWebhooks} distinct of ${webhookKeys.length} received, ` +
        `Telegram ${distinctTelegram} distinct of ${telegramTexts.length}; lost ${total - distinctWebhooks - distinctTelegram}, duplicated ${duplicates}`,
    );
    expect(dead?.n, 'every delivery recorded as sent').toBe(0);
    expect(distinctWebhooks, 'no webhook lost').toBe(EVENTS);
    expect(distinctTelegram, 'no Telegram message lost').toBe(EVENTS);
    expect(duplicates, 'at most one repeat per kill').toBeLessThanOrEqual(KILLS);
    expect(killedMidWork, 'the kills must land while deliveries remain').toBe(KILLS);
  }, 300_000);
});
