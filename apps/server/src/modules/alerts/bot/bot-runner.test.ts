import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../config/load-config';
import type { AppContext } from '../../../context';
import { createLogger } from '../../../observability/logger';
import { startTelegramBotApi } from '../../../../test/telegram-bot-api';
import { redactToken } from './bot-secrets';
import { startTelegramBot } from './bot-runner';

// The bot's life without a database: start-up checks, retrying while the Bot API cannot be reached, and logs
// that never carry the token (it is in every Bot API URL, so a network error can quote it).

const TOKEN = '424242:very-secret-bot-token';

/** A context with the bot's config and a log captured as text; the bot touches nothing else until a message. */
function botContext(telegram: Record<string, unknown>) {
  const config = loadConfig({ env: {} as NodeJS.ProcessEnv, overrides: { database: { dataDir: 'memory://' } } });
  Object.assign(config.telegram, { botToken: TOKEN, timeoutMs: 1000, ...telegram });
  const logged: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged.push(chunk.toString());
      done();
    },
  });
  const ctx = { config, log: createLogger('debug', stream) } as unknown as AppContext;
  return { ctx, logged };
}

async function waitFor(what: string, probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!probe()) throw new Error(`timed out waiting for ${what}`);
}

describe('telegram bot runner', () => {
  it('refuses to start without a token, and webhook mode without a webhook URL', () => {
    expect(() => startTelegramBot(botContext({ botToken: '' }).ctx)).toThrow(/MARKETLENS_TELEGRAM__BOT_TOKEN/);
    expect(() => startTelegramBot(botContext({ mode: 'webhook', webhookUrl: '' }).ctx)).toThrow(
      /MARKETLENS_TELEGRAM__WEBHOOK_URL/,
    );
  });

  it('logs a failed set-up without the token, though the network error quotes the URL that carries it', async () => {
    // A Bot API that knows the bot but drops the connection on setWebhook: node-fetch's error names the URL.
    const server = createServer((req, res) => {
      if (req.url?.endsWith('/getMe')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: true, result: { id: 424242, is_bot: true, first_name: 'B', username: 'b_bot' } }));
      } else req.socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const apiRoot = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const { ctx, logged } = botContext({
        apiRoot,
        mode: 'webhook',
        webhookUrl: 'https://bot.example.com/telegram/webhook',
      });
      const bot = startTelegramBot(ctx);
      await waitFor('a logged failure', () => logged.some((l) => l.includes('webhook set-up failed')));
      await bot.stop();
      const text = logged.join('');
      expect(text).toMatch(/Network request for 'setWebhook' failed/);
      expect(text, 'the URL was quoted, redacted').toContain('/bot<token>/setWebhook');
      expect(text, 'the token never reaches the log').not.toContain('very-secret-bot-token');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('logs a refused token (401) without the token, and starts once the Bot API accepts it', async () => {
    const api = await startTelegramBotApi({ token: TOKEN, longPollMaxMs: 100 });
    try {
      const refused = botContext({ apiRoot: api.url, botToken: '424242:wrong-token' });
      const wrong = startTelegramBot(refused.ctx);
      await waitFor('a logged 401', () => refused.logged.some((l) => l.includes('"errorCode":401')));
      await wrong.stop();
      expect(refused.logged.join('')).not.toContain('wrong-token');

      const good = startTelegramBot(botContext({ apiRoot: api.url }).ctx);
      await good.ready;
      expect(api.commands.length).toBeGreaterThan(0);
      await good.stop();
      await waitFor('the long poll to end', () => !api.isPolling);
    } finally {
      await api.close();
    }
  });

  it('redacts every occurrence of the token', () => {
    expect(redactToken(`GET https://api.telegram.org/bot${TOKEN}/getMe (${TOKEN})`, TOKEN)).toBe(
      'GET https://api.telegram.org/bot<token>/getMe (<token>)',
    );
    expect(redactToken('nothing here', '')).toBe('nothing here');
  });
});
