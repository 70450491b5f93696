import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  archiveVersionRequestSchema,
  artifactParamsSchema,
  deleteAliasQuerySchema,
  errorResponseSchema,
  experimentListSchema,
  metricKeyParamsSchema,
  metricSeriesSchema,
  modelAliasParamsSchema,
  modelDetailSchema,
  modelListSchema,
  modelParamsSchema,
  modelVersionParamsSchema,
  runCompareQuerySchema,
  runCompareSchema,
  runDetailSchema,
  runListQuerySchema,
  runListSchema,
  setAliasRequestSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import {
  compareRuns,
  getMetricSeries,
  getModelDetail,
  getRun,
  listExperiments,
  listRegisteredModels,
  listRuns,
} from './registry-read.service';
import { archiveVersion, readArtifactWithRecord, removeAlias, setAlias } from './registry.service';

const errors = { 400: errorResponseSchema, 404: errorResponseSchema };
const changeErrors = { ...errors, 409: errorResponseSchema };

export function registryRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/experiments',
      { config: { access: 'viewer' }, schema: { tags: ['registry'], response: { 200: experimentListSchema } } },
      async () => ({ experiments: await listExperiments(ctx) }),
    );

    app.get(
      '/experiments/:id/runs',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['registry'],
          description: 'Runs of one experiment, newest first.',
          params: uuidParamSchema,
          querystring: runListQuerySchema,
          response: { 200: runListSchema, ...errors },
        },
      },
      async (request) => ({ runs: await listRuns(ctx, request.params.id, request.query) }),
    );

    app.get(
      '/runs/compare',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['registry'],
          description: '2-5 runs side by side: params diff, latest metrics, metric keys with curves.',
          querystring: runCompareQuerySchema,
          response: { 200: runCompareSchema, ...errors },
        },
      },
      async (request) => compareRuns(ctx, request.query.ids),
    );

    app.get(
      '/runs/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['registry'],
          description: 'A run: params, tags, source, the latest value of each metric, artifacts.',
          params: uuidParamSchema,
          response: { 200: runDetailSchema, ...errors },
        },
      },
      async (request) => getRun(ctx, request.params.id),
    );

    app.get(
      '/runs/:id/metrics/:key',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['registry'],
          description: 'Every step of one metric (a training curve), ascending.',
          params: metricKeyParamsSchema,
          response: { 200: metricSeriesSchema, ...errors },
        },
      },
      async (request) => getMetricSeries(ctx, request.params.id, request.params.key),
    );

    app.get(
      '/runs/:id/artifacts/:name',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['registry'],
          description: 'Downloads an artifact, verified against its recorded SHA-256 (409 ARTIFACT_CORRUPT if not).',
          params: artifactParamsSchema,
          // No response schema: the body is the artifact's bytes (errors still use errorResponseSchema).
        },
      },
      async (request, reply) => {
        const { row, body } = await readArtifactWithRecord(ctx, request.params.id, request.params.name);
        const filename = row.name.split('/').pop() ?? 'artifact';
        return reply
          .type(row.contentType)
          .header('content-disposition', `attachment; filename="${filename}"`)
          .header('x-artifact-sha256', row.sha256)
          .send(body);
      },
    );

    app.get(
      '/models',
      { config: { access: 'viewer' }, schema: { tags: ['registry'], response: { 200: modelListSchema } } },
      async () => ({ models: await listRegisteredModels(ctx) }),
    );

    app.get(
      '/models/:name',
      {
        config: { access: 'viewer' },
        schema: {
          tags: ['registry'],
          description: 'A registered model: versions (newest first), aliases and the alias history.',
          params: modelParamsSchema,
          response: { 200: modelDetailSchema, ...errors },
        },
      },
      async (request) => getModelDetail(ctx, request.params.name),
    );

    app.post(
      '/models/:name/aliases/:alias',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['registry'],
          description:
            'Points an alias (champion, challenger, ...) at a version: promote or roll back. Needs a reason.',
          params: modelAliasParamsSchema,
          body: setAliasRequestSchema,
          response: { 200: modelDetailSchema, ...changeErrors },
        },
      },
      async (request) => {
        const { name, alias } = request.params;
        await setAlias(ctx, { model: name, alias, ...request.body, userId: request.principal?.userId });
        return getModelDetail(ctx, name);
      },
    );

    app.delete(
      '/models/:name/aliases/:alias',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['registry'],
          params: modelAliasParamsSchema,
          querystring: deleteAliasQuerySchema,
          response: { 200: modelDetailSchema, ...changeErrors },
        },
      },
      async (request) => {
        const { name, alias } = request.params;
        const reason = request.query.reason ?? 'alias removed';
        await removeAlias(ctx, { model: name, alias, reason, userId: request.principal?.userId });
        return getModelDetail(ctx, name);
      },
    );

    app.post(
      '/models/:name/versions/:version/archive',
      {
        config: { access: 'analyst' },
        schema: {
          tags: ['registry'],
          description: 'Archives a version no alias points at (409 VERSION_IN_USE otherwise).',
          params: modelVersionParamsSchema,
          body: archiveVersionRequestSchema,
          response: { 200: modelDetailSchema, ...changeErrors },
        },
      },
      async (request) => {
        const { name, version } = request.params;
        await archiveVersion(ctx, { model: name, version, ...request.body, userId: request.principal?.userId });
        return getModelDetail(ctx, name);
      },
    );
  };
}
