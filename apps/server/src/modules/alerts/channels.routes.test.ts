import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createFixtureUser, type FixtureUser } from '../../../test/auth-fixtures';
import { describeEachApp } from '../../../test/describe-each-app';

// Channels through HTTP: email verified end to end against a real SMTP server on loopback (the link is read out
// of the received message and followed), webhooks checked against SSRF with their secret shown once, and one
// user never seeing or touching another's channels. Loopback webhooks are refused here on both databases
// (allowPrivateTargets false), as in a deployment.

interface ReceivedMail {
  to: string[];
  raw: string;
}

const mails: ReceivedMail[] = [];
let smtp: SMTPServer;
let smtpUrl: string;
/** RCPT TO this address is refused for good (550), as a mail server refuses an unknown mailbox. */
const REFUSED = 'nobody@refused.example.com';

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error | null) => void) {
      if (address.address !== REFUSED) return callback();
      callback(Object.assign(new Error('No such user here'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

/** The verification link in a received message, quoted-printable soft breaks and escapes undone. */
function verificationLink(mail: ReceivedMail): URL {
  const decoded = mail.raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  const link = /https?:\/\/\S+\/notifications\/verify-email\?token=[A-Za-z0-9_-]+/.exec(decoded)?.[0];
  expect(link, `a verification link in the message:\n${mail.raw}`).toBeDefined();
  return new URL(link!);
}

interface ChannelBody {
  id: string;
  kind: string;
  label: string;
  verified: boolean;
  address?: string;
  url?: string;
}

describeEachApp(
  'notification channels API',
  (getApp) => {
    let viewer: FixtureUser;
    let other: FixtureUser;
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, who?: FixtureUser, payload?: object) =>
      getApp().app.inject({
        method,
        url: `/api/v1${url}`,
        headers: who?.authorization ?? {},
        ...(payload === undefined ? {} : { payload }),
      });
    const errorCode = (res: { json: () => unknown }) => (res.json() as { error: { code: string } }).error.code;
    const channelsOf = async (who: FixtureUser) =>
      (await call('GET', '/notifications/channels', who)).json<{ channels: ChannelBody[] }>().channels;
    const follow = (link: URL) => getApp().app.inject({ method: 'GET', url: `${link.pathname}${link.search}` });

    beforeAll(async () => {
      viewer = await createFixtureUser(getApp().ctx, 'viewer');
      other = await createFixtureUser(getApp().ctx, 'viewer');
    });

    it('refuses callers without credentials', async () => {
      expect((await call('GET', '/notifications/channels')).statusCode).toBe(401);
      expect(
        (await call('POST', '/notifications/channels', undefined, { kind: 'email', address: 'a@b.co' })).statusCode,
      ).toBe(401);
      expect((await call('DELETE', `/notifications/channels/${randomUUID()}`)).statusCode).toBe(401);
      expect((await call('POST', `/notifications/channels/${randomUUID()}/test`)).statusCode).toBe(401);
    });

    it('says so when email is not configured, and refuses bad bodies with clear messages', async () => {
      getApp().ctx.config.email.smtpUrl = '';
      const noSmtp = await call('POST', '/notifications/channels', viewer, {
        kind: 'email',
        address: 'me@example.com',
      });
      expect(noSmtp.statusCode).toBe(400);
      expect(errorCode(noSmtp)).toBe('EMAIL_NOT_CONFIGURED');
      expect(noSmtp.json<{ error: { message: string } }>().error.message).toMatch(/MARKETLENS_EMAIL__SMTP_URL/);

      const telegram = await call('POST', '/notifications/channels', viewer, { kind: 'telegram', chatId: '1' });
      expect(telegram.statusCode).toBe(400);
      expect(telegram.json<{ error: { message: string } }>().error.message).toMatch(/link-code/);
      const badAddress = await call('POST', '/notifications/channels', viewer, { kind: 'email', address: 'not-mail' });
      expect(badAddress.statusCode).toBe(400);
      expect(badAddress.json<{ error: { message: string } }>().error.message).toBe(
        'Invalid body: address: must be an email address',
      );
      const ftp = await call('POST', '/notifications/channels', viewer, {
        kind: 'webhook',
        url: 'ftp://example.com/x',
      });
      expect(ftp.statusCode).toBe(400);
      expect(ftp.json<{ error: { message: string } }>().error.message).toMatch(/url: must be an http\(s\) URL/);
      const unknownField = await call('POST', '/notifications/channels', viewer, {
        kind: 'webhook',
        url: 'https://93.184.216.34/x',
        secret: 'mine',
      });
      expect(unknownField.statusCode, 'a caller cannot choose the secret').toBe(400);
      expect(await channelsOf(viewer)).toEqual([]);
    });

    it('verifies an email address by the link the server mails, once', async () => {
      const { ctx } = getApp();
      ctx.config.email.smtpUrl = smtpUrl;
      mails.length = 0;
      const created = await call('POST', '/notifications/channels', viewer, {
        kind: 'email',
        address: 'Me@Example.com',
      });
      expect(created.statusCode, created.body).toBe(201);
      const channel = created.json<{ channel: ChannelBody; secret?: string }>();
      expect(channel.channel).toMatchObject({
        kind: 'email',
        address: 'Me@Example.com',
        label: 'Me@Example.com',
        verified: false,
      });
      expect(channel.secret).toBeUndefined();
      expect(mails, 'the verification email was sent during the request').toHaveLength(1);
      expect(mails[0]!.to.map((a) => a.toLowerCase())).toEqual(['me@example.com']);
      const link = verificationLink(mails[0]!);
      expect(`${link.origin}`).toBe(new URL(ctx.config.notify.publicUrl).origin);

      const testBefore = await call('POST', `/notifications/channels/${channel.channel.id}/test`, viewer);
      expect(testBefore.statusCode).toBe(409);
      expect(errorCode(testBefore)).toBe('CHANNEL_NOT_VERIFIED');

      const verified = await follow(link);
      expect(verified.statusCode).toBe(200);
      expect(verified.headers['content-type']).toMatch(/text\/html/);
      expect(verified.body).toMatch(/Email address verified/);
      expect((await channelsOf(viewer)).find((c) => c.id === channel.channel.id)?.verified).toBe(true);

      const again = await follow(link);
      expect(again.statusCode, 'a link works once').toBe(400);
      expect(again.body).toMatch(/unknown or was already used/);
      const noToken = await getApp().app.inject({ method: 'GET', url: '/api/v1/notifications/verify-email' });
      expect(noToken.statusCode).toBe(400);
      expect(noToken.body).toMatch(/unknown/);

      const dup = await call('POST', '/notifications/channels', viewer, { kind: 'email', address: 'me@example.com' });
      expect(dup.statusCode, 'a verified address, in any case').toBe(409);
      expect(errorCode(dup)).toBe('CHANNEL_EXISTS');
    });

    it('refuses an expired link, and sends a fresh one when the address is added again', async () => {
      const { ctx } = getApp();
      mails.length = 0;
      const created = await call('POST', '/notifications/channels', viewer, {
        kind: 'email',
        address: 'late@example.com',
        label: 'Late',
      });
      expect(created.statusCode).toBe(201);
      const id = created.json<{ channel: ChannelBody }>().channel.id;
      const firstLink = verificationLink(mails[0]!);
      await ctx.db.orm.execute(
        sql`update notification_channels set verify_expires_at = now() - interval '1 minute' where id = ${id}`,
      );
      const expired = await follow(firstLink);
      expect(expired.statusCode).toBe(400);
      expect(expired.body).toMatch(/expired/);
      expect((await channelsOf(viewer)).find((c) => c.id === id)?.verified).toBe(false);

      const resent = await call('POST', '/notifications/channels', viewer, {
        kind: 'email',
        address: 'late@example.com',
      });
      expect(resent.statusCode, 'the same unverified address: a fresh link, same channel').toBe(200);
      expect(resent.json<{ channel: ChannelBody }>().channel.id).toBe(id);
      expect(mails).toHaveLength(2);
      expect((await follow(firstLink)).statusCode, 'the old link no longer works').toBe(400);
      expect((await follow(verificationLink(mails[1]!))).statusCode).toBe(200);
      expect((await channelsOf(viewer)).find((c) => c.id === id)).toMatchObject({ verified: true, label: 'Late' });
    });

    it('answers 502 with the reason and stores nothing when the verification email cannot be sent', async () => {
      const before = await channelsOf(viewer);
      const refused = await call('POST', '/notifications/channels', viewer, { kind: 'email', address: REFUSED });
      expect(refused.statusCode).toBe(502);
      expect(errorCode(refused)).toBe('EMAIL_SEND_FAILED');
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(/No such user here/);
      expect(await channelsOf(viewer)).toEqual(before);
    });

    it('creates a webhook with its secret shown once, and refuses loopback targets', async () => {
      const loopback = await call('POST', '/notifications/channels', viewer, {
        kind: 'webhook',
        url: 'http://127.0.0.1:9/hook',
      });
      expect(loopback.statusCode).toBe(400);
      expect(errorCode(loopback)).toBe('WEBHOOK_URL_REFUSED');
      expect(loopback.json<{ error: { message: string } }>().error.message).toMatch(/loopback/);

      const created = await call('POST', '/notifications/channels', viewer, {
        kind: 'webhook',
        url: 'https://93.184.216.34/hooks/marketlens',
      });
      expect(created.statusCode, created.body).toBe(201);
      const body = created.json<{ channel: ChannelBody; secret: string }>();
      expect(body.channel).toMatchObject({
        kind: 'webhook',
        url: 'https://93.184.216.34/hooks/marketlens',
        label: '93.184.216.34',
        verified: true,
      });
      expect(Buffer.from(body.secret, 'base64url'), 'a 32-byte secret').toHaveLength(32);

      const list = await call('GET', '/notifications/channels', viewer);
      expect(list.body).not.toContain(body.secret);
      expect(list.json<{ channels: Array<Record<string, unknown>> }>().channels.every((c) => !('secret' in c))).toBe(
        true,
      );
      const dup = await call('POST', '/notifications/channels', viewer, {
        kind: 'webhook',
        url: 'https://93.184.216.34/hooks/marketlens',
      });
      expect(dup.statusCode).toBe(409);
    });

    it("never shows or touches another user's channels", async () => {
      const mine = await channelsOf(viewer);
      expect(mine.length).toBeGreaterThan(0);
      expect(await channelsOf(other), 'another user sees none of them').toEqual([]);
      const target = mine[0]!.id;
      const del = await call('DELETE', `/notifications/channels/${target}`, other);
      expect(del.statusCode, 'not found, not forbidden: ids reveal nothing').toBe(404);
      expect(errorCode(del)).toBe('CHANNEL_NOT_FOUND');
      const test = await call('POST', `/notifications/channels/${target}/test`, other);
      expect(test.statusCode).toBe(404);
      expect((await channelsOf(viewer)).map((c) => c.id)).toContain(target);
      expect((await call('DELETE', '/notifications/channels/not-a-uuid', viewer)).statusCode).toBe(400);
    });

    it('deletes an own channel', async () => {
      const [first] = await channelsOf(viewer);
      const del = await call('DELETE', `/notifications/channels/${first!.id}`, viewer);
      expect(del.statusCode).toBe(204);
      expect(del.body).toBe('');
      expect((await channelsOf(viewer)).map((c) => c.id)).not.toContain(first!.id);
      expect((await call('DELETE', `/notifications/channels/${first!.id}`, viewer)).statusCode).toBe(404);
    });
  },
  { webhooks: { allowPrivateTargets: false } },
);
