import { createServer, type AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Notification } from '../channel';
import { createEmailSender, renderDigest, renderEmail, renderVerification, type EmailSender } from './email.channel';

// A real SMTP server on loopback receives what the sender sends. mailparser is not installed, so the small
// MIME reader at the bottom of this file decodes the parts nodemailer produces (7bit, quoted-printable, base64).

interface ReceivedMail {
  mailFrom: string | false;
  rcptTo: string[];
  raw: string;
}

/** How the server answers each stage: undefined accepts; an SMTP code refuses with it. */
const refusals: { mailFrom?: number; rcptTo?: number; data?: number } = {};

function refusal(code: number | undefined, what: string): Error | null {
  if (code === undefined) return null;
  const text = code >= 500 ? `${what} refused for good` : `${what} refused for now, try again later`;
  return Object.assign(new Error(text), { responseCode: code });
}
const mails: ReceivedMail[] = [];
let smtp: SMTPServer;
let port: number;
const senders: EmailSender[] = [];

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, callback) {
      callback(refusal(refusals.mailFrom, 'sender'));
    },
    onRcptTo(_address, _session, callback) {
      callback(refusal(refusals.rcptTo, 'mailbox'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refused = refusal(refusals.data, 'message');
        if (refused) return callback(refused);
        mails.push({
          mailFrom: session.envelope.mailFrom && session.envelope.mailFrom.address,
          rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  port = (smtp.server.address() as AddressInfo).port;
});

afterEach(async () => {
  mails.length = 0;
  delete refusals.mailFrom;
  delete refusals.rcptTo;
  delete refusals.data;
  await Promise.all(senders.splice(0).map((sender) => sender.close()));
});

afterAll(async () => {
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
});

function sender(smtpUrl = `smtp://127.0.0.1:${port}`, timeoutMs = 5_000): EmailSender {
  const created = createEmailSender({
    smtpUrl,
    from: 'MarketLens <alerts@marketlens.test>',
    timeoutMs,
    alertsUrl: 'https://marketlens.test/alerts',
  });
  senders.push(created);
  return created;
}

const to = { kind: 'email' as const, address: 'trader@example.test' };

const notification: Notification = {
  idempotencyKey: 'signal:42:email:9',
  topic: 'signal',
  title: 'ema-cross: enter long BTC-USD 1m at 43,210.5',
  lines: ['ema(12)=43,190.2 > ema(26)=43,150.9', 'volume 2.3× the 20-bar mean'],
  url: 'https://marketlens.test/signals/42',
  payload: {},
  createdAt: Date.UTC(2026, 11, 4, 14, 3),
  silent: false,
};

describe('email sender against a local SMTP server', () => {
  it('delivers one message with subject, addresses and both bodies', async () => {
    const outcome = await sender().send(to, notification);

    expect(outcome.status).toBe('sent');
    expect(mails).toHaveLength(1);
    const mail = parseMail(mails[0]!.raw);
    expect(mails[0]!.mailFrom).toBe('alerts@marketlens.test');
    expect(mails[0]!.rcptTo).toEqual(['trader@example.test']);
    expect(mail.header('from')).toBe('MarketLens <alerts@marketlens.test>');
    expect(mail.header('to')).toBe('trader@example.test');
    expect(mail.header('subject')).toBe('ema-cross: enter long BTC-USD 1m at 43,210.5');
    expect(mail.header('auto-submitted')).toBe('auto-generated');
    expect(mail.text).toContain('ema-cross: enter long BTC-USD 1m at 43,210.5');
    expect(mail.text).toContain('volume 2.3× the 20-bar mean');
    expect(mail.text).toContain('Open in MarketLens: https://marketlens.test/signals/42');
    expect(mail.text, 'the footer says how to change the subscription').toMatch(/To change or stop it/);
    expect(mail.text).toContain('Manage notifications: https://marketlens.test/alerts');
    expect(mail.html).toContain('<h1');
    expect(mail.html).toContain('ema(12)=43,190.2 &gt; ema(26)=43,150.9');
    expect(mail.html).toMatch(/<a href="https:\/\/marketlens\.test\/signals\/42"[^>]*>Open in MarketLens<\/a>/);
    expect(mail.html).toMatch(/<a href="https:\/\/marketlens\.test\/alerts">Manage notifications<\/a>/);
  });

  it('carries the idempotency key in a header and a Message-ID derived from it', async () => {
    await sender().send(to, notification);
    await sender().send(to, notification);
    await sender().send(to, { ...notification, idempotencyKey: 'signal:43:email:9' });
    const [first, repeat, other] = mails.map((mail) => parseMail(mail.raw));
    expect(first!.header('x-marketlens-idempotency-key')).toBe('signal:42:email:9');
    expect(first!.header('message-id')).toMatch(/^<ml-[0-9a-f]{40}@marketlens\.test>$/);
    expect(repeat!.header('message-id'), 'a repeat delivery has the same Message-ID').toBe(first!.header('message-id'));
    expect(other!.header('message-id'), 'another notification has its own').not.toBe(first!.header('message-id'));
  });

  it('escapes hostile HTML and refuses to link a javascript: URL', async () => {
    const hostile = {
      ...notification,
      title: '<script>alert("x")</script> & \'quoted\'',
      lines: ['<img src=x onerror="alert(1)">'],
      url: 'javascript:alert(document.cookie)',
    };
    await sender().send(to, hostile);
    const mail = parseMail(mails[0]!.raw);
    expect(mail.html).not.toMatch(/<script|<img|javascript:/i);
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quoted&#39;');
    expect(mail.html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
    expect(mail.text, 'plain text needs no escaping').toContain('<script>alert("x")</script>');
  });

  it('neutralises a header injection attempt in the title', async () => {
    await sender().send(to, { ...notification, title: 'x\r\nBcc: evil@x\r\nX-Injected: yes' });
    const mail = parseMail(mails[0]!.raw);
    expect(mails[0]!.rcptTo, 'no extra recipient').toEqual(['trader@example.test']);
    expect(mail.header('bcc')).toBeUndefined();
    expect(mail.header('x-injected')).toBeUndefined();
    expect(mail.header('subject')).toBe('x Bcc: evil@x X-Injected: yes');
  });

  it('truncates a long title in the subject but keeps it whole in the bodies', async () => {
    const title = `BTC ${'🚀'.repeat(200)}`;
    await sender().send(to, { ...notification, title });
    const mail = parseMail(mails[0]!.raw);
    const subject = mail.header('subject') ?? '';
    expect(Array.from(subject)).toHaveLength(150);
    expect(subject.endsWith('🚀…'), 'cut on a whole character, marked with an ellipsis').toBe(true);
    expect(mail.text).toContain(title);
  });

  it('fails an address list without sending, since it would add recipients', async () => {
    const outcome = await sender().send(
      { kind: 'email', address: 'me@example.test, victim@example.test' },
      notification,
    );
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/not a single email address/) });
    expect(mails).toHaveLength(0);
  });

  it('sends a pre-rendered digest through sendRendered', async () => {
    const digest = renderDigest([notification], '2026-12-04');
    const outcome = await sender().sendRendered('trader@example.test', digest, 'digest:2026-12-04:user:5');
    expect(outcome.status).toBe('sent');
    const mail = parseMail(mails[0]!.raw);
    expect(mail.header('subject')).toBe('MarketLens digest: 1 notification, 2026-12-04');
    expect(mail.header('x-marketlens-idempotency-key')).toBe('digest:2026-12-04:user:5');
  });
});

describe('email sender: errors', () => {
  it('fails when the server rejects the recipient with 550', async () => {
    refusals.rcptTo = 550;
    const outcome = await sender().send(to, notification);
    expect(outcome.status).toBe('failed');
    expect(outcome.status === 'failed' && outcome.error).toMatch(/RCPT TO.*550 mailbox refused for good/);
  });

  it('fails when the server refuses the message itself with 554 after DATA', async () => {
    refusals.data = 554;
    const outcome = await sender().send(to, notification);
    expect(outcome).toMatchObject({ status: 'failed', error: expect.stringMatching(/DATA.*554/) });
  });

  it('retries when the server refuses our sender address, a configuration fault an admin can fix', async () => {
    refusals.mailFrom = 553;
    const outcome = await sender().send(to, notification);
    expect(outcome).toMatchObject({ status: 'retry', error: expect.stringMatching(/MAIL FROM.*553/) });
  });

  it('retries when the server answers 451', async () => {
    refusals.rcptTo = 451;
    const outcome = await sender().send(to, notification);
    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/451/);
  });

  it('retries when no server listens', async () => {
    const closedPort = await unusedPort();
    const outcome = await sender(`smtp://127.0.0.1:${closedPort}`).send(to, notification);
    expect(outcome.status).toBe('retry');
    expect(outcome.status === 'retry' && outcome.error).toMatch(/ECONNREFUSED/);
  });

  it('retries when the server never greets within the timeout', async () => {
    const silent = createServer(() => undefined); // accepts the connection, says nothing
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const silentPort = (silent.address() as AddressInfo).port;
      const outcome = await sender(`smtp://127.0.0.1:${silentPort}`, 200).send(to, notification);
      expect(outcome).toMatchObject({ status: 'retry', error: expect.stringMatching(/ETIMEDOUT/) });
    } finally {
      silent.close();
    }
  });

  it('retries without sending when cancelled before it starts', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(await sender().send(to, notification, controller.signal)).toMatchObject({ status: 'retry' });
    expect(mails).toHaveLength(0);
  });
});

describe('email rendering', () => {
  it('renders a notification without a link when it has no url', () => {
    const { url: _url, ...withoutUrl } = notification;
    const email = renderEmail(withoutUrl);
    expect(email.text).not.toContain('Open in MarketLens');
    expect(email.html).not.toContain('Open in MarketLens');
    expect(email.text, 'without an alerts URL the footer still says where to go').toMatch(/open the Alerts page/);
  });

  it('flattens line breaks and control characters out of the subject itself, not relying on nodemailer', () => {
    const email = renderEmail({ ...notification, title: 'x\r\nBcc: evil@x\u0000\tend\u2028!' });
    expect(email.subject).toBe('x Bcc: evil@x end !');
  });

  it('renders a digest with every notification, oldest first, and a counted subject', () => {
    const later = { ...notification, title: 'later <one>', createdAt: notification.createdAt + 3_600_000 };
    const notifications = [later, ...Array.from({ length: 11 }, (_, i) => ({ ...notification, title: `n${i}` }))];
    const digest = renderDigest(notifications, '2026-12-04');
    expect(digest.subject).toBe('MarketLens digest: 12 notifications, 2026-12-04');
    expect(digest.text.indexOf('## n10')).toBeLessThan(digest.text.indexOf('## later <one>'));
    expect(digest.text).toContain('15:03 UTC · signal');
    expect(digest.html).toContain('<h2 style="font-size:16px;margin:24px 0 4px;">later &lt;one&gt;</h2>');
    expect(digest.html.match(/<h2/g)).toHaveLength(12);
  });

  it('renders an empty digest without pretending there is news', () => {
    const digest = renderDigest([], '2026-12-04');
    expect(digest.subject).toBe('MarketLens digest: 0 notifications, 2026-12-04');
    expect(digest.text).toMatch(/Nothing happened/);
  });

  it('renders a verification email with the link as text and as a button', () => {
    const link = 'https://marketlens.test/verify?token=a"b&c=1';
    const email = renderVerification(link);
    expect(email.subject).toMatch(/Confirm your email address/);
    expect(email.text).toContain('Confirm email address: https://marketlens.test/verify?token=a%22b&c=1');
    expect(email.html).toContain('href="https://marketlens.test/verify?token=a%22b&amp;c=1"');
    expect(email.text).toMatch(/If you did not ask for this/);
  });

  it('refuses to render a verification link that is not http(s)', () => {
    expect(() => renderVerification('javascript:alert(1)')).toThrow(/absolute http\(s\) URL/);
    expect(() => renderVerification('/verify?token=x')).toThrow(/absolute http\(s\) URL/);
  });
});

async function unusedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port: free } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return free;
}

// ---------------------------------------------------------------------------------------------------------
// A minimal MIME reader: enough for nodemailer's multipart/alternative output, not a general parser.

interface ParsedMail {
  header(name: string): string | undefined;
  text: string;
  html: string;
}

function parseMail(raw: string): ParsedMail {
  const { headers, body } = splitEntity(raw);
  const boundary = /boundary="?([^";]+)"?/.exec(headers.get('content-type') ?? '')?.[1];
  if (!boundary) throw new Error('expected a multipart message with a text and an HTML part');
  const parts = body
    .split(`--${boundary}`)
    .slice(1, -1)
    .map((part) => splitEntity(part.replace(/^\r\n/, '')));
  const partOf = (type: string) => {
    const part = parts.find((candidate) => candidate.headers.get('content-type')?.startsWith(type));
    if (!part) throw new Error(`no ${type} part`);
    return decodeBody(part.body, part.headers.get('content-transfer-encoding'));
  };
  return {
    header: (name) => {
      const value = headers.get(name.toLowerCase());
      return value === undefined ? undefined : decodeWords(value);
    },
    text: partOf('text/plain'),
    html: partOf('text/html'),
  };
}

function splitEntity(raw: string): { headers: Map<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const headers = new Map<string, string>();
  // Unfold continuation lines first: a header may span several lines, each continuation starting with space.
  for (const line of raw
    .slice(0, end)
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')) {
    const colon = line.indexOf(':');
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { headers, body: raw.slice(end + 4) };
}

function decodeBody(body: string, encoding = '7bit'): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(body.replace(/=\r\n/g, ''));
  return body;
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?...?= / =?UTF-8?B?...?=), as nodemailer writes non-ASCII subjects. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between adjacent encoded words is not part of the text
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_match, kind: string, data: string) =>
      kind.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
