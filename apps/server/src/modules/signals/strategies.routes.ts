import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  backtestListQuerySchema,
  backtestListSchema,
  errorResponseSchema,
  strategyDefinitionSchema,
  strategyDetailSchema,
  strategyListQuerySchema,
  strategyListSchema,
  strategyValidationSchema,
  strategyVersionListSchema,
  strategyVersionParamsSchema,
  strategyVersionSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { listBacktests } from './backtests.service';
import {
  addVersion,
  createStrategy,
  getStrategy,
  getStrategyVersion,
  listStrategySummaries,
  listStrategyVersions,
  setArchived,
  validateStrategy,
} from './strategies.service';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema, 409: errorResponseSchema };
const INVALID =
  'An invalid document answers 400 INVALID_STRATEGY with every problem in `details` ({ path, message, position? }).';

// The schema documents the body in OpenAPI; the service checks the document as sent (schema, then every rule
// through the compiler), so a bad one gets the full problem list, and rule columns count in the text as typed
// (the schema's parse trims rules and replaces the body, hence the copy kept before validation).
const documents = new WeakMap<FastifyRequest, unknown>();
const documentRoute = {
  attachValidation: true,
  preValidation: async (request: FastifyRequest) => {
    documents.set(request, request.body);
  },
};
const documentOf = (request: FastifyRequest): unknown => documents.get(request);
const backtestsQuerySchema = backtestListQuerySchema.omit({ strategyId: true });

export function strategiesRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/strategies/validate',
      {
        config: { access: 'viewer' },
        ...documentRoute,
        schema: {
          tags: ['signals'],
          description:
            'Check a strategy document without saving it: always 200 with `valid` and every problem (path, ' +
            'message, and the 0-based column of a rule), for inline errors while editing.',
          body: strategyDefinitionSchema,
          response: { 200: strategyValidationSchema },
        },
      },
      async (request) => validateStrategy(documentOf(request)),
    );

    app.post(
      '/strategies',
      {
        config: { access: 'analyst' },
        ...documentRoute,
        schema: {
          tags: ['signals'],
          description: `Create a strategy (version 1) from a strategy document; the name is unique. ${INVALID}`,
          body: strategyDefinitionSchema,
          response: { 201: strategyDetailSchema, ...errors },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createStrategy(ctx, documentOf(request), request.principal?.userId)),
    );

    app.get(
      '/strategies',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'Strategies, most recently changed first (archived ones with archived=include|only).',
          querystring: strategyListQuerySchema,
          response: { 200: strategyListSchema, ...errors },
        },
      },
      async (request) => ({ strategies: await listStrategySummaries(ctx, request.query) }),
    );

    app.get(
      '/strategies/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'A strategy with its latest document and every version, newest first.',
          params: uuidParamSchema,
          response: { 200: strategyDetailSchema, ...errors },
        },
      },
      async (request) => getStrategy(ctx, request.params.id),
    );

    app.post(
      '/strategies/:id/versions',
      {
        config: { access: 'analyst' },
        ...documentRoute,
        schema: {
          tags: ['signals'],
          description:
            'Edit: save the document as a new version (201). A document identical to the latest version ' +
            `creates none and answers 200. Archived strategies answer 409. ${INVALID}`,
          params: uuidParamSchema,
          body: strategyDefinitionSchema,
          response: { 200: strategyDetailSchema, 201: strategyDetailSchema, ...errors },
        },
      },
      async (request, reply) => {
        const { created, strategy } = await addVersion(
          ctx,
          request.params.id,
          documentOf(request),
          request.principal?.userId,
        );
        return reply.status(created ? 201 : 200).send(strategy);
      },
    );

    app.get(
      '/strategies/:id/versions',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          params: uuidParamSchema,
          response: { 200: strategyVersionListSchema, ...errors },
        },
      },
      async (request) => ({ versions: await listStrategyVersions(ctx, request.params.id) }),
    );

    app.get(
      '/strategies/:id/versions/:version',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'One version of a strategy with its document (versions never change).',
          params: strategyVersionParamsSchema,
          response: { 200: strategyVersionSchema, ...errors },
        },
      },
      async (request) => getStrategyVersion(ctx, request.params.id, request.params.version),
    );

    for (const [action, archive] of [
      ['archive', true],
      ['restore', false],
    ] as const) {
      app.post(
        `/strategies/:id/${action}`,
        {
          config: { access: 'analyst' },
          schema: {
            tags: ['signals'],
            description: archive
              ? 'Archive: hidden from the list, read-only (no versions, no backtests); 409 while it runs live.'
              : 'Restore an archived strategy.',
            params: uuidParamSchema,
            response: { 200: strategyDetailSchema, ...errors },
          },
        },
        async (request) => setArchived(ctx, request.params.id, archive),
      );
    }

    app.get(
      '/strategies/:id/backtests',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['signals'],
          description: 'Backtests of a strategy, newest first, with the headline figures of finished ones.',
          params: uuidParamSchema,
          querystring: backtestsQuerySchema,
          response: { 200: backtestListSchema, ...errors },
        },
      },
      async (request) => {
        await getStrategy(ctx, request.params.id);
        return { backtests: await listBacktests(ctx, { ...request.query, strategyId: request.params.id }) };
      },
    );
  };
}
