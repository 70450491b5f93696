import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  quotaStatusSchema,
  screenCatalogSchema,
  screenDiffQuerySchema,
  screenDiffSchema,
  screenExportQuerySchema,
  screenQuerySchema,
  screenResultSchema,
  symbolHistoryQuerySchema,
  symbolHistorySchema,
  symbolParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { diffSnapshots } from './diffs.service';
import { quotaStatus } from './prices/quota.service';
import { errorAnswers, userIdOf } from './screener-http';
import { exportScreenCsv, runScreenQuery, screenCatalog } from './screens.service';
import { symbolHistory } from './symbol-history.service';

const tags = ['screener'];
const FILTER_ERRORS =
  'A filter or sort that does not parse answers 400 INVALID_SCREEN_FILTER / INVALID_SCREEN_SORT with ' +
  '`details` { position (0-based), expected, text }.';

/** /screener: run a screen, export it, compare snapshots, the field catalog and the stock drawer's data. */
export function screensRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/screener/fields',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Screen fields (name, type, label, unit, description), column views, presets, composite weights.',
          response: { 200: screenCatalogSchema },
        },
      },
      async () => screenCatalog(),
    );

    app.post(
      '/screener/screen',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Run a screen over a snapshot (default: the latest of the default universe): filter, sort, page and ' +
            `columns (a view or fields). Answers the page of rows and the total. ${FILTER_ERRORS}`,
          body: screenQuerySchema,
          response: { 200: screenResultSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => runScreenQuery(ctx, request.body),
    );

    app.get(
      '/screener/export',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description: `The whole result of a screen in sort order as CSV (text/csv; header = the columns). ${FILTER_ERRORS}`,
          querystring: screenExportQuerySchema,
          response: { 200: z.string().describe('text/csv'), ...errorAnswers(400, 404) },
        },
      },
      async (request, reply) => {
        const { csv, filename } = await exportScreenCsv(ctx, request.query);
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${filename}"`)
          .send(csv);
      },
    );

    app.get(
      '/screener/diffs',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            'Compare two snapshots of a universe under one screen (a saved screen of yours, or filter + sort; ' +
            'ranks by -score when no sort): who entered, who left, who moved most in rank. Default: the latest ' +
            `snapshot against the one before. ${FILTER_ERRORS}`,
          querystring: screenDiffQuerySchema,
          response: { 200: screenDiffSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => diffSnapshots(ctx, userIdOf(request), request.query),
    );

    app.get(
      '/screener/symbols/:symbol',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            "The stock drawer: a symbol's metrics in each snapshot of a universe (oldest first) and the URL of its " +
            'daily bars in the instruments API.',
          params: symbolParamSchema,
          querystring: symbolHistoryQuerySchema,
          response: { 200: symbolHistorySchema, ...errorAnswers(404) },
        },
      },
      async (request) => symbolHistory(ctx, request.params.symbol, request.query),
    );

    app.get(
      '/screener/quota',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          description:
            "Today's Alpha Vantage request budget: used, quota, remaining, and the provider's limit answer when it " +
            'ended the day early (configured false without an API key).',
          response: { 200: quotaStatusSchema },
        },
      },
      async () => quotaStatus(ctx),
    );
  };
}
