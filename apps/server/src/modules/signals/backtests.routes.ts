import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  backtestListQuerySchema,
  backtestListSchema,
  backtestSchema,
  createBacktestRequestSchema,
  errorResponseSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { createBacktest, getBacktest, listBacktests } from './backtests.service';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };

export function backtestsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/backtests',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['signals'],
          description:
            'Backtest a strategy version (default the latest) on stored bars of a symbol: 202 with the queued ' +
            'backtest; job signals.backtest reports progress on GET /backtests/:id. Stored bars finer than the ' +
            "strategy's timeframe are resampled; coarser ones answer 400 TIMEFRAME_MISMATCH. A forecast gate " +
            'reads the out-of-sample predictions of the model version behind its alias (pinned now); a range that ' +
            "starts before that version's last training bar closed answers 400 GATE_LOOKS_AHEAD with " +
            'details.honestFrom; a regime filter reads the filtered probabilities of the ' +
            "symbol's tracked regime fit (or regime.fitId).",
          body: createBacktestRequestSchema,
          response: { 202: backtestSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(202).send(await createBacktest(ctx, request.body, request.principal?.userId)),
    );

    app.get(
      '/backtests',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'Backtests, newest first, with the headline figures of finished ones.',
          querystring: backtestListQuerySchema,
          response: { 200: backtestListSchema, ...errors },
        },
      },
      async (request) => ({ backtests: await listBacktests(ctx, request.query) }),
    );

    app.get(
      '/backtests/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description:
            'Status and progress; once succeeded the result: trades, every metric, the equity curve beside ' +
            'buy-and-hold (at most 2,000 points), the per-regime breakdown and the look-ahead check.',
          params: uuidParamSchema,
          response: { 200: backtestSchema, ...errors },
        },
      },
      async (request) => getBacktest(ctx, request.params.id),
    );
  };
}
