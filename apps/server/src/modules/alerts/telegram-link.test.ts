import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';
import { startTelegramBotApi, type TelegramBotApi } from '../../../test/telegram-bot-api';
import { linkTelegramChat } from './telegram-link.service';

// Linking a Telegram chat: the link code comes from the API (the bot's name asked of a local imitation of the
// Bot API through grammY), and linkTelegramChat, what the bot calls on `/start <code>`, uses it once.

describeEachApp('telegram chat linking', (getApp) => {
  let viewer: FixtureUser;
  let other: FixtureUser;
  let botApi: TelegramBotApi;
  let botApiClosed = false;
  const linkCode = (who?: FixtureUser) =>
    getApp().app.inject({
      method: 'POST',
      url: '/api/v1/notifications/telegram/link-code',
      headers: who?.authorization ?? {},
    });
  const newCode = async (who: FixtureUser) => {
    const res = await linkCode(who);
    expect(res.statusCode, res.body).toBe(200);
    return res.json<{ code: string; link: string; expiresAt: string }>();
  };
  const channelsOf = async (who: FixtureUser) =>
    (
      await getApp().app.inject({ method: 'GET', url: '/api/v1/notifications/channels', headers: who.authorization })
    ).json<{ channels: Array<{ id: string; kind: string; label: string; verified: boolean; chatId?: string }> }>()
      .channels;

  beforeAll(async () => {
    viewer = await createFixtureUser(getApp().ctx, 'viewer');
    other = await createFixtureUser(getApp().ctx, 'viewer');
    botApi = await startTelegramBotApi();
  });
  afterAll(async () => {
    if (!botApiClosed) await botApi?.close();
  });

  it('refuses callers without credentials and says when Telegram is not configured', async () => {
    expect((await linkCode()).statusCode).toBe(401);
    getApp().ctx.config.telegram.botToken = '';
    const res = await linkCode(viewer);
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string; message: string } }>().error).toMatchObject({
      code: 'TELEGRAM_NOT_CONFIGURED',
      message: expect.stringMatching(/MARKETLENS_TELEGRAM__BOT_TOKEN/) as unknown,
    });
  });

  it('answers 502, without the token, when the Bot API refuses the bot', async () => {
    Object.assign(getApp().ctx.config.telegram, { botToken: '999:wrong-token', apiRoot: botApi.url });
    const res = await linkCode(viewer);
    expect(res.statusCode).toBe(502);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('TELEGRAM_UNAVAILABLE');
    expect(res.body).not.toContain('wrong-token');
  });

  it("gives a 10-minute code with the bot's t.me link", async () => {
    Object.assign(getApp().ctx.config.telegram, { botToken: botApi.token, apiRoot: botApi.url });
    const before = Date.now();
    const { code, link, expiresAt } = await newCode(viewer);
    expect(code).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
    expect(link).toBe(`https://t.me/marketlens_test_bot?start=${code}`);
    const minutes = (Date.parse(expiresAt) - before) / 60_000;
    expect(minutes).toBeGreaterThan(9.9);
    expect(minutes).toBeLessThan(10.1);
  });

  it('links the chat once per code, as a verified channel of the code’s user', async () => {
    const { ctx } = getApp();
    const { code } = await newCode(viewer);
    const linked = await linkTelegramChat(ctx, code, { chatId: '4242', username: 'trader' });
    expect(linked).toMatchObject({ ok: true, userId: viewer.user.id, created: true });
    const channels = await channelsOf(viewer);
    expect(channels).toEqual([
      expect.objectContaining({ kind: 'telegram', chatId: '4242', label: '@trader', verified: true }),
    ]);
    expect(await channelsOf(other)).toEqual([]);

    expect(await linkTelegramChat(ctx, code, { chatId: '4242' })).toEqual({ ok: false, reason: 'used' });
    expect(await linkTelegramChat(ctx, code, { chatId: '777' }), 'nor from another chat').toEqual({
      ok: false,
      reason: 'used',
    });
    expect(await linkTelegramChat(ctx, 'never-issued', { chatId: '4242' })).toEqual({ ok: false, reason: 'unknown' });

    // The same chat linked again by its user: the same channel, not a second one.
    const again = await linkTelegramChat(ctx, (await newCode(viewer)).code, { chatId: '4242', username: 'renamed' });
    expect(again).toMatchObject({ ok: true, channelId: channels[0]!.id, created: false });
    expect(await channelsOf(viewer)).toEqual([expect.objectContaining({ id: channels[0]!.id, label: '@renamed' })]);
  });

  it('lets only one of two chats racing with the same code win', async () => {
    const { ctx } = getApp();
    const { code } = await newCode(other);
    const results = await Promise.all([
      linkTelegramChat(ctx, code, { chatId: '9001' }),
      linkTelegramChat(ctx, code, { chatId: '9002' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([{ ok: false, reason: 'used' }]);
    expect(await channelsOf(other)).toHaveLength(1);
  });

  it('refuses an expired code and leaves it unused', async () => {
    const { ctx } = getApp();
    const { code } = await newCode(viewer);
    await ctx.db.orm.execute(
      sql`update telegram_link_codes set expires_at = now() - interval '1 second' where used_at is null`,
    );
    expect(await linkTelegramChat(ctx, code, { chatId: '5555' })).toEqual({ ok: false, reason: 'expired' });
    expect(await linkTelegramChat(ctx, code, { chatId: '5555' }), 'still expired, not used').toEqual({
      ok: false,
      reason: 'expired',
    });
    expect((await channelsOf(viewer)).map((c) => c.chatId)).not.toContain('5555');
  });

  it("asks the Bot API for the bot's name once per process", async () => {
    await botApi.close();
    botApiClosed = true;
    const { link } = await newCode(viewer);
    expect(link, 'served from the cached getMe answer').toMatch(/^https:\/\/t\.me\/marketlens_test_bot\?start=/);
  });
});
