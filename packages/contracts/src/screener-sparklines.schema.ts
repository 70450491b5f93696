import { z } from 'zod';
import { symbolSchema } from './market-data.schema';

// GET /screener/sparklines: the last daily closes of many symbols at once, for the tiny per-row charts of the
// Screener table (the screen's rows carry metrics, not prices). The web asks for the rows on screen only.

/** Symbols one request may ask for: a screenful of rows many times over. */
export const SPARKLINE_MAX_SYMBOLS = 200;
/** Closes per symbol: a year of daily bars at most. */
export const SPARKLINE_MAX_BARS = 260;

export const sparklineQuerySchema = z
  .object({
    /** Comma-separated symbols ("SYN001,SYN002"); repeats are read once. */
    symbols: z
      .string()
      .max(SPARKLINE_MAX_SYMBOLS * 33)
      .transform((text, ctx) => {
        const parts = text
          .split(',')
          .map((s) => s.trim())
          .filter((s) => s !== '');
        const out: string[] = [];
        for (const part of parts) {
          const parsed = symbolSchema.safeParse(part);
          if (!parsed.success) {
            ctx.addIssue({ code: 'custom', message: `"${part}" is not a symbol` });
            return z.NEVER;
          }
          if (!out.includes(parsed.data)) out.push(parsed.data);
        }
        if (out.length === 0) {
          ctx.addIssue({ code: 'custom', message: 'name at least one symbol' });
          return z.NEVER;
        }
        if (out.length > SPARKLINE_MAX_SYMBOLS) {
          ctx.addIssue({ code: 'custom', message: `at most ${SPARKLINE_MAX_SYMBOLS} symbols per request` });
          return z.NEVER;
        }
        return out;
      }),
    bars: z.coerce.number().int().min(2).max(SPARKLINE_MAX_BARS).default(60),
  })
  .strict();
export type SparklineQuery = z.infer<typeof sparklineQuerySchema>;

export const sparklineSchema = z.object({
  symbol: z.string(),
  /** Daily closes, oldest first: the last `bars` stored (fewer when the series is shorter). */
  closes: z.array(z.number()),
  /** Open time of the last bar (ISO 8601 UTC), null when there are no bars. */
  lastTs: z.string().nullable(),
});
export type Sparkline = z.infer<typeof sparklineSchema>;

export const sparklineListSchema = z.object({
  bars: z.number().int(),
  /** In the order asked; symbols without an instrument are left out. */
  sparklines: z.array(sparklineSchema),
});
export type SparklineList = z.infer<typeof sparklineListSchema>;
