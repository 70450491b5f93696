import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createSavedScreenSchema,
  savedScreenListSchema,
  savedScreenSchema,
  updateSavedScreenSchema,
  uuidParamSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import {
  createSavedScreen,
  deleteSavedScreen,
  listOwnScreens,
  ownScreen,
  toSavedScreen,
  updateSavedScreen,
} from './saved-screens.service';
import { errorAnswers, userIdOf } from './screener-http';

const tags = ['screener'];

/** /screener/screens: each user's saved screens (another user's id answers 404). */
export function savedScreensRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/screener/screens',
      {
        config: { access: 'viewer' },
        schema: { tags, description: 'Your saved screens, by name.', response: { 200: savedScreenListSchema } },
      },
      async (request) => ({ screens: await listOwnScreens(ctx, userIdOf(request)) }),
    );

    app.post(
      '/screener/screens',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description:
            'Save a screen (filter, sort, view, universe). 400 INVALID_SCREEN_FILTER / INVALID_SCREEN_SORT with the ' +
            'position; 404 UNIVERSE_NOT_FOUND; 409 SCREEN_NAME_TAKEN.',
          body: createSavedScreenSchema,
          response: { 201: savedScreenSchema, ...errorAnswers(400, 404, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createSavedScreen(ctx, userIdOf(request), request.body)),
    );

    app.get(
      '/screener/screens/:id',
      {
        config: { access: 'viewer' },
        schema: { tags, params: uuidParamSchema, response: { 200: savedScreenSchema, ...errorAnswers(404) } },
      },
      async (request) => toSavedScreen(await ownScreen(ctx, userIdOf(request), request.params.id)),
    );

    app.patch(
      '/screener/screens/:id',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Change a saved screen (any of name, filter, sort, view, universe).',
          params: uuidParamSchema,
          body: updateSavedScreenSchema,
          response: { 200: savedScreenSchema, ...errorAnswers(400, 404, 409) },
        },
      },
      async (request) => updateSavedScreen(ctx, userIdOf(request), request.params.id, request.body),
    );

    app.delete(
      '/screener/screens/:id',
      {
        config: { access: 'analyst' },
        schema: { tags, params: uuidParamSchema, response: { 204: z.null(), ...errorAnswers(404) } },
      },
      async (request, reply) => {
        await deleteSavedScreen(ctx, userIdOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );
  };
}
