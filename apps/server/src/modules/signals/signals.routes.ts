import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { errorResponseSchema, signalListQuerySchema, signalListSchema } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError, HttpError } from '../../http/http-errors';
import { LiveFeed } from './live-feed';
import { decodeCursor, encodeCursor, toSignal } from './signal-dto';
import { listSignals } from './signals.store';

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
            'Server-Sent Events: each new signal as `event: signal` with the signal JSON as data (send Accept: text/event-stream). Comments every 15 s keep it open.',
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
        const unsubscribe = await feed.subscribe((signal, cursor) => {
          raw.write(`id: ${encodeCursor(cursor)}\nevent: signal\ndata: ${JSON.stringify(signal)}\n\n`);
        });
        const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
        request.raw.on('close', () => {
          clearInterval(heartbeat);
          unsubscribe();
        });
      },
    );
  };
}
