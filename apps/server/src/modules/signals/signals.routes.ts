import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema, signalListQuerySchema, signalListSchema, type Signal } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, HttpError } from '../../http/http-errors';
import { LiveFeed } from './live-feed';
import { decodeCursor, encodeCursor, toSignal } from './signal-dto';
import { listSignals, signalsAfter, type SignalCursor } from './signals.store';

/** The cursor in a Last-Event-ID header (an id this stream sent), or undefined. */
function lastEventCursor(header: string | string[] | undefined): SignalCursor | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value ? decodeCursor(value) : undefined;
}

/** A comment line every so often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

export function signalsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  const feed = new LiveFeed(ctx, ctx.config.signals.engine.pollMs);
  return async (app) => {
    app.get(
      '/signals',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description:
            "Signals, newest first; page with `cursor` (the previous page's nextCursor); filter by symbol, strategy, action.",
          querystring: signalListQuerySchema,
          response: { 200: signalListSchema, 400: errorResponseSchema },
        },
      },
      async (request) => {
        const { cursor, limit, ...filter } = request.query;
        const before = cursor === undefined ? undefined : decodeCursor(cursor);
        if (cursor !== undefined && !before)
          throw new BadRequestError('INVALID_CURSOR', 'cursor is not one this API gave out');
        const rows = await listSignals(ctx.db.orm, { ...filter, before, limit });
        const last = rows.at(-1);
        return { signals: rows.map(toSignal), nextCursor: rows.length === limit && last ? encodeCursor(last) : null };
      },
    );

    app.get(
      '/signals/stream',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description:
            'Server-Sent Events: each new signal as `event: signal` with the signal JSON as data (send Accept: text/event-stream). Each event id is a cursor: reconnect with Last-Event-ID to get what was missed first. Comments every 15 s keep it open.',
          response: { 406: errorResponseSchema },
        },
      },
      async (request, reply) => {
        if (!(request.headers.accept ?? '').includes('text/event-stream')) {
          throw new HttpError(
            406,
            'NOT_ACCEPTABLE',
            'This is a Server-Sent Events stream: send Accept: text/event-stream',
          );
        }
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          // nginx must pass events through as they come, not buffer them.
          'x-accel-buffering': 'no',
          'x-request-id': request.id,
        });
        raw.write(': connected\n\n');
        const send = (signal: Signal, cursor: SignalCursor) =>
          raw.write(`id: ${encodeCursor(cursor)}\nevent: signal\ndata: ${JSON.stringify(signal)}\n\n`);
        // A reconnecting client names the last signal it got (Last-Event-ID): it first gets what it missed.
        // Live signals that arrive while the backlog is read wait, and none is sent twice.
        const resumeFrom = lastEventCursor(request.headers['last-event-id']);
        const sent = new Set<string>();
        let waiting: Array<[Signal, SignalCursor]> | null = resumeFrom ? [] : null;
        const unsubscribe = await feed.subscribe((signal, cursor) => {
          if (waiting) waiting.push([signal, cursor]);
          else if (!sent.has(signal.id)) send(signal, cursor);
        });
        if (resumeFrom) {
          for (const row of await signalsAfter(ctx.db.orm, resumeFrom, 1000)) {
            sent.add(row.id);
            send(toSignal(row), { createdAt: row.createdAt, id: row.id });
          }
          for (const [signal, cursor] of waiting ?? []) if (!sent.has(signal.id)) send(signal, cursor);
          waiting = null;
        }
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
}
