import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { AppContext } from '../src/context';
import { notificationChannels, subscriptions, type ChannelTargetColumn } from '../src/db/schema';

/** A verified channel of `userId`, straight into the table (the alerts API's own tests cover how they are made). */
export async function insertChannel(
  ctx: AppContext,
  userId: string,
  kind: 'telegram' | 'email' | 'webhook',
  target: ChannelTargetColumn,
  options: { secret?: string; verified?: boolean; mutedUntil?: Date } = {},
): Promise<string> {
  const [row] = await ctx.db.orm
    .insert(notificationChannels)
    .values({
      userId,
      kind,
      label: `${kind} test`,
      target,
      secret: options.secret ?? null,
      verified: options.verified ?? true,
      mutedUntil: options.mutedUntil ?? null,
    })
    .returning({ id: notificationChannels.id });
  return row!.id;
}

export async function insertSubscription(
  ctx: AppContext,
  userId: string,
  channelId: string,
  source: 'strategy' | 'symbol' | 'alert_rule',
  sourceRef: string,
  level: 'on' | 'silent' | 'off' = 'on',
  mode: 'immediate' | 'digest' = 'immediate',
): Promise<string> {
  const [row] = await ctx.db.orm
    .insert(subscriptions)
    .values({ userId, channelId, source, sourceRef, level, mode })
    .returning({ id: subscriptions.id });
  return row!.id;
}

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A webhook receiver on 127.0.0.1: records every request, answers what `reply` says (200 by default), so a
 * test can make it fail and recover.
 */
export async function startWebhookReceiver(): Promise<{
  url: string;
  received: ReceivedWebhook[];
  reply: { status: number; headers?: Record<string, string> };
  close(): Promise<void>;
}> {
  const received: ReceivedWebhook[] = [];
  const reply: { status: number; headers?: Record<string, string> } = { status: 200 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      res.writeHead(reply.status, reply.headers ?? {});
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    reply,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** An SMTP server on 127.0.0.1 that accepts everything and keeps each message's recipients and raw text. */
export async function startSmtpReceiver(): Promise<{
  url: string;
  mails: Array<{ to: string[]; raw: string }>;
  close(): Promise<void>;
}> {
  const mails: Array<{ to: string[]; raw: string }> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
