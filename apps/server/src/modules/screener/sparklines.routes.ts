import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sparklineListSchema, sparklineQuerySchema, type Sparkline } from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { NotFoundError } from '../../http/http-errors';
import { getBars } from '../instruments/instruments.service';
import { errorAnswers } from './screener-http';

/** Series read at once: enough to overlap the database round trips, few enough not to hog the pool. */
const CONCURRENCY = 8;

/** The last `bars` daily closes of a symbol, or null when no instrument has that symbol. */
async function readSparkline(ctx: AppContext, symbol: string, bars: number): Promise<Sparkline | null> {
  try {
    const series = await getBars(ctx, symbol, { timeframe: '1d', limit: bars });
    return { symbol, closes: series.bars.map((b) => b.close), lastTs: series.bars.at(-1)?.ts ?? null };
  } catch (err) {
    if (err instanceof NotFoundError) return null;
    throw err;
  }
}

/** Sparklines of many symbols, in the order asked, unknown symbols left out. */
export async function readSparklines(ctx: AppContext, symbols: readonly string[], bars: number): Promise<Sparkline[]> {
  const out: (Sparkline | null)[] = new Array<Sparkline | null>(symbols.length).fill(null);
  let next = 0;
  const worker = async () => {
    while (next < symbols.length) {
      const index = next++;
      out[index] = await readSparkline(ctx, symbols[index]!, bars);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, symbols.length) }, worker));
  return out.filter((s): s is Sparkline => s !== null);
}

/** GET /screener/sparklines: the Screener table's per-row price lines, one request for the rows on screen. */
export function sparklinesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/screener/sparklines',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['screener'],
          description:
            'The last `bars` daily closes (oldest first) of up to 200 comma-separated symbols, in the order asked; ' +
            'symbols without stored instruments are left out.',
          querystring: sparklineQuerySchema,
          response: { 200: sparklineListSchema, ...errorAnswers(400) },
        },
      },
      async (request) => {
        const { symbols, bars } = request.query;
        return { bars, sparklines: await readSparklines(ctx, symbols, bars) };
      },
    );
  };
}
