import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/load-config';
import { NOT_LINKED } from '../src/modules/alerts/bot/linked-chat';
import { createLogger } from '../src/observability/logger';
import { startServer } from '../src/server';
import { startTelegramBotApi, type TelegramBotApi } from './telegram-bot-api';
import { TEST_JWT_SECRET } from './test-app';
import { createPgTestDatabase } from './test-databases';

// Where the bot runs: in the `bot` role (distributed), and inside `all` (embedded) whenever a token is set.

const distributed = Boolean(process.env.TEST_DATABASE_URL && process.env.TEST_REDIS_URL);

async function waitFor<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The one reply of an unlinked chat to /help: proof that a bot runs and answers from this server's database. */
async function refusalOf(api: TelegramBotApi, chatId: number): Promise<string> {
  api.injectMessage(chatId, '/help');
  return (await waitFor('the reply', () => api.messages.find((m) => m.chatId === String(chatId)))).shownText;
}

describe('the bot in embedded mode (role all)', () => {
  let api: TelegramBotApi;
  let artifactDir: string;
  beforeAll(async () => {
    api = await startTelegramBotApi({ longPollMaxMs: 200 });
    artifactDir = mkdtempSync(join(tmpdir(), 'ml-bot-role-'));
  });
  afterAll(async () => {
    await api.close();
    rmSync(artifactDir, { recursive: true, force: true });
  });

  it('runs beside the API when a token is set, and stops with the server', async () => {
    const config = loadConfig({
      env: {} as NodeJS.ProcessEnv,
      overrides: {
        database: { url: '', dataDir: 'memory://' },
        redis: { url: '' },
        server: { port: 0, serveWeb: false },
        log: { level: 'silent' },
        demo: { enabled: false },
        storage: { artifactDir },
        telegram: { botToken: api.token, apiRoot: api.url },
      },
    });
    const server = await startServer(config, 'all', createLogger('silent'));
    try {
      expect(await refusalOf(api, 11)).toBe(NOT_LINKED);
      expect((await fetch(`${server.url}/healthz`)).status, 'the API is up beside it').toBe(200);
    } finally {
      await server.close();
    }
    await waitFor('the long poll to end', () => (api.isPolling ? undefined : true));
  });
});

describe.skipIf(!distributed)('the bot role (PostgreSQL + Redis)', () => {
  let api: TelegramBotApi;
  beforeAll(async () => {
    api = await startTelegramBotApi({ longPollMaxMs: 200 });
  });
  afterAll(async () => {
    await api.close();
  });

  const configFor = (url: string, botToken: string) =>
    loadConfig({
      env: {} as NodeJS.ProcessEnv,
      overrides: {
        database: { url },
        redis: { url: process.env.TEST_REDIS_URL, keyPrefix: `mlbot${process.pid}` },
        auth: { jwtSecret: TEST_JWT_SECRET },
        server: { port: 0 },
        log: { level: 'silent' },
        demo: { enabled: false },
        telegram: { botToken, apiRoot: api.url },
      },
    });

  it('answers chats, and serves probes and metrics like the other non-API roles', async () => {
    const pg = await createPgTestDatabase();
    // The api role migrates; the bot role, like worker and engine, expects a migrated database.
    const apiRole = await startServer(configFor(pg.url, api.token), 'api', createLogger('silent'));
    const bot = await startServer(configFor(pg.url, api.token), 'bot', createLogger('silent'));
    try {
      expect(await refusalOf(api, 21)).toBe(NOT_LINKED);
      expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect((await fetch(`${bot.url}/readyz`)).status).toBe(200);
      const metrics = await (await fetch(`${bot.url}/metrics`)).text();
      expect(metrics).toMatch(/marketlens_build_info\{version="[^"]+",role="bot"\} 1/);
      expect((await fetch(`${bot.url}/api/v1/system`)).status, 'no API here').toBe(404);
    } finally {
      await bot.close();
      await apiRole.close();
      await pg.drop();
    }
  });

  it('idles without a token (probes only) instead of crash-looping', async () => {
    const pg = await createPgTestDatabase();
    const apiRole = await startServer(configFor(pg.url, ''), 'api', createLogger('silent'));
    const bot = await startServer(configFor(pg.url, ''), 'bot', createLogger('silent'));
    try {
      expect(await (await fetch(`${bot.url}/healthz`)).json()).toEqual({ status: 'ok' });
      expect(api.isPolling, 'nobody polls the Bot API').toBe(false);
    } finally {
      await bot.close();
      await apiRole.close();
      await pg.drop();
    }
  });
});
