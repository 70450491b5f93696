import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  errorResponseSchema,
  forecastAnswerSchema,
  forecastQuerySchema,
  forecastTrainingResultSchema,
  predictionHistoryQuerySchema,
  predictionHistorySchema,
  queuedForecastTrainingSchema,
  symbolParamSchema,
  trainForecastRequestSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { getPredictionHistory } from './forecast-predict.service';
import { getForecast } from './forecast-serving.service';
import { trainForecast } from './forecast-training.service';

const errors = {
  400: errorResponseSchema,
  404: errorResponseSchema,
  409: errorResponseSchema,
};

export function forecastsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/forecasts/train',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['forecasts'],
          description:
            'Train a forecasting model on stored bars with walk-forward evaluation next to its baseline, record ' +
            'the run and register a version (alias challenger; champion when none). Small trainings answer 201; ' +
            'larger ones 202 (job forecasts.train).',
          body: trainForecastRequestSchema,
          response: { 201: forecastTrainingResultSchema, 202: queuedForecastTrainingSchema, ...errors },
        },
      },
      async (request, reply) => {
        const outcome = await trainForecast(ctx, request.body, request.principal?.userId);
        return outcome.status === 201 ? reply.status(201).send(outcome.result) : reply.status(202).send(outcome.queued);
      },
    );

    app.get(
      '/forecasts/:symbol',
      {
        config: { access: 'viewer' },
        // A hot read: its per-request log line would cost more than the answer (served from the cache).
        logLevel: 'warn',
        schema: {
          tags: ['forecasts'],
          description:
            "The champion model's forecast for the newest bar, with its conformal interval and the baseline's " +
            'forecast. Cached per (symbol, horizon, model version, newest bar) until the next bar is due.',
          params: symbolParamSchema,
          querystring: forecastQuerySchema,
          response: { 200: forecastAnswerSchema, ...errors },
        },
      },
      async (request) => getForecast(ctx, request.params.symbol, request.query.horizon),
    );

    app.get(
      '/forecasts/:symbol/predictions',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['forecasts'],
          description: 'Stored predictions (newest first) with realised values, and the rolling directional accuracy.',
          params: symbolParamSchema,
          querystring: predictionHistoryQuerySchema,
          response: { 200: predictionHistorySchema, ...errors },
        },
      },
      async (request) => getPredictionHistory(ctx, request.params.symbol, request.query),
    );
  };
}
