import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { AppConfig } from './config/config.schema';
import { isEmbedded } from './config/load-config';
import type { AppContext } from './context';
import { buildApp } from './app';
import { closePlatform, createPlatform } from './platform';
import { acquireDataDirLock } from './db/data-dir-lock';
import { registerJobs } from './modules/module-jobs';
import { installSchedules } from './jobs/install-schedules';
import { createAuthenticate } from './modules/auth/authenticate';
import { ensureAdmin } from './modules/auth/auth.service';
import { loadDemoDataIfEmpty } from './modules/instruments/demo-data.service';
import { loadDemoUniverse } from './modules/screener/demo-universe.service';
import { loadDemoToken } from './modules/memecoins/demo-token.service';
import { buildOpsApp } from './ops-app';
import { createSignalEngine } from './modules/signals/engine/create-signal-engine';
import type { SignalEngine } from './modules/signals/engine/signal-engine';
import { startTelegramBot, type RunningTelegramBot } from './modules/alerts/bot/bot-runner';
import { telegramWebhookRoutes } from './modules/alerts/bot/telegram-webhook.routes';
import { createNotificationDispatcher } from './notify/create-dispatcher';
import type { NotificationDispatcher } from './notify/dispatcher';
import { VERSION } from './version';

export const ROLES = ['all', 'api', 'worker', 'scheduler', 'engine', 'bot'] as const;
export type ServerRole = (typeof ROLES)[number];

/** Roles without the API: they serve probes and metrics only (the bot also its webhook, in webhook mode). */
const OPS_ONLY_ROLES: readonly ServerRole[] = ['worker', 'scheduler', 'engine', 'bot'];

export const WEB_DIST_DIR = fileURLToPath(new URL('../../web/dist', import.meta.url));

export interface RunningServer {
  ctx: AppContext;
  app?: FastifyInstance;
  url?: string;
  close(): Promise<void>;
}

/**
 * Starts one role of the platform. Embedded mode runs everything in this process (role `all`) and owns the
 * PGlite folder exclusively; distributed roles share PostgreSQL and Redis.
 */
export async function startServer(config: AppConfig, role: ServerRole, log: Logger): Promise<RunningServer> {
  const embedded = isEmbedded(config);
  if (embedded && role !== 'all') {
    throw new Error(`role "${role}" needs DATABASE_URL and REDIS_URL; embedded mode runs only --role all`);
  }
  const releaseLock = embedded ? acquireDataDirLock(config.database.dataDir, { port: config.server.port }) : undefined;
  let ctx: AppContext | undefined;
  let app: FastifyInstance | undefined;
  let rateLimitRedis: Redis | undefined;
  let engine: SignalEngine | undefined;
  let dispatcher: NotificationDispatcher | undefined;
  let bot: RunningTelegramBot | undefined;
  const close = async () => {
    await bot?.stop();
    await engine?.stop();
    await dispatcher?.stop();
    await app?.close();
    rateLimitRedis?.disconnect();
    if (ctx) await closePlatform(ctx);
    releaseLock?.();
  };
  try {
    ctx = await createPlatform(config, { log, migrate: role === 'all' || role === 'api' });
    registerJobs(ctx);
    if (role === 'all' || role === 'scheduler') await installSchedules(ctx);
    if (role === 'all' || role === 'worker') {
      await ctx.jobs.start();
      // The outbox is delivered by the workers (in process in embedded mode).
      dispatcher = createNotificationDispatcher(ctx);
      dispatcher.start();
    }
    if (role === 'all' || role === 'engine') {
      engine = createSignalEngine(ctx);
      engine.start();
    }
    bot = startBotIfConfigured(ctx, role, log);
    ctx.metrics.buildInfo.set({ version: VERSION, role }, 1);
    if (OPS_ONLY_ROLES.includes(role)) {
      app = await buildOpsApp(ctx);
      if (bot?.mode === 'webhook') await app.register(telegramWebhookRoutes(bot));
      const url = await app.listen({ host: config.server.host, port: config.server.port });
      log.info({ url, role, mode: 'distributed' }, `MarketLens ${role} running; probes and metrics on ${url}`);
      return { ctx, app, url, close };
    }

    const admin = await ensureAdmin(ctx, {});
    if (admin) printAdminOnce(admin, log);
    // First start: the demo instruments, then the screener's synthetic universe with its first snapshots and
    // Meme Radar's synthetic token with its history.
    if (config.demo.enabled && (await loadDemoDataIfEmpty(ctx))) {
      await loadDemoUniverse(ctx);
      await loadDemoToken(ctx);
    }

    if (config.redis.url) {
      // Shared rate-limit counters. While Redis is down a count fails at once (no offline queue, short timeout)
      // and the limiter lets the request through (app.ts, skipOnError): an outage must not take the API down.
      rateLimitRedis = new Redis(config.redis.url, {
        lazyConnect: false,
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 2_000,
        commandTimeout: 500,
      });
      rateLimitRedis.on('error', () => undefined); // reported by /readyz and the cache's error count
    }
    app = await buildApp(ctx, {
      authenticate: createAuthenticate(ctx),
      webDistDir: WEB_DIST_DIR,
      ...(rateLimitRedis ? { rateLimitRedis } : {}),
    });
    if (bot?.mode === 'webhook') await app.register(telegramWebhookRoutes(bot));
    const url = await app.listen({ host: config.server.host, port: config.server.port });
    log.info({ url, role, mode: embedded ? 'embedded' : 'distributed' }, `MarketLens listening on ${url}`);
    return { ctx, app, url, close };
  } catch (err) {
    await close().catch(() => undefined);
    throw err;
  }
}

/**
 * The Telegram bot runs in the `bot` role, and in embedded mode (`all`) whenever a token is set. Without a
 * token the bot role idles (probes and metrics only) rather than crash-looping: the bot is optional.
 */
function startBotIfConfigured(ctx: AppContext, role: ServerRole, log: Logger): RunningTelegramBot | undefined {
  if (role !== 'bot' && role !== 'all') return undefined;
  if (!ctx.config.telegram.botToken) {
    if (role === 'bot') {
      log.warn('telegram.botToken is empty: the bot role has nothing to do (set MARKETLENS_TELEGRAM__BOT_TOKEN)');
    }
    return undefined;
  }
  return startTelegramBot(ctx);
}

/** The generated admin password is shown once, on the console only (never in the JSON log stream). */
function printAdminOnce(admin: { email: string; password: string }, log: Logger): void {
  log.info({ email: admin.email }, 'created the first admin user');
  const line = '='.repeat(64);
  process.stdout.write(
    `\n${line}\n  MarketLens admin login (shown once, change it after signing in)\n` +
      `  email:    ${admin.email}\n  password: ${admin.password}\n${line}\n\n`,
  );
}
