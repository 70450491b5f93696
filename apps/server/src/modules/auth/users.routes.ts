import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  createUserRequestSchema,
  updateUserRequestSchema,
  userListSchema,
  userSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { errorResponses } from './error-responses';
import { auditMetaOf } from './request-meta';
import { createUser, listUsersDto, updateUserById } from './users.service';

/** /users: administration of accounts (admins only). */
export function usersRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    const orm = ctx.db.orm;
    const tags = ['users'];

    app.get(
      '/users',
      {
        config: { access: 'admin' },
        schema: { tags, response: { 200: userListSchema, ...errorResponses(401, 403, 429) } },
      },
      async () => ({ users: await listUsersDto(orm) }),
    );

    app.post(
      '/users',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          body: createUserRequestSchema,
          response: { 200: userSchema, ...errorResponses(400, 401, 403, 409, 429) },
        },
      },
      async (request) => createUser(orm, request.body, auditMetaOf(request)),
    );

    app.patch(
      '/users/:id',
      {
        config: { access: 'admin' },
        schema: {
          tags,
          params: uuidParamSchema,
          body: updateUserRequestSchema,
          response: { 200: userSchema, ...errorResponses(400, 401, 403, 404, 409, 429) },
        },
      },
      async (request) => updateUserById(orm, request.params.id, request.body, auditMetaOf(request)),
    );
  };
}
