import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createRegimeFitRequestSchema,
  currentRegimeSchema,
  errorResponseSchema,
  okResponseSchema,
  regimeFitListQuerySchema,
  regimeFitListSchema,
  regimeFitSchema,
  regimeSeriesQuerySchema,
  regimeSeriesSchema,
  regimeUploadQuerySchema,
  symbolParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { BadRequestError } from '../../http/http-errors';
import { createFitFromUpload } from './regime-upload.service';
import { createFitFromBars, getCurrent, getFit, getModel, getSeries, listFits, removeFit } from './regimes.service';

const idParamSchema = z.object({ id: z.uuid() });
const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
const created = { 201: regimeFitSchema, 202: regimeFitSchema, ...errors, 413: errorResponseSchema };
/** The versioned model JSON (hmm-model-json.ts in quant); validated there when it is read back. */
const modelJsonSchema = z.object({ version: z.number() }).loose();

export function regimesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/regimes/fits',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['regimes'],
          description:
            'Fit a Gaussian HMM to stored bars. Small fits answer 201 with the result; large ones 202 (queued job).',
          body: createRegimeFitRequestSchema,
          response: created,
        },
      },
      async (request, reply) => {
        const { status, fit } = await createFitFromBars(ctx, request.body, request.principal?.userId);
        return reply.status(status).send(fit);
      },
    );

    app.post(
      '/regimes/fits/upload',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['regimes'],
          description:
            'Fit a Gaussian HMM to an uploaded CSV (multipart/form-data, field `file`); nothing is stored in bars.',
          consumes: ['multipart/form-data'],
          querystring: regimeUploadQuerySchema,
          response: created,
        },
      },
      async (request, reply) => {
        const file = await request.file();
        if (!file)
          throw new BadRequestError('FILE_REQUIRED', 'Send the CSV as multipart/form-data in a field named "file"');
        const { status, fit } = await createFitFromUpload(ctx, {
          input: file.file,
          query: request.query,
          wasTruncated: () => file.file.truncated,
          userId: request.principal?.userId,
        });
        return reply.status(status).send(fit);
      },
    );

    app.get(
      '/regimes/fits',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['regimes'],
          querystring: regimeFitListQuerySchema,
          response: { 200: regimeFitListSchema, ...errors },
        },
      },
      async (request) => ({ fits: await listFits(ctx, request.query) }),
    );

    app.get(
      '/regimes/fits/:id',
      {
        config: { access: 'viewer' },
        schema: { tags: ['regimes'], params: idParamSchema, response: { 200: regimeFitSchema, ...errors } },
      },
      async (request) => getFit(ctx, request.params.id),
    );

    app.get(
      '/regimes/fits/:id/series',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['regimes'],
          description: 'Dates, closes, Viterbi path and posterior probabilities, downsampled to maxPoints rows.',
          params: idParamSchema,
          querystring: regimeSeriesQuerySchema,
          response: { 200: regimeSeriesSchema, ...errors, 409: errorResponseSchema },
        },
      },
      async (request) => getSeries(ctx, request.params.id, request.query.maxPoints),
    );

    app.get(
      '/regimes/fits/:id/model',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['regimes'],
          description: 'The fitted model as versioned JSON (export).',
          params: idParamSchema,
          response: { 200: modelJsonSchema, ...errors, 409: errorResponseSchema },
        },
      },
      async (request) => (await getModel(ctx, request.params.id)) as z.infer<typeof modelJsonSchema>,
    );

    app.delete(
      '/regimes/fits/:id',
      {
        config: { access: 'analyst' },
        schema: { tags: ['regimes'], params: idParamSchema, response: { 200: okResponseSchema, ...errors } },
      },
      async (request) => {
        await removeFit(ctx, request.params.id);
        return { ok: true as const };
      },
    );

    app.get(
      '/regimes/:symbol/current',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['regimes'],
          description: 'Latest filtered regime probabilities of the newest tracked (else newest) succeeded fit.',
          params: symbolParamSchema,
          response: { 200: currentRegimeSchema, ...errors },
        },
      },
      async (request) => getCurrent(ctx, request.params.symbol),
    );
  };
}
