import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  auditLogQuerySchema,
  auditLogSchema,
  createFeatureFlagSchema,
  errorResponseSchema,
  featureFlagKeyParamSchema,
  featureFlagListSchema,
  featureFlagSchema,
  opsOverviewSchema,
  updateFeatureFlagSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { auditMetaOf } from '../auth/request-meta';
import { readAuditLog } from './audit-log.service';
import { createFeatureFlag, listFeatureFlags, setFeatureFlag } from './feature-flags.service';
import { opsOverview } from './ops-overview.service';

const tags = ['ops'];
const errors = { 400: errorResponseSchema, 401: errorResponseSchema, 403: errorResponseSchema };

/** The Ops page's own reads and switches (admins): overview, feature flags, audit log. */
export function opsPageRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/ops/overview',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          description:
            'Dependencies, jobs per name by queue state with recent failures, schedules with their next run, dead-lettered deliveries.',
          response: { 200: opsOverviewSchema, ...errors },
        },
      },
      async () => opsOverview(ctx),
    );

    app.get(
      '/ops/flags',
      {
        config: { access: 'admin' },
        schema: { tags, description: 'Every feature flag.', response: { 200: featureFlagListSchema, ...errors } },
      },
      async () => ({ flags: await listFeatureFlags(ctx) }),
    );

    app.post(
      '/ops/flags',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          description: 'Create a feature flag (audited as flags.create). 409 FLAG_EXISTS.',
          body: createFeatureFlagSchema,
          response: { 201: featureFlagSchema, ...errors, 409: errorResponseSchema },
        },
      },
      async (request, reply) =>
        reply.status(201).send(await createFeatureFlag(ctx, request.body, auditMetaOf(request))),
    );

    app.patch(
      '/ops/flags/:key',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          description: 'Switch a feature flag on or off (audited as flags.update). 404 FLAG_NOT_FOUND.',
          params: featureFlagKeyParamSchema,
          body: updateFeatureFlagSchema,
          response: { 200: featureFlagSchema, ...errors, 404: errorResponseSchema },
        },
      },
      async (request) => setFeatureFlag(ctx, request.params.key, request.body.enabled, auditMetaOf(request)),
    );

    app.get(
      '/ops/audit',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          description:
            'The audit log, newest first: filter by actor (email part or user id), action (exact, or a family ending in "."), since/until; page with nextCursor.',
          querystring: auditLogQuerySchema,
          response: { 200: auditLogSchema, ...errors },
        },
      },
      async (request) => readAuditLog(ctx, request.query),
    );
  };
}
