import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createWatchlistSchema,
  renameWatchlistSchema,
  uuidParamSchema,
  watchlistListSchema,
  watchlistSchema,
  watchlistSymbolParamSchema,
  watchlistSymbolsSchema,
} from '@marketlens/contracts';
import type { AppContext } from '../../context';
import { errorAnswers, userIdOf } from './screener-http';
import {
  addWatchlistSymbols,
  createWatchlist,
  deleteWatchlist,
  getOwnWatchlist,
  listOwnWatchlists,
  removeWatchlistSymbol,
  renameWatchlist,
} from './watchlists.service';

const tags = ['screener'];

/** /screener/watchlists: each user's watchlists (another user's id answers 404). */
export function watchlistsRoutes(ctx: AppContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/screener/watchlists',
      {
        config: { access: 'viewer' },
        schema: { tags, description: 'Your watchlists with their symbols.', response: { 200: watchlistListSchema } },
      },
      async (request) => ({ watchlists: await listOwnWatchlists(ctx, userIdOf(request)) }),
    );

    app.post(
      '/screener/watchlists',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Create a watchlist (symbols optional, stored upper-case). 409 WATCHLIST_NAME_TAKEN.',
          body: createWatchlistSchema,
          response: { 201: watchlistSchema, ...errorAnswers(400, 409) },
        },
      },
      async (request, reply) => reply.status(201).send(await createWatchlist(ctx, userIdOf(request), request.body)),
    );

    app.get(
      '/screener/watchlists/:id',
      {
        config: { access: 'viewer' },
        schema: { tags, params: uuidParamSchema, response: { 200: watchlistSchema, ...errorAnswers(404) } },
      },
      async (request) => getOwnWatchlist(ctx, userIdOf(request), request.params.id),
    );

    app.patch(
      '/screener/watchlists/:id',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Rename a watchlist.',
          params: uuidParamSchema,
          body: renameWatchlistSchema,
          response: { 200: watchlistSchema, ...errorAnswers(400, 404, 409) },
        },
      },
      async (request) => renameWatchlist(ctx, userIdOf(request), request.params.id, request.body.name),
    );

    app.delete(
      '/screener/watchlists/:id',
      {
        config: { access: 'analyst' },
        schema: { tags, params: uuidParamSchema, response: { 204: z.null(), ...errorAnswers(404) } },
      },
      async (request, reply) => {
        await deleteWatchlist(ctx, userIdOf(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.post(
      '/screener/watchlists/:id/symbols',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Add symbols (already present ones are kept as they were).',
          params: uuidParamSchema,
          body: watchlistSymbolsSchema,
          response: { 200: watchlistSchema, ...errorAnswers(400, 404) },
        },
      },
      async (request) => addWatchlistSymbols(ctx, userIdOf(request), request.params.id, request.body.symbols),
    );

    app.delete(
      '/screener/watchlists/:id/symbols/:symbol',
      {
        config: { access: 'analyst' },
        schema: {
          tags,
          description: 'Remove a symbol. 404 WATCHLIST_SYMBOL_NOT_FOUND when it is not on the list.',
          params: watchlistSymbolParamSchema,
          response: { 200: watchlistSchema, ...errorAnswers(404) },
        },
      },
      async (request) => removeWatchlistSymbol(ctx, userIdOf(request), request.params.id, request.params.symbol),
    );
  };
}
