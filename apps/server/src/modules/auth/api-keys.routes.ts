import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  apiKeyListSchema,
  createApiKeyRequestSchema,
  createdApiKeySchema,
  okResponseSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { createApiKey, listApiKeysFor, revokeApiKeyById } from './api-keys.service';
import { errorResponses } from './error-responses';
import { auditMetaOf, principalOf } from './request-meta';

/** /api-keys: keys for scripts and services; own keys for everyone, all keys for admins. */
export function apiKeysRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const orm = ctx.db.orm;
    const tags = ['api-keys'];

    app.get(
      '/api-keys',
      {
        config: { access: 'viewer' },
        schema: { tags, response: { 200: apiKeyListSchema, ...errorResponses(401, 429) } },
      },
      async (request) => ({ apiKeys: await listApiKeysFor(orm, principalOf(request)) }),
    );

    app.post(
      '/api-keys',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          body: createApiKeyRequestSchema,
          response: { 200: createdApiKeySchema, ...errorResponses(400, 401, 403, 429) },
        },
      },
      async (request) => createApiKey(orm, principalOf(request), request.body, auditMetaOf(request)),
    );

    app.delete(
      '/api-keys/:id',
      {
        config: { access: 'viewer' },
        schema: {
          tags,
          params: uuidParamSchema,
          response: { 200: okResponseSchema, ...errorResponses(400, 401, 403, 404, 429) },
        },
      },
      async (request) => {
        await revokeApiKeyById(orm, principalOf(request), request.params.id, auditMetaOf(request));
        return { ok: true as const };
      },
    );
  };
}
